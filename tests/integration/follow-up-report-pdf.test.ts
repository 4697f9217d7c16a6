/**
 * The standing committee's follow-up report rendered to a real PDF and read back with poppler:
 * the counts as given, every row of the list in its columns, the table's header row on every page
 * it runs onto, the message when nothing matches, and a 500-row list.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { UNIT_NAMES, followUpData } from "#tests/support/follow-up-documents";
import {
  PAGE_WIDTH,
  centreOf,
  expectClosingLayout,
  expectHeaderLayout,
  expectInsideMargins,
  expectPageNumbersFromPageTwo,
  expectTinosEmbedded,
  flatText,
} from "#tests/support/nd30-layout";
import { POINTS_PER_MM, type PdfDocument, type PdfPage, type PdfWord, readPdf } from "#tests/support/pdf";
import {
  type FollowUpReportData,
  NO_ROWS_MESSAGE,
  TABLE_WIDTHS,
  TEXT_COLUMN_WIDTH,
  buildFollowUpReport,
  countsSentence,
} from "#templates/documents/follow-up-report";
import { renderPdf } from "~/documents/pdf.server";

const LEFT = 30 * POINTS_PER_MM;
const RIGHT = PAGE_WIDTH - 15 * POINTS_PER_MM;
const HEADER_LINE = "STT Đơn vị Kiến nghị Thời hạn Tình trạng";

/** Each column's left and right edge, as pdfmake lays the table: 3 pt padding each side, 0.5 pt rules. */
const COLUMNS = (() => {
  const widths = TABLE_WIDTHS.map((width) => (width === "*" ? TEXT_COLUMN_WIDTH : width));
  let x = LEFT + 0.5;
  return widths.map((width) => {
    const column = { xMin: x, xMax: x + width + 6 };
    x = column.xMax + 0.5;
    return column;
  });
})();

/** The words of a line: those on the same baseline as `word`, left to right. */
const lineOf = (page: PdfPage, word: PdfWord) =>
  page.words.filter((other) => Math.abs(other.yMax - word.yMax) < 1).sort((a, b) => a.xMin - b.xMin);

/** The table's header rows on a page: lines that read "STT Đơn vị Kiến nghị Thời hạn Tình trạng". */
function headerRows(page: PdfPage): PdfWord[][] {
  return page.words
    .filter((word) => word.text === "STT")
    .map((word) => lineOf(page, word))
    .filter((line) => line.map((word) => word.text).join(" ") === HEADER_LINE);
}

/** The words printed in one column of the table, in reading order, below the header row of each page. */
function columnWords(pdf: PdfDocument, column: number): string[] {
  const { xMin, xMax } = COLUMNS[column];
  return pdf.pages.flatMap((page) => {
    const header = headerRows(page)[0];
    if (!header) return [];
    const top = header[0].yMax + 1;
    const end = page.words.find((word) => /^III\.|^II\./.test(word.text) && word.yMin > top)?.yMin ?? Infinity;
    return page.words
      .filter((word) => word.xMin >= xMin - 0.5 && word.xMax <= xMax + 0.5 && word.yMin > top && word.yMin < end)
      .sort((a, b) => a.yMin - b.yMin || a.xMin - b.xMin)
      .map((word) => word.text);
  });
}

const render = async (data: FollowUpReportData) => readPdf(await renderPdf(buildFollowUpReport(data)));
const allText = (pdf: PdfDocument) => pdf.pages.map(flatText).join(" ");

let pdf: PdfDocument;
let empty: PdfDocument;
let big: PdfDocument;
const small = followUpData(12);
const bigData = followUpData(500, {
  totals: { total: 500, completedOnTime: 100, completedLate: 25, open: 375, overdue: 100, dueSoon: 40 },
});

beforeAll(async () => {
  pdf = await render(small);
  empty = await render(followUpData(0, { totals: { total: 0, completedOnTime: 0, completedLate: 0, open: 0, overdue: 0, dueSoon: 0 } }));
  big = await render(bigData);
}, 120_000);

