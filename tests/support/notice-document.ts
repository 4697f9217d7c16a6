import { readFileSync } from "node:fs";
import { type NoticeDocumentData, noticeDocumentFromFile } from "~/domain/notice-composition";
import { type SupervisionFile, parseSupervisionFile } from "~/schemas/supervision-file";

/** templates/examples/binh-an.json: seed 001 as a supervision file. */
export function binhAnFile(): SupervisionFile {
  const parsed = parseSupervisionFile(readFileSync(new URL("../../templates/examples/binh-an.json", import.meta.url), "utf8"));
  if (!parsed.ok) throw new Error(parsed.problems.join("\n"));
  return parsed.file;
}

/** The seed-001 notice 12/TB-HĐND as the document builders take it, with optional changes. */
export function seed001NoticeData(overrides: Partial<NoticeDocumentData> = {}): NoticeDocumentData {
  return { ...noticeDocumentFromFile(binhAnFile()), ...overrides };
}

/** The figures of seed 001 exactly as the seed writes them. */
export const SEED_001_FIGURES = ["11.701", "8.979", "2.722", "3.557/4.709", "75,5%", "67.170.000", "1.686/1.754", "96,1%", "22.778.000"];
export const SEED_001_NAMES = ["Trần Thị Thuỳ Trang", "Bùi Dương Ân", "Vũ Thị Nhưng"];
