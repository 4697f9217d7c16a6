import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type SupervisionFile, parseSupervisionFile } from "~/schemas/supervision-file";
import {
  applyBlockEdits,
  composeNotice,
  describeFigure,
  figureSentences,
  noticeDocumentFromFile,
  printedBlocks,
  recomposeKeepingEdits,
  supervisionPhrase,
} from "./notice-composition";

function example(): SupervisionFile {
  const parsed = parseSupervisionFile(readFileSync(new URL("../../templates/examples/binh-an.json", import.meta.url), "utf8"));
  if (!parsed.ok) throw new Error(parsed.problems.join("\n"));
  return parsed.file;
}

const figure = (overrides: Partial<SupervisionFile["figures"][number]>): SupervisionFile["figures"][number] => ({
  id: "x",
  label: "Số hồ sơ tiếp nhận",
  measureUnit: "hồ sơ",
  numerator: 11701,
  denominator: null,
  periodStart: "2023-01-01",
  periodEnd: "2024-03-31",
  source: "verified",
  targetPercent: null,
  decimals: 2,
  ...overrides,
});

describe("figures as sentences", () => {
  it("writes counts, fractions and targets the way the seeds do", () => {
    expect(describeFigure(figure({}))).toBe("số hồ sơ tiếp nhận: 11.701 hồ sơ");
    expect(describeFigure(figure({ label: "Thanh toán trực tuyến", numerator: 3557, denominator: 4709, decimals: 1 }))).toBe(
      "thanh toán trực tuyến: 3.557/4.709 hồ sơ đạt tỷ lệ 75,5%",
    );
    expect(describeFigure(figure({ label: "Tỷ lệ đúng hạn", numerator: 9787, denominator: 10000, targetPercent: 97 }))).toBe(
      "tỷ lệ đúng hạn: 9.787/10.000 hồ sơ, đạt 97,87%, vượt 0,87% so với chỉ tiêu được giao (97%)",
    );
    expect(describeFigure(figure({ label: "Tỷ lệ số hóa", numerator: 755, denominator: 1000, targetPercent: 80, decimals: 1 }))).toContain(
      "thấp hơn 4,5% so với chỉ tiêu được giao (80%)",
    );
  });

  it("writes a late rate against its ceiling, never as achieved", () => {
    const late = { label: "Tỷ lệ hồ sơ giải quyết quá hạn", numerator: 1157, denominator: 19150, targetPercent: 5 };
    expect(describeFigure(figure({ ...late, code: "late_rate" }))).toBe(
      "tỷ lệ hồ sơ giải quyết quá hạn: 1.157/19.150 hồ sơ, ở mức 6,04%, vượt 1,04% so với mức tối đa cho phép (5%)",
    );
    expect(describeFigure(figure({ ...late, code: "late_rate", targetPercent: null }))).toBe(
      "tỷ lệ hồ sơ giải quyết quá hạn: 1.157/19.150 hồ sơ, ở mức 6,04%",
    );
  });

  it("groups figures by period, one sentence each", () => {
    const sentences = figureSentences([
      figure({ id: "a" }),
      figure({ id: "b", label: "Số tiền thu", measureUnit: "đồng", numerator: 67170000, periodEnd: "2023-12-31" }),
      figure({ id: "c", label: "Số tin phản ánh", measureUnit: "tin", numerator: 22 }),
    ]);
    expect(sentences).toEqual([
      "Từ ngày 01/01/2023 đến ngày 31/3/2024, số hồ sơ tiếp nhận: 11.701 hồ sơ; số tin phản ánh: 22 tin.",
      "Từ ngày 01/01/2023 đến ngày 31/12/2023, số tiền thu: 67.170.000 đồng.",
    ]);
  });
});

