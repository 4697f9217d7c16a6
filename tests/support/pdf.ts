/**
 * Reads a rendered PDF the way a person checking it would, through poppler-utils (pdftotext,
 * pdffonts, pdfinfo in /usr/bin; `apt-get install -y poppler-utils`): text per page, words with
 * their boxes in points (origin top left), fonts and page sizes.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export type PdfWord = { text: string; xMin: number; yMin: number; xMax: number; yMax: number };
export type PdfPage = { number: number; width: number; height: number; text: string; words: PdfWord[] };
export type PdfFont = { name: string; type: string; encoding: string; embedded: boolean; subset: boolean; unicode: boolean };
export type PdfDocument = { info: Record<string, string>; pages: PdfPage[]; fonts: PdfFont[] };

function run(command: string, args: string[]): string {
  return execFileSync(command, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, entity: string) => {
    if (entity.startsWith("#x") || entity.startsWith("#X")) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith("#")) return String.fromCodePoint(Number(entity.slice(1)));
    return ENTITIES[entity] ?? whole;
  });
}

/** `pdftotext -bbox` output → words per page, with the page sizes. */
export function parseBbox(html: string): Omit<PdfPage, "text">[] {
  const pages: Omit<PdfPage, "text">[] = [];
  const pagePattern = /<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g;
  const wordPattern = /<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([\s\S]*?)<\/word>/g;
  for (const page of html.matchAll(pagePattern)) {
    const words = [...page[3].matchAll(wordPattern)].map((word) => ({
      xMin: Number(word[1]),
      yMin: Number(word[2]),
      xMax: Number(word[3]),
      yMax: Number(word[4]),
      text: decodeEntities(word[5]),
    }));
    pages.push({ number: pages.length + 1, width: Number(page[1]), height: Number(page[2]), words });
  }
  return pages;
}

/** `pdffonts` table → one entry per font (name, type, encoding, emb, sub, uni). */
export function parseFonts(table: string): PdfFont[] {
  const lines = table.split("\n");
  const rule = lines.findIndex((line) => /^-+ -+/.test(line));
  if (rule < 0) return [];
  const columns = [...lines[rule].matchAll(/-+/g)].map((match) => ({ start: match.index, end: match.index + match[0].length }));
  return lines
    .slice(rule + 1)
    .filter((line) => line.trim())
    .map((line) => {
      const cell = (index: number) => line.slice(columns[index].start, columns[index + 1]?.start ?? line.length).trim();
      return {
        name: cell(0),
        type: cell(1),
        encoding: cell(2),
        embedded: cell(3) === "yes",
        subset: cell(4) === "yes",
        unicode: cell(5) === "yes",
      };
    });
}

export function parseInfo(text: string): Record<string, string> {
  const info: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const match = /^([^:]+):\s*(.*)$/.exec(line);
    if (match) info[match[1].trim()] = match[2].trim();
  }
  return info;
}

/** Everything poppler reads from the PDF bytes. */
export function readPdf(bytes: Uint8Array): PdfDocument {
  const directory = mkdtempSync(path.join(tmpdir(), "pdf-check-"));
  const file = path.join(directory, "document.pdf");
  try {
    writeFileSync(file, bytes);
    const layoutText = run("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"]).split("\f");
    const boxes = parseBbox(run("pdftotext", ["-bbox", "-enc", "UTF-8", file, "-"]));
    return {
      info: parseInfo(run("pdfinfo", [file])),
      fonts: parseFonts(run("pdffonts", [file])),
      pages: boxes.map((page, index) => ({ ...page, text: layoutText[index] ?? "" })),
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** The words of a phrase as laid out on a page, in order, or null when the page does not hold it. */
export function findPhrase(page: Pick<PdfPage, "words">, phrase: string): PdfWord[] | null {
  const wanted = phrase.split(/\s+/).filter(Boolean);
  for (let start = 0; start + wanted.length <= page.words.length; start++) {
    if (wanted.every((word, offset) => page.words[start + offset].text === word)) {
      return page.words.slice(start, start + wanted.length);
    }
  }
  return null;
}

/** The box around some words. */
export function boxOf(words: PdfWord[]): Omit<PdfWord, "text"> {
  return {
    xMin: Math.min(...words.map((word) => word.xMin)),
    yMin: Math.min(...words.map((word) => word.yMin)),
    xMax: Math.max(...words.map((word) => word.xMax)),
    yMax: Math.max(...words.map((word) => word.yMax)),
  };
}

export const POINTS_PER_MM = 72 / 25.4;

/** Every string a pdfmake definition (or part of one) would print, in document order. */
export function definitionTexts(node: unknown): string[] {
  if (typeof node === "string") return [node];
  if (Array.isArray(node)) return node.flatMap(definitionTexts);
  if (!node || typeof node !== "object") return [];
  const record = node as Record<string, unknown>;
  // A text node's array holds the inline runs of one paragraph: read them as one string.
  if ("text" in record) return Array.isArray(record.text) ? [definitionTexts(record.text).join("")] : definitionTexts(record.text);
  return ["stack", "columns", "table", "body", "content", "ul", "ol"].flatMap((key) => (key in record ? definitionTexts(record[key]) : []));
}
