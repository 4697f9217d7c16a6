/**
 * The supervision plan of seed 001 rendered to a real PDF and read back with poppler: A4, Tinos
 * embedded, the Nghị định 30 header and margins, page numbers from page 2, intact Vietnamese text.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { type PdfDocument, type PdfPage, POINTS_PER_MM, boxOf, findPhrase, readPdf } from "#tests/support/pdf";
import { seed001PlanData } from "#tests/support/plan-document";
import { buildPlanDocument, planPdfFileName } from "#templates/documents/plan";
import { pdfResponse, renderPdf } from "~/documents/pdf.server";
import { formatShortDate } from "~/domain/vietnamese";

const PAGE_CENTRE = 595.28 / 2;
const TOLERANCE = 0.5;

let bytes: Buffer;
let pdf: PdfDocument;

beforeAll(async () => {
  bytes = await renderPdf(buildPlanDocument(seed001PlanData()));
  pdf = readPdf(bytes);
});

const flat = (page: PdfPage) => page.text.replace(/\s+/g, " ");
const centreOf = (page: PdfPage, phrase: string) => {
  const words = findPhrase(page, phrase);
  if (!words) throw new Error(`"${phrase}" is not on page ${page.number}`);
  const box = boxOf(words);
  return { x: (box.xMin + box.xMax) / 2, ...box };
};

describe("plan 05/KH-HĐND as a PDF", () => {
  it("is A4 with two pages or more", () => {
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.info["Page size"]).toMatch(/^595\.\d+ x 841\.\d+ pts \(A4\)$/);
    expect(Number(pdf.info.Pages)).toBeGreaterThanOrEqual(2);
    for (const page of pdf.pages) expect([Math.round(page.width), Math.round(page.height)]).toEqual([595, 842]);
    expect(pdf.info.Title).toBe("Kế hoạch 05/KH-HĐND");
  });

  it("embeds only the Tinos fonts", () => {
    expect(pdf.fonts.length).toBeGreaterThanOrEqual(3);
    for (const font of pdf.fonts) {
      expect(font.name).toMatch(/^[A-Z]{6}\+Tinos-(Regular|Bold|Italic|BoldItalic)$/);
      expect(font).toMatchObject({ embedded: true, unicode: true });
    }
  });

  it("extracts the header, title, team and recipients intact and in NFC", () => {
    const text = pdf.pages.map(flat).join(" ");
    for (const phrase of [
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      "HĐND PHƯỜNG BÌNH AN",
      "THƯỜNG TRỰC",
      "Số: 05/KH-HĐND",
      "Bình An, ngày 01 tháng 4 năm 2024",
      "KẾ HOẠCH",
      "Trần Thị Thuỳ Trang – Chủ tịch HĐND phường – Trưởng đoàn",
      "Bùi Dương Ân",
      "Vũ Thị Nhưng",
      `từ ngày ${formatShortDate("2023-01-01")} đến ngày ${formatShortDate("2024-03-31")}`,
      "TM. THƯỜNG TRỰC HĐND",
      "Nơi nhận:",
      "- Lưu: VT.",
    ]) {
      expect(text, phrase).toContain(phrase);
    }
    expect(text.normalize("NFC")).toBe(text);
    expect(text).not.toContain("\uFFFD");
  });

  it("keeps every word inside the 30 mm left and 15 mm right margins", () => {
    const words = pdf.pages.flatMap((page) => page.words);
    expect(Math.min(...words.map((word) => word.xMin))).toBeGreaterThanOrEqual(30 * POINTS_PER_MM - TOLERANCE);
    expect(Math.max(...words.map((word) => word.xMax))).toBeLessThanOrEqual(595.28 - 15 * POINTS_PER_MM + TOLERANCE);
    const body = pdf.pages[0].words.filter((word) => word.yMin > 200);
    // Justified body text reaches both edges of the text area.
    expect(Math.min(...body.map((word) => word.xMin))).toBeCloseTo(30 * POINTS_PER_MM, 0);
    expect(Math.max(...body.map((word) => word.xMax))).toBeCloseTo(595.28 - 15 * POINTS_PER_MM, 0);
  });

  it("numbers page 2 in the centre of the top margin, and not page 1", () => {
    const topMargin = 20 * POINTS_PER_MM;
    expect(pdf.pages[0].words.filter((word) => word.yMin < topMargin)).toEqual([]);
    for (const page of pdf.pages.slice(1)) {
      const inMargin = page.words.filter((word) => word.yMax < topMargin);
      expect(inMargin.map((word) => word.text)).toEqual([String(page.number)]);
      expect((inMargin[0].xMin + inMargin[0].xMax) / 2).toBeCloseTo(PAGE_CENTRE, 0);
    }
    const firstBody = Math.min(...pdf.pages[1].words.filter((word) => word.yMin >= topMargin).map((word) => word.yMin));
    expect(firstBody).toBeGreaterThanOrEqual(topMargin - TOLERANCE);
  });

  it("sets the Quốc hiệu on the right half and the issuing body on the left, dates on the number's line", () => {
    const first = pdf.pages[0];
    const quocHieu = centreOf(first, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    const tieuNgu = centreOf(first, "Độc lập - Tự do - Hạnh phúc");
    const issuing = centreOf(first, "THƯỜNG TRỰC");
    const governing = centreOf(first, "HĐND PHƯỜNG BÌNH AN");
    const number = centreOf(first, "Số: 05/KH-HĐND");
    const date = centreOf(first, "Bình An, ngày 01 tháng 4 năm 2024");
    expect(quocHieu.x).toBeGreaterThan(PAGE_CENTRE);
    expect(quocHieu.xMax).toBeLessThanOrEqual(595.28 - 15 * POINTS_PER_MM + TOLERANCE);
    expect(issuing.xMax).toBeLessThan(PAGE_CENTRE);
    expect(tieuNgu.x).toBeCloseTo(quocHieu.x, 0);
    expect(issuing.x).toBeCloseTo(governing.x, 0);
    expect(tieuNgu.yMin).toBeGreaterThan(quocHieu.yMax - TOLERANCE);
    expect(Math.abs(number.yMin - date.yMin)).toBeLessThan(1.5);
    expect(quocHieu.yMin).toBeLessThan(20 * POINTS_PER_MM + 20);
    const title = centreOf(first, "KẾ HOẠCH");
    expect(title.yMin).toBeGreaterThan(date.yMax);
    expect(title.x).toBeCloseTo(30 * POINTS_PER_MM + (595.28 - 45 * POINTS_PER_MM) / 2, 0);
  });

  it("puts Nơi nhận on the left, on the line of the signing authority", () => {
    const last = pdf.pages.at(-1)!;
    const label = centreOf(last, "Nơi nhận:");
    const authority = centreOf(last, "TM. THƯỜNG TRỰC HĐND");
    const signer = centreOf(last, "Trần Thị Thuỳ Trang");
    expect(Math.abs(label.yMax - authority.yMax)).toBeLessThan(2);
    expect(label.xMin).toBeCloseTo(30 * POINTS_PER_MM, 0);
    expect(authority.x).toBeGreaterThan(PAGE_CENTRE);
    expect(signer.x).toBeCloseTo(authority.x, 0);
    expect(signer.yMin - authority.yMax).toBeGreaterThan(50);
    const archive = centreOf(last, "- Lưu: VT.");
    expect(archive.yMin).toBeGreaterThan(label.yMax);
  });

  it("renders a definition without changing it, so it can be rendered again", async () => {
    const definition = buildPlanDocument(seed001PlanData({ signer: { deputy: true, name: "Bùi Dương Ân" } }));
    const before = JSON.stringify(definition);
    const again = readPdf(await renderPdf(definition));
    expect(JSON.stringify(definition)).toBe(before);
    const text = again.pages.map(flat).join(" ");
    expect(text).toContain("KT. CHỦ TỊCH");
    expect(text).toContain("PHÓ CHỦ TỊCH");
  });

  it("fetches no URL and reads no local file but the fonts", async () => {
    await expect(renderPdf({ content: [{ image: "https://example.com/logo.png" }] })).rejects.toThrow(/access policy/);
    await expect(renderPdf({ content: [{ image: "/etc/hostname" }] })).rejects.toThrow(/access policy/);
  });

  it("answers inline as application/pdf with an ASCII and a UTF-8 file name, never cached", async () => {
    const response = pdfResponse(bytes, planPdfFileName(seed001PlanData()));
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    expect(response.headers.get("Content-Disposition")).toBe(
      `inline; filename="Ke-hoach-05-KH-HDND.pdf"; filename*=UTF-8''${encodeURIComponent("Kế-hoạch-05-KH-HĐND.pdf")}`,
    );
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
  });
});

describe("document references in justified text", () => {
  it("are never pulled apart by justification", async () => {
    // A long purpose paragraph: the references fall inside justified (not last) lines.
    const purpose =
      "Thực hiện Nghị quyết số 12/NQ-HĐND ngày 30/6/2026 của Hội đồng nhân dân phường về chương trình giám sát năm 2026, Nghị định số 118/2025/NĐ-CP ngày 09/6/2025 của Chính phủ và Thông tư số 03/2025/TT-VPCP, Thường trực Hội đồng nhân dân phường đánh giá việc tiếp nhận, giải quyết thủ tục hành chính theo cơ chế một cửa, một cửa liên thông tại Bộ phận Một cửa, kịp thời chấn chỉnh tồn tại, hạn chế.";
    const doc = readPdf(await renderPdf(buildPlanDocument(seed001PlanData({ purpose }))));
    const words = doc.pages.flatMap((page) => page.words.map((w) => w.text));
    for (const reference of ["12/NQ-HĐND", "30/6/2026", "118/2025/NĐ-CP", "03/2025/TT-VPCP,"]) expect(words).toContain(reference);
  });
});
