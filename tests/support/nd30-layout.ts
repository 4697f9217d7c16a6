/**
 * Checks every Nghị định 30/2020 document shares, on a PDF read back with poppler: Tinos only and
 * embedded, words inside the 30 mm / 15 mm margins, page numbers centred in the top margin from
 * page 2, the two-column header, and Nơi nhận beside the signature block.
 */
import { expect } from "vitest";
import { type PdfDocument, type PdfPage, POINTS_PER_MM, boxOf, findPhrase } from "./pdf";

export const PAGE_WIDTH = 595.28;
export const PAGE_CENTRE = PAGE_WIDTH / 2;
const TOLERANCE = 0.5;

export const flatText = (page: PdfPage) => page.text.replace(/\s+/g, " ");

export function centreOf(page: PdfPage, phrase: string) {
  const words = findPhrase(page, phrase);
  if (!words) throw new Error(`"${phrase}" is not on page ${page.number}`);
  const box = boxOf(words);
  return { x: (box.xMin + box.xMax) / 2, ...box };
}

export function expectTinosEmbedded(pdf: PdfDocument): void {
  expect(pdf.fonts.length).toBeGreaterThanOrEqual(3);
  for (const font of pdf.fonts) {
    expect(font.name).toMatch(/^[A-Z]{6}\+Tinos-(Regular|Bold|Italic|BoldItalic)$/);
    expect(font).toMatchObject({ embedded: true, unicode: true });
  }
}

export function expectInsideMargins(pdf: PdfDocument): void {
  const words = pdf.pages.flatMap((page) => page.words);
  expect(Math.min(...words.map((word) => word.xMin))).toBeGreaterThanOrEqual(30 * POINTS_PER_MM - TOLERANCE);
  expect(Math.max(...words.map((word) => word.xMax))).toBeLessThanOrEqual(PAGE_WIDTH - 15 * POINTS_PER_MM + TOLERANCE);
  const body = pdf.pages[0].words.filter((word) => word.yMin > 200);
  // Justified body text reaches both edges of the text area.
  expect(Math.min(...body.map((word) => word.xMin))).toBeCloseTo(30 * POINTS_PER_MM, 0);
  expect(Math.max(...body.map((word) => word.xMax))).toBeCloseTo(PAGE_WIDTH - 15 * POINTS_PER_MM, 0);
}

export function expectPageNumbersFromPageTwo(pdf: PdfDocument): void {
  const topMargin = 20 * POINTS_PER_MM;
  expect(pdf.pages.length).toBeGreaterThanOrEqual(2);
  expect(pdf.pages[0].words.filter((word) => word.yMin < topMargin)).toEqual([]);
  for (const page of pdf.pages.slice(1)) {
    const inMargin = page.words.filter((word) => word.yMax < topMargin);
    expect(inMargin.map((word) => word.text)).toEqual([String(page.number)]);
    expect((inMargin[0].xMin + inMargin[0].xMax) / 2).toBeCloseTo(PAGE_CENTRE, 0);
    const firstBody = Math.min(...page.words.filter((word) => word.yMin >= topMargin).map((word) => word.yMin));
    expect(firstBody).toBeGreaterThanOrEqual(topMargin - TOLERANCE);
  }
}

/** Quốc hiệu right, issuing body left, number and date on one line, the document type centred below. */
export function expectHeaderLayout(
  pdf: PdfDocument,
  texts: { governingBody: string; issuingBody: string; numberLine: string; dateLine: string; documentType: string },
): void {
  const first = pdf.pages[0];
  const quocHieu = centreOf(first, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
  const tieuNgu = centreOf(first, "Độc lập - Tự do - Hạnh phúc");
  const issuing = centreOf(first, texts.issuingBody);
  const governing = centreOf(first, texts.governingBody);
  const number = centreOf(first, texts.numberLine);
  const date = centreOf(first, texts.dateLine);
  expect(quocHieu.x).toBeGreaterThan(PAGE_CENTRE);
  expect(quocHieu.xMax).toBeLessThanOrEqual(PAGE_WIDTH - 15 * POINTS_PER_MM + TOLERANCE);
  expect(issuing.xMax).toBeLessThan(PAGE_CENTRE);
  expect(tieuNgu.x).toBeCloseTo(quocHieu.x, 0);
  expect(issuing.x).toBeCloseTo(governing.x, 0);
  expect(tieuNgu.yMin).toBeGreaterThan(quocHieu.yMax - TOLERANCE);
  expect(Math.abs(number.yMin - date.yMin)).toBeLessThan(1.5);
  expect(quocHieu.yMin).toBeLessThan(20 * POINTS_PER_MM + 20);
  const title = centreOf(first, texts.documentType);
  expect(title.yMin).toBeGreaterThan(date.yMax);
  expect(title.x).toBeCloseTo(30 * POINTS_PER_MM + (PAGE_WIDTH - 45 * POINTS_PER_MM) / 2, 0);
}

/** "Nơi nhận:" at the left margin on the authority's line; the name under the authority, with room to sign. */
export function expectClosingLayout(pdf: PdfDocument, authority: string, signerName: string): void {
  const last = pdf.pages.at(-1)!;
  const label = centreOf(last, "Nơi nhận:");
  const authorityBox = centreOf(last, authority);
  const signer = centreOf(last, signerName);
  expect(Math.abs(label.yMax - authorityBox.yMax)).toBeLessThan(2);
  expect(label.xMin).toBeCloseTo(30 * POINTS_PER_MM, 0);
  expect(authorityBox.x).toBeGreaterThan(PAGE_CENTRE);
  expect(signer.x).toBeCloseTo(authorityBox.x, 0);
  expect(signer.yMin - authorityBox.yMax).toBeGreaterThan(50);
  const archive = centreOf(last, "- Lưu: VT.");
  expect(archive.yMin).toBeGreaterThan(label.yMax);
}