describe("the follow-up report as a PDF", () => {
  it("has the standing committee's header and a blank number for the văn thư", () => {
    expectHeaderLayout(pdf, {
      governingBody: "HĐND PHƯỜNG BÌNH AN",
      issuingBody: "THƯỜNG TRỰC",
      numberLine: "/BC-HĐND",
      dateLine: "năm 2026",
      documentType: "BÁO CÁO",
    });
    expect(flatText(pdf.pages[0])).toMatch(/Số:\s+\/BC-HĐND/);
    expect(pdf.info.Title).toBe("Báo cáo (dự thảo)");
  });

  it("embeds only the Tinos fonts and keeps every word inside the margins", () => {
    expectTinosEmbedded(pdf);
    expectInsideMargins(pdf);
  });

  it("states the counts as the totals give them, and the rates", () => {
    const text = allText(pdf);
    expect(text).toContain("Tổng số 25 kiến nghị; đã hoàn thành 12 (đúng hạn 10, quá hạn 2); đang thực hiện 13, trong đó quá hạn 5.");
    expect(text).toContain(countsSentence(small.totals));
    expect(text).toContain("Tỷ lệ hoàn thành 48,0% (12/25); trong số đã hoàn thành, 83,3% đúng hạn.");
    expect(text).toContain("(số liệu tính đến ngày 01/12/2026; phạm vi: Kế hoạch 05/KH-HĐND;");
  });

  it("lists every row in the table's columns: number, unit, deadline", () => {
    expect(columnWords(pdf, 0)).toEqual(small.rows.map((_, index) => String(index + 1)));
    expect(columnWords(pdf, 1).join(" ")).toBe(small.rows.map((row) => row.unitName).join(" "));
    for (const unit of UNIT_NAMES) expect(columnWords(pdf, 1).join(" ")).toContain(unit);
    expect(columnWords(pdf, 3).filter((word) => /^\d/.test(word))).toEqual(
      small.rows.flatMap((row) => (row.extendedDeadline ? ["31/10/2026", "30/11/2026"] : ["31/10/2026"])),
    );
    const status = columnWords(pdf, 4).join(" ");
    expect(status).toContain("Quá hạn 32 ngày");
    expect(status).toContain("Báo cáo gần nhất: 20/11/2026");
  });

  it("sets the table smaller than the body, from 11 pt", () => {
    const first = pdf.pages[0];
    const body = centreOf(first, "I. TÌNH HÌNH THỰC HIỆN");
    const header = headerRows(first)[0];
    const ratio = (header[0].yMax - header[0].yMin) / (body.yMax - body.yMin);
    expect(ratio).toBeGreaterThan(10.5 / 13);
    expect(ratio).toBeLessThan(12.5 / 13);
  });

  it("keeps the proposal's heading on the page of its paragraph", () => {
    const pageOf = (phrase: string) => pdf.pages.findIndex((page) => flatText(page).includes(phrase));
    expect(pageOf("III. ĐỀ XUẤT")).toBeGreaterThan(0);
    expect(pageOf("III. ĐỀ XUẤT")).toBe(pageOf("Đề nghị UBND phường Phố Châu"));
  });

  it("names the units with overdue recommendations in the proposal, and signs for the standing committee", () => {
    const text = allText(pdf);
    expect(text).toMatch(/Đề nghị UBND phường Phố Châu, Bộ phận Một cửa phường Bình An, Công an\s+phường Thảo Điền khẩn trương/);
    expectClosingLayout(pdf, "TM. THƯỜNG TRỰC HĐND", "Trần Thị Thuỳ Trang");
  });

  it("extracts as NFC with no replacement characters", () => {
    const text = allText(pdf);
    expect(text.normalize("NFC")).toBe(text);
    expect(text).not.toContain("\uFFFD");
    expect(text).not.toMatch(/\p{M}/u);
  });
});

describe("with nothing matching the filter", () => {
  it("says so on one page, with no table", () => {
    expect(empty.pages).toHaveLength(1);
    const text = allText(empty);
    expect(text).toContain(NO_ROWS_MESSAGE);
    expect(text).toContain("II. ĐỀ XUẤT");
    expect(text).not.toContain("DANH SÁCH");
    expect(headerRows(empty.pages[0])).toEqual([]);
  });
});

describe("with 500 rows", () => {
  it("runs onto many pages, numbered from page 2, inside the margins", () => {
    expect(big.pages.length).toBeGreaterThan(20);
    expectPageNumbersFromPageTwo(big);
    const words = big.pages.flatMap((page) => page.words);
    expect(Math.min(...words.map((word) => word.xMin))).toBeGreaterThanOrEqual(LEFT - 0.5);
    expect(Math.max(...words.map((word) => word.xMax))).toBeLessThanOrEqual(RIGHT + 0.5);
  });

  it("repeats the header row at the top of every page the table runs onto", () => {
    const tablePages = big.pages.filter((page) => page.words.some((word) => /^\d+$/.test(word.text) && word.xMax < COLUMNS[0].xMax && word.yMin > 20 * POINTS_PER_MM));
    expect(tablePages.length).toBeGreaterThan(20);
    for (const page of tablePages) {
      const rows = headerRows(page);
      expect(rows, `page ${page.number}`).toHaveLength(1);
      if (page.number > 1) {
        const body = page.words.filter((word) => word.yMin > 20 * POINTS_PER_MM);
        expect(rows[0][0].yMin, `page ${page.number}`).toBeLessThanOrEqual(Math.min(...body.map((word) => word.yMin)) + 0.5);
      }
    }
  });

  it("prints every row once, in order, and the counts", () => {
    expect(columnWords(big, 0)).toEqual(bigData.rows.map((_, index) => String(index + 1)));
    expect(columnWords(big, 1).join(" ")).toBe(bigData.rows.map((row) => row.unitName).join(" "));
    expect(allText(big)).toContain("Tổng số 500 kiến nghị; đã hoàn thành 125 (đúng hạn 100, quá hạn 25); đang thực hiện 375, trong đó quá hạn 100.");
    expect(flatText(big.pages.at(-1)!)).toContain("Nơi nhận:");
  });
});
