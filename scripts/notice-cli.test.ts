import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { readPdf } from "#tests/support/pdf";
import { type NoticeCliIo, USAGE, outputFormat, runNoticeCli, writeFileAtomic } from "./notice-cli";

const root = path.resolve(import.meta.dirname, "..");
const EXAMPLE = "templates/examples/binh-an.json";
const exampleText = readFileSync(path.join(root, EXAMPLE), "utf8");
const scratch = mkdtempSync(path.join(tmpdir(), "notice-cli-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Files in memory; what the CLI printed, line by line. */
function memoryIo(files: Record<string, string> = {}, cwd = "/work") {
  const written = new Map<string, Uint8Array>();
  const out: string[] = [];
  const err: string[] = [];
  const io: NoticeCliIo = {
    cwd,
    async readFile(file) {
      if (!(file in files)) throw Object.assign(new Error(`ENOENT: ${file}`), { code: "ENOENT" });
      return files[file];
    },
    async writeFile(file, bytes) {
      if (file.startsWith("/readonly/")) throw Object.assign(new Error(`EACCES: ${file}`), { code: "EACCES" });
      written.set(file, bytes);
    },
    stdout: (line) => out.push(...line.split("\n")),
    stderr: (line) => err.push(...line.split("\n")),
  };
  return { io, written, out, err };
}

function withChanges(change: (file: Record<string, unknown>) => void): string {
  const file = JSON.parse(exampleText) as Record<string, unknown>;
  change(file);
  return JSON.stringify(file);
}

describe("runNoticeCli", () => {
  it("writes the notice as a PDF, relative paths from the working directory, and says where and how big", async () => {
    const { io, written, out, err } = memoryIo({ "/work/in/binh-an.json": exampleText });
    expect(await runNoticeCli(["in/binh-an.json", "out/thong-bao.pdf"], io)).toBe(0);
    const bytes = written.get("/work/out/thong-bao.pdf");
    expect(Buffer.from(bytes!.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
    const size = bytes!.byteLength.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    expect(out).toEqual([`Đã ghi /work/out/thong-bao.pdf (${size} byte).`]);
    expect(err).toEqual([]);
  });

  it("writes a Word document for .docx, whatever the case of the extension", async () => {
    const { io, written } = memoryIo({ "/work/binh-an.json": exampleText });
    expect(await runNoticeCli(["binh-an.json", "/tmp/Thong-bao.DOCX"], io)).toBe(0);
    const bytes = Buffer.from(written.get("/tmp/Thong-bao.DOCX")!);
    expect(bytes.subarray(0, 4).toString("latin1")).toBe("PK\u0003\u0004");
    expect(bytes.includes("word/document.xml")).toBe(true);
  });

  it("lists every problem of an invalid file in Vietnamese with its JSON path, and writes nothing", async () => {
    const invalid = withChanges((file) => {
      const team = file.team as { role: string }[];
      team[0].role = "member"; // no lead left
      const figures = file.figures as { numerator: number; denominator?: number }[];
      figures[0].denominator = 1; // 36 / 1
      (file.findings as { figureIds?: string[] }[])[1].figureIds = ["procedure-fields", "khong-co"];
      delete file.notice;
    });
    const { io, written, out, err } = memoryIo({ "/work/x.json": invalid });
    expect(await runNoticeCli(["x.json", "x.pdf"], io)).toBe(1);
    expect(written.size).toBe(0);
    expect(out).toEqual([]);
    expect(err[0]).toBe('Tệp "x.json" không phải tệp giám sát hợp lệ. Chưa ghi tệp nào. Cần sửa:');
    expect(err.slice(1)).toEqual(["  figures.0.numerator: Tử số lớn hơn mẫu số.", "  notice: Thiếu mục bắt buộc này."]);

    // Cross-references are checked once the shape is right.
    const { io: io2, err: err2 } = memoryIo({
      "/work/x.json": withChanges((file) => {
        (file.team as { role: string }[])[0].role = "member";
        (file.findings as { figureIds?: string[] }[])[1].figureIds = ["procedure-fields", "khong-co"];
      }),
    });
    expect(await runNoticeCli(["x.json", "x.pdf"], io2)).toBe(1);
    expect(err2.slice(1)).toEqual([
      '  findings.1.figureIds.1: Không có số liệu mã "khong-co".',
      "  team: Đoàn giám sát cần đúng một Trưởng đoàn (role lead).",
    ]);
  });

  it("says so when the input is not JSON or cannot be read", async () => {
    const broken = memoryIo({ "/work/x.json": "{ not json" });
    expect(await runNoticeCli(["x.json", "x.pdf"], broken.io)).toBe(1);
    expect(broken.err[1]).toMatch(/^ {2}Tệp không phải JSON hợp lệ/);
    const missing = memoryIo();
    expect(await runNoticeCli(["khong-co.json", "x.pdf"], missing.io)).toBe(1);
    expect(missing.err).toEqual(['Không đọc được tệp giám sát "khong-co.json": không tìm thấy tệp hoặc thư mục.']);
    expect(missing.written.size + broken.written.size).toBe(0);
  });

  it("reports a file it cannot write", async () => {
    const { io, err, out } = memoryIo({ "/work/binh-an.json": exampleText });
    expect(await runNoticeCli(["binh-an.json", "/readonly/x.pdf"], io)).toBe(1);
    expect(err).toEqual(['Không ghi được tệp "/readonly/x.pdf": không có quyền truy cập.']);
    expect(out).toEqual([]);
  });

  it("prints the usage and exits 2 on missing, extra or wrongly named arguments, reading nothing", async () => {
    for (const argv of [[], ["binh-an.json"], ["binh-an.json", "x.pdf", "y.pdf"], ["binh-an.json", "x.txt"], ["binh-an.json", "pdf"]]) {
      const { io, written, err } = memoryIo({ "/work/binh-an.json": exampleText });
      expect(await runNoticeCli(argv, io), argv.join(" ")).toBe(2);
      expect(err.join("\n")).toContain(USAGE);
      expect(written.size).toBe(0);
    }
    const wrong = memoryIo();
    await runNoticeCli(["a.json", "b.txt"], wrong.io);
    expect(wrong.err[0]).toBe('Tệp ra phải có đuôi .pdf hoặc .docx: "b.txt".');
    const help = memoryIo();
    expect(await runNoticeCli(["--help"], help.io)).toBe(0);
    expect(help.out.join("\n")).toBe(USAGE);
  });

  it("takes the format from the extension", () => {
    expect(outputFormat("a/b.pdf")).toBe("pdf");
    expect(outputFormat("b.Docx")).toBe("docx");
    expect(outputFormat("b.doc")).toBeNull();
    expect(outputFormat("pdf")).toBeNull();
  });
});

describe("writeFileAtomic", () => {
  it("replaces the file whole and leaves no temporary file", async () => {
    const file = path.join(scratch, "atomic.pdf");
    writeFileSync(file, "old");
    await writeFileAtomic(file, Buffer.from("new bytes"));
    expect(readFileSync(file, "utf8")).toBe("new bytes");
    expect(readdirSync(scratch).filter((name) => name.includes("atomic"))).toEqual(["atomic.pdf"]);
  });

  it("on failure throws and removes its temporary file", async () => {
    const directory = path.join(scratch, "taken.pdf");
    mkdirSync(path.join(directory, "inside"), { recursive: true });
    await expect(writeFileAtomic(directory, Buffer.from("x"))).rejects.toThrow();
    expect(readdirSync(scratch).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });
});

// Each spawn starts node and tsx: slow on a loaded machine.
describe("npm run notice, spawned", { timeout: 90_000 }, () => {
  it("renders templates/examples/binh-an.json to a PDF that reads back with the seed's figures", async () => {
    const output = path.join(scratch, "x.pdf");
    const { stdout, stderr } = await promisify(execFile)("npx", ["tsx", "scripts/notice.ts", EXAMPLE, output], { cwd: root });
    expect(stdout.trim()).toBe(`Đã ghi ${output} (${readFileSync(output).byteLength.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ".")} byte).`);
    expect(stderr).not.toMatch(/Error|at .*\.ts:\d+/);
    const pdf = readPdf(readFileSync(output));
    const text = pdf.pages.map((page) => page.text).join("\n");
    expect(text).toContain("11.701");
    expect(text).toContain("THÔNG BÁO");
    expect(pdf.info.Title).toBe("Thông báo 12/TB-HĐND");
  });

  it("exits 1 on an invalid file, 2 on a wrong extension, and writes nothing", async () => {
    const invalid = path.join(scratch, "invalid.json");
    writeFileSync(invalid, withChanges((file) => delete file.unit));
    const run = (args: string[]) =>
      promisify(execFile)("npx", ["tsx", "scripts/notice.ts", ...args], { cwd: root }).then(
        () => ({ code: 0, stderr: "" }),
        (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
      );
    const bad = await run([invalid, path.join(scratch, "invalid.pdf")]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("unit: Thiếu mục bắt buộc này.");
    const usage = await run([EXAMPLE, path.join(scratch, "x.odt")]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("Cách dùng: npm run notice --");
    expect(readdirSync(scratch).filter((name) => /invalid\.pdf|x\.odt/.test(name))).toEqual([]);
  });
});
