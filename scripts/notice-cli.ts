/**
 * `npm run notice -- <supervision.json> <out.pdf|out.docx>`: the conclusion notice (Thông báo kết
 * luận) of one supervision file (docs/supervision-file.md) as a PDF or a Word document, without the
 * app or a database. The logic is here, with its input and output passed in, so tests run it
 * without spawning; scripts/notice.ts binds it to the process.
 *
 * Exit codes: 0 written; 1 the input could not be read or is not a valid supervision file, or the
 * output could not be written (nothing is left behind); 2 wrong arguments (usage printed).
 */
import { randomBytes } from "node:crypto";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { buildNoticeDocument } from "#templates/documents/notice";
import { renderNoticeDocx } from "#templates/documents/notice-docx";
import { renderPdf } from "~/documents/pdf.server";
import { type NoticeDocumentData, noticeDocumentFromFile } from "~/domain/notice-composition";
import { formatNumber, vietnamDate } from "~/domain/vietnamese";
import { parseSupervisionFile } from "~/schemas/supervision-file";
import { setVietnameseZodMessages } from "~/schemas/zod-vietnamese";

export const NOTICE_FORMATS = ["pdf", "docx"] as const;
export type NoticeFormat = (typeof NOTICE_FORMATS)[number];

/** The notice's bytes in each format, from the data both documents print. */
export const NOTICE_RENDERERS: Record<NoticeFormat, (data: NoticeDocumentData) => Promise<Buffer>> = {
  pdf: (data) => renderPdf(buildNoticeDocument(data)),
  docx: (data) => renderNoticeDocx(data),
};

export type NoticeCliIo = {
  readFile(file: string): Promise<string>;
  /** Writes the whole file or nothing. */
  writeFile(file: string, bytes: Uint8Array): Promise<void>;
  stdout(line: string): void;
  stderr(line: string): void;
  /** Where relative paths start; the process's working directory. */
  cwd: string;
};

export const USAGE = [
  "Cách dùng: npm run notice -- <tệp-giám-sát.json> <tệp-ra.pdf|tệp-ra.docx>",
  "  In Thông báo kết luận của một cuộc giám sát ra PDF hoặc Word (.docx), theo đuôi của tệp ra.",
  "Ví dụ:     npm run notice -- templates/examples/binh-an.json thong-bao-12.pdf",
  "Định dạng tệp giám sát: docs/supervision-file.md",
].join("\n");

/** "pdf" for "x.PDF", null for anything else. */
export function outputFormat(file: string): NoticeFormat | null {
  const extension = path.extname(file).slice(1).toLowerCase();
  return (NOTICE_FORMATS as readonly string[]).includes(extension) ? (extension as NoticeFormat) : null;
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === "ENOENT") return "không tìm thấy tệp hoặc thư mục";
  if (code === "EACCES" || code === "EPERM") return "không có quyền truy cập";
  if (code === "EISDIR") return "đây là một thư mục";
  return error instanceof Error ? error.message : String(error);
}

export async function runNoticeCli(argv: string[], io: NoticeCliIo): Promise<number> {
  if (argv.length === 1 && (argv[0] === "-h" || argv[0] === "--help")) {
    io.stdout(USAGE);
    return 0;
  }
  if (argv.length !== 2) {
    io.stderr(argv.length < 2 ? "Thiếu tham số: cần tệp giám sát và tệp ra." : `Thừa tham số: cần đúng hai, có ${argv.length}.`);
    io.stderr(USAGE);
    return 2;
  }
  const [input, output] = argv;
  const format = outputFormat(output);
  if (!format) {
    io.stderr(`Tệp ra phải có đuôi .pdf hoặc .docx: "${output}".`);
    io.stderr(USAGE);
    return 2;
  }
  const inputPath = path.resolve(io.cwd, input);
  const outputPath = path.resolve(io.cwd, output);

  let json: string;
  try {
    json = await io.readFile(inputPath);
  } catch (error) {
    io.stderr(`Không đọc được tệp giám sát "${input}": ${reason(error)}.`);
    return 1;
  }
  setVietnameseZodMessages();
  const parsed = parseSupervisionFile(json);
  if (!parsed.ok) {
    io.stderr(`Tệp "${input}" không phải tệp giám sát hợp lệ. Chưa ghi tệp nào. Cần sửa:`);
    for (const problem of parsed.problems) io.stderr(`  ${problem}`);
    return 1;
  }

  let bytes: Buffer;
  try {
    bytes = await NOTICE_RENDERERS[format](noticeDocumentFromFile(parsed.file, vietnamDate()));
  } catch (error) {
    io.stderr(`Không tạo được tài liệu ${format.toUpperCase()}: ${reason(error)}. Chưa ghi tệp nào.`);
    return 1;
  }
  try {
    await io.writeFile(outputPath, bytes);
  } catch (error) {
    io.stderr(`Không ghi được tệp "${output}": ${reason(error)}.`);
    return 1;
  }
  io.stdout(`Đã ghi ${outputPath} (${formatNumber(bytes.byteLength)} byte).`);
  return 0;
}

/** A temporary file beside the target, renamed over it: a reader never sees half a document. */
export async function writeFileAtomic(file: string, bytes: Uint8Array): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    await writeFile(temporary, bytes, { flag: "wx" });
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

export const processIo: NoticeCliIo = {
  readFile: (file) => readFile(file, "utf8"),
  writeFile: writeFileAtomic,
  stdout: (line) => console.log(line),
  stderr: (line) => console.error(line),
  // `npm run` starts scripts in the package's folder; paths the user typed are relative to where they were.
  cwd: (process.env.npm_lifecycle_event === "notice" && process.env.INIT_CWD) || process.cwd(),
};