describe("composeNotice", () => {
  it("composes seed 001 in the order of the model notice", () => {
    const { summary, blocks } = composeNotice(example());
    expect(summary).toMatch(/^Kết luận của Thường trực Hội đồng nhân dân phường/);
    const keys = blocks.map((block) => block.key);
    expect(keys.slice(0, 5)).toEqual(["opening", "heading-assessment", "team", "unit", "preparation"]);
    expect(keys.indexOf("heading-achievements")).toBeLessThan(keys.indexOf("achievement-dossiers"));
    expect(keys.indexOf("achievement-dossiers-figures-1")).toBe(keys.indexOf("achievement-dossiers") + 1);
    expect(keys.indexOf("causes-objective")).toBeGreaterThan(keys.indexOf("shortcoming-postal"));
    expect(keys.at(-1)).toBe("closing");
    expect(new Set(keys).size).toBe(keys.length);
    const byKey = Object.fromEntries(blocks.map((block) => [block.key, block.text]));
    expect(byKey.opening).toBe(
      "Thực hiện Kế hoạch số 05/KH-HĐND ngày 01/4/2024 của Thường trực HĐND phường Bình An về việc giám sát tình hình tiếp nhận " +
        "và giải quyết thủ tục hành chính tại Bộ phận một cửa UBND phường, thời kỳ giám sát từ ngày 01/01/2023 đến ngày 31/3/2024. " +
        "Qua giám sát, Thường trực HĐND phường Bình An thông báo kết luận như sau:",
    );
    expect(byKey.team).toContain("đồng chí Trần Thị Thuỳ Trang – Phó Bí thư Thường trực Đảng ủy, Chủ tịch HĐND phường – Trưởng đoàn;");
    expect(byKey["achievement-dossiers-figures-1"]).toContain("11.701 hồ sơ");
    expect(byKey["causes-subjective"]).toBe("Nguyên nhân chủ quan: nhân sự tại bộ phận một cửa được luân chuyển từ các chức danh khác chuyển sang.");
    expect(byKey["recommendation-2"]).toMatch(/^2\. Đề nghị UBND phường: Niêm yết lại .* trước ngày 30\/8\/2024\.$/);
  });

  it("says so when a part is empty, and writes a standard preparation sentence", () => {
    const file = { ...example(), findings: [], recommendations: [], notice: { ...example().notice, preparation: "" } };
    const texts = composeNotice(file).blocks.map((block) => block.text);
    expect(texts).toContain("Đoàn giám sát chưa ghi nhận kết quả nổi bật.");
    expect(texts).toContain("Đoàn giám sát chưa phát hiện tồn tại, hạn chế.");
    expect(texts).toContain("Đoàn giám sát không có kiến nghị.");
    expect(texts.some((text) => text.startsWith("Công tác chuẩn bị được thực hiện tốt"))).toBe(true);
  });

  it("prints a late-rate figure of a file against its ceiling under the shortcoming citing it", () => {
    const json = JSON.parse(readFileSync(new URL("../../templates/examples/binh-an.json", import.meta.url), "utf8"));
    json.figures.push({
      id: "late-2023",
      code: "late_rate",
      label: "Tỷ lệ hồ sơ giải quyết quá hạn",
      measureUnit: "hồ sơ",
      numerator: 1157,
      denominator: 19150,
      periodStart: "2023-01-01",
      periodEnd: "2023-12-31",
      targetPercent: 5,
    });
    json.findings.find((finding: { id: string }) => finding.id === "staffing").figureIds = ["late-2023"];
    const parsed = parseSupervisionFile(JSON.stringify(json));
    if (!parsed.ok) throw new Error(parsed.problems.join("\n"));
    const block = composeNotice(parsed.file).blocks.find((b) => b.key === "shortcoming-staffing-figures-1");
    expect(block?.text).toBe(
      "Từ ngày 01/01/2023 đến ngày 31/12/2023, tỷ lệ hồ sơ giải quyết quá hạn: 1.157/19.150 hồ sơ, ở mức 6,04%, vượt 1,04% so với mức tối đa cho phép (5%).",
    );
  });

  it("cites a plan without a number as the supervision plan", () => {
    const file = example();
    const opening = composeNotice({ ...file, plan: { ...file.plan, number: null, issueDate: null } }).blocks[0].text;
    expect(opening).toMatch(/^Thực hiện Kế hoạch giám sát của Thường trực HĐND phường Bình An/);
  });

  it("keeps 'giám sát' once whether or not the subject starts with it", () => {
    expect(supervisionPhrase("Giám sát việc X.")).toBe("giám sát việc X");
    expect(supervisionPhrase("Việc X")).toBe("giám sát việc X");
  });
});

