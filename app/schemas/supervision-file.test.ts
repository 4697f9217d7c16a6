import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseSupervisionFile } from "./supervision-file";

const exampleText = readFileSync(new URL("../../templates/examples/binh-an.json", import.meta.url), "utf8");
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test edits arbitrary paths of the parsed JSON
const withChange = (change: (file: any) => void) => {
  const file = JSON.parse(exampleText);
  change(file);
  return JSON.stringify(file);
};
const problemsOf = (json: string) => {
  const parsed = parseSupervisionFile(json);
  if (parsed.ok) throw new Error("expected the file to be refused");
  return parsed.problems.join("\n");
};

describe("the supervision file", () => {
  it("reads the seed-001 example with defaults filled in", () => {
    const parsed = parseSupervisionFile(`\uFEFF${exampleText}`);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.file.figures.find((f) => f.id === "dossiers-received")).toMatchObject({ numerator: 11701, denominator: null, decimals: 2 });
    expect(parsed.file.notice.blocks).toBeNull();
  });

  it("refuses, with the path and a Vietnamese reason, what it cannot print", () => {
    expect(problemsOf("{ not json")).toMatch(/^Tệp không phải JSON hợp lệ/);
    expect(problemsOf(withChange((f) => (f.format = "other")))).toContain("Không phải tệp giám sát");
    expect(problemsOf(withChange((f) => (f.version = 2)))).toContain("Phiên bản tệp không được hỗ trợ");
    expect(problemsOf(withChange((f) => (f.team[0].role = "member")))).toContain("team: Đoàn giám sát cần đúng một Trưởng đoàn");
    expect(problemsOf(withChange((f) => (f.figures[7].numerator = 5000)))).toContain("figures.7.numerator: Tử số lớn hơn mẫu số.");
    expect(problemsOf(withChange((f) => f.findings[2].figureIds.push("missing")))).toContain('findings.2.figureIds.3: Không có số liệu mã "missing".');
    expect(problemsOf(withChange((f) => (f.recommendations[0].findingIds = ["nope"])))).toContain('Không có phát hiện mã "nope"');
    expect(problemsOf(withChange((f) => (f.recommendations[0].deadline = "2024-02-30")))).toContain("recommendations.0.deadline");
    expect(problemsOf(withChange((f) => (f.figures[1].id = f.figures[0].id)))).toContain("bị trùng");
    expect(problemsOf(withChange((f) => (f.unit.name = "   ")))).toContain("unit.name: Thiếu tên đơn vị được giám sát.");
  });
});
