/**
 * The supervision plan of seed 001 rendered to a real PDF and read back with poppler: A4, Tinos
 * embedded, the Nghị định 30 header and margins, page numbers from page 2, intact Vietnamese text.
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  expectClosingLayout,
  expectHeaderLayout,
  expectInsideMargins,
  expectPageNumbersFromPageTwo,
  expectTinosEmbedded,
  flatText as flat,
} from "#tests/support/nd30-layout";
import { type PdfDocument, readPdf } from "#tests/support/pdf";
import { seed001PlanData } from "#tests/support/plan-document";
import { buildPlanDocument, planPdfFileName } from "#templates/documents/plan";
import { pdfResponse, renderPdf } from "~/documents/pdf.server";
import { formatShortDate } from "~/domain/vietnamese";

let bytes: Buffer;
let pdf: PdfDocument;

beforeAll(async () => {
  bytes = await renderPdf(buildPlanDocument(seed001PlanData()));
  pdf = readPdf(bytes);
});

describe("plan 05/KH-HĐND as a PDF", () => {
  it("is A4 with two pages or more", () => {
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.info["Page size"]).toMatch(/^595\.\d+ x 841\.\d+ pts \(A4\)$/);
    expect(Number(pdf.info.Pages)).toBeGreaterThanOrEqual(2);
    for (const page of pdf.pages) expect([Math.round(page.width), Math.round(page.height)]).toEqual([595, 842]);
    expect(pdf.info.Title).toBe("Kế hoạch 05/KH-HĐND");
  });

  it("embeds only the Tinos fonts", () => expectTinosEmbedded(pdf));

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

  it("keeps every word inside the 30 mm left and 15 mm right margins", () => expectInsideMargins(pdf));

  it("numbers page 2 in the centre of the top margin, and not page 1", () => expectPageNumbersFromPageTwo(pdf));

  it("sets the Quốc hiệu on the right half and the issuing body on the left, dates on the number's line", () =>
    expectHeaderLayout(pdf, {
      governingBody: "HĐND PHƯỜNG BÌNH AN",
      issuingBody: "THƯỜNG TRỰC",
      numberLine: "Số: 05/KH-HĐND",
      dateLine: "Bình An, ngày 01 tháng 4 năm 2024",
      documentType: "KẾ HOẠCH",
    }));

  it("puts Nơi nhận on the left, on the line of the signing authority", () =>
    expectClosingLayout(pdf, "TM. THƯỜNG TRỰC HĐND", "Trần Thị Thuỳ Trang"));

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

  it("are followed by the same justified space as any other word of their line", async () => {
    const purpose =
      "Thực hiện Nghị quyết số 12/NQ-HĐND ngày 30/6/2026 của Hội đồng nhân dân phường về chương trình giám sát năm 2026, Nghị định số 118/2025/NĐ-CP ngày 09/6/2025 của Chính phủ và Thông tư số 03/2025/TT-VPCP, Thường trực Hội đồng nhân dân phường đánh giá việc tiếp nhận, giải quyết thủ tục hành chính theo cơ chế một cửa, một cửa liên thông tại Bộ phận Một cửa, kịp thời chấn chỉnh tồn tại, hạn chế.";
    const doc = readPdf(await renderPdf(buildPlanDocument(seed001PlanData({ purpose }))));
    const words = doc.pages.flatMap((page) => page.words);
    let checked = 0;
    for (const reference of ["12/NQ-HĐND", "30/6/2026", "118/2025/NĐ-CP"]) {
      const at = words.findIndex((w) => w.text === reference);
      const line = words.filter((w) => Math.abs(w.yMin - words[at].yMin) < 1).sort((a, b) => a.xMin - b.xMin);
      const gaps = line.slice(1).map((w, i) => w.xMin - line[i].xMax);
      const index = line.indexOf(words[at]);
      if (index === line.length - 1) continue;
      const sorted = [...gaps].sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)];
      expect(gaps[index], `space after ${reference}`).toBeLessThan(median * 1.25);
      if (index > 0) expect(gaps[index - 1], `space before ${reference}`).toBeLessThan(median * 1.25);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(0);
  });
});