describe("editing blocks", () => {
  it("replaces the edited texts in place, ignores unknown keys, drops empty blocks from print", () => {
    const { blocks } = composeNotice(example());
    const edited = applyBlockEdits(blocks, { unit: "  Đơn vị: Bộ phận Một cửa.  ", preparation: "", nowhere: "x" });
    expect(edited).toHaveLength(blocks.length);
    expect(edited.find((block) => block.key === "unit")!.text).toBe("Đơn vị: Bộ phận Một cửa.");
    expect(printedBlocks(edited).some((block) => block.key === "preparation")).toBe(false);
    expect(printedBlocks(edited).some((block) => block.key === "nowhere")).toBe(false);
  });

  it("prints a block typed on several lines as several paragraphs", () => {
    const printed = printedBlocks([
      { key: "a", kind: "paragraph", text: "Đoạn một.\r\n\n  Đoạn   hai.  \n" },
      { key: "b", kind: "heading", text: "II. KẾT QUẢ" },
    ]);
    expect(printed).toEqual([
      { key: "a", kind: "paragraph", text: "Đoạn một." },
      { key: "a~2", kind: "paragraph", text: "Đoạn hai." },
      { key: "b", kind: "heading", text: "II. KẾT QUẢ" },
    ]);
  });

  it("recomposes keeping edited blocks, taking new text for untouched ones, dropping removed ones", () => {
    const old = [
      { key: "opening", kind: "paragraph" as const, text: "Mở đầu cũ." },
      { key: "unit", kind: "paragraph" as const, text: "Đơn vị: sửa tay." },
      { key: "shortcoming-f1", kind: "paragraph" as const, text: "- Tồn tại đã bị xóa." },
    ];
    const composed = { opening: "Mở đầu cũ.", unit: "Đơn vị được giám sát: X.", "shortcoming-f1": "- Tồn tại đã bị xóa." };
    const fresh = [
      { key: "opening", kind: "paragraph" as const, text: "Mở đầu mới." },
      { key: "unit", kind: "paragraph" as const, text: "Đơn vị được giám sát: Y." },
      { key: "achievement-f2", kind: "paragraph" as const, text: "Kết quả mới." },
    ];
    expect(recomposeKeepingEdits({ blocks: old, composed }, fresh).map((block) => block.text)).toEqual([
      "Mở đầu mới.",
      "Đơn vị: sửa tay.",
      "Kết quả mới.",
    ]);
    expect(recomposeKeepingEdits({ blocks: old, composed: {} }, fresh)).toEqual(fresh);
  });

  it("normalises decomposed text typed into a block to NFC", () => {
    const decomposed = "Nguyễn".normalize("NFD");
    const [block] = applyBlockEdits([{ key: "k", kind: "paragraph", text: "" }], { k: decomposed });
    expect(block.text).toBe("Nguyễn");
    expect(block.text).toBe(block.text.normalize("NFC"));
  });

  it("prints a file's own blocks when it carries them", () => {
    const file = example();
    const data = noticeDocumentFromFile({ ...file, notice: { ...file.notice, blocks: [{ key: "only", kind: "paragraph", text: "Một đoạn." }] } });
    expect(data.blocks).toEqual([{ key: "only", kind: "paragraph", text: "Một đoạn." }]);
    expect(data.number).toBe(12);
    expect(noticeDocumentFromFile(file).blocks.length).toBeGreaterThan(20);
    const draft = { ...file, notice: { ...file.notice, number: null, issueDate: null } };
    expect(noticeDocumentFromFile(draft, "2026-11-24").draftYear).toBe(2026);
    expect(noticeDocumentFromFile(draft).draftYear).toBe(2024);
    expect(noticeDocumentFromFile(file, "2026-11-24").draftYear).toBe(2024);
  });
});
