import type { Content, ContentTable } from "pdfmake/interfaces";
import { describe, expect, it } from "vitest";
import { followUpData, followUpRow } from "#tests/support/follow-up-documents";
import { definitionTexts } from "#tests/support/pdf";
import {
  NO_ROWS_MESSAGE,
  TABLE_FONT_SIZE,
  TABLE_HEADERS,
  TEXT_COLUMN_WIDTH,
  buildFollowUpReport,
  countsSentence,
  followUpReportFileStem,
  overdueUnits,
  ratesSentence,
  recommendationTable,
} from "./follow-up-report";

const ZERO = { total: 0, completedOnTime: 0, completedLate: 0, open: 0, overdue: 0, dueSoon: 0 };
const contentOf = (data = followUpData()) => buildFollowUpReport(data).content as Content[];
const textsOf = (data = followUpData()) => definitionTexts(contentOf(data));
/** The list: the only table with a header row (the document header is a table too). */
const tableOf = (data = followUpData()) =>
  contentOf(data).find((node): node is ContentTable => "table" in (node as object) && (node as ContentTable).table.headerRows === 1);

describe("the counts", () => {
  it("reads the totals as one sentence", () => {
    expect(countsSentence({ total: 25, completedOnTime: 10, completedLate: 2, open: 13, overdue: 5, dueSoon: 3 })).toBe(
      "Tổng số 25 kiến nghị; đã hoàn thành 12 (đúng hạn 10, quá hạn 2); đang thực hiện 13, trong đó quá hạn 5.",
    );
    expect(countsSentence({ ...ZERO, total: 4, open: 4 })).toBe("Tổng số 4 kiến nghị; đã hoàn thành 0; đang thực hiện 4.");
    expect(countsSentence({ ...ZERO, total: 1200, completedOnTime: 1200 })).toBe(
      "Tổng số 1.200 kiến nghị; đã hoàn thành 1.200 (đúng hạn 1.200, quá hạn 0); đang thực hiện 0.",
    );
  });

  it("gives the rates with a decimal comma", () => {
    expect(ratesSentence({ total: 25, completedOnTime: 10, completedLate: 2, open: 13, overdue: 5, dueSoon: 0 })).toBe(
      "Tỷ lệ hoàn thành 48,0% (12/25); trong số đã hoàn thành, 83,3% đúng hạn.",
    );
    expect(ratesSentence({ ...ZERO, total: 3, open: 3 })).toBe("Tỷ lệ hoàn thành 0,0% (0/3).");
    expect(ratesSentence(ZERO)).toBeNull();
  });
});

describe("buildFollowUpReport", () => {
  it("is the standing committee's report: header, draft number, summary", () => {
    const texts = textsOf();
    expect(texts.slice(0, 4)).toEqual(["HĐND PHƯỜNG BÌNH AN", "THƯỜNG TRỰC", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]);
    expect(texts).toContain("Số:      /BC-HĐND");
    expect(texts).toContain("Bình An, ngày      tháng      năm 2026");
    expect(textsOf(followUpData(1, { number: 4, issueDate: "2026-12-02" }))).toContain("Số: 04/BC-HĐND");
    expect(texts).toContain("Kết quả giám sát việc thực hiện kiến nghị sau giám sát");
  });

  it("opens with the date of the figures and the filter, then the three sections", () => {
    const texts = textsOf();
    expect(texts).toContain(
      "Thường trực HĐND phường Bình An báo cáo kết quả theo dõi, giám sát việc thực hiện các kiến nghị sau giám sát " +
        "(số liệu tính đến ngày 01/12/2026; phạm vi: Kế hoạch 05/KH-HĐND; đơn vị UBND phường Bình An; quá hạn) như sau:",
    );
    expect(textsOf(followUpData(1, { filterDescription: "" })).some((text) => text.includes("(số liệu tính đến ngày 01/12/2026) như sau:"))).toBe(true);
    const order = ["I. TÌNH HÌNH THỰC HIỆN", "II. DANH SÁCH KIẾN NGHỊ", "III. ĐỀ XUẤT"].map((heading) => texts.indexOf(heading));
    expect(order.every((index) => index > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(texts[order[0] + 1]).toBe(countsSentence(followUpData().totals));
    expect(texts).toContain("Số kiến nghị sắp đến hạn: 3.");
  });

  it("lists the recommendations in a table whose header row repeats", () => {
    const table = tableOf()!;
    expect(table.table.headerRows).toBe(1);
    expect(table.table.body).toHaveLength(1 + 4);
    expect(definitionTexts(table.table.body[0])).toEqual([...TABLE_HEADERS]);
    expect(table.fontSize).toBe(TABLE_FONT_SIZE);
    expect(TABLE_FONT_SIZE).toBeGreaterThanOrEqual(11);
    expect(TEXT_COLUMN_WIDTH).toBeGreaterThan(150);
    const second = definitionTexts(table.table.body[2]);
    expect(second).toEqual([
      "2",
      "UBND phường Phố Châu",
      followUpRow(1).text,
      "(Thông báo 12/TB-HĐND ngày 05/4/2024)",
      "31/10/2026",
      "Đang thực hiện",
      "Quá hạn 32 ngày",
      "Báo cáo gần nhất: 20/11/2026",
    ]);
    const extended = definitionTexts(table.table.body[3]);
    expect(extended.slice(4, 7)).toEqual(["31/10/2026", "gia hạn đến", "30/11/2026"]);
  });

  it("names the plan in each row only when the rows span several plans", () => {
    const one = definitionTexts(recommendationTable([followUpRow(0), followUpRow(1)]));
    expect(one.some((text) => text.includes("Kế hoạch"))).toBe(false);
    const two = definitionTexts(recommendationTable([followUpRow(0), followUpRow(1, { planReference: "07/KH-HĐND" })]));
    expect(two).toContain("(Thông báo 12/TB-HĐND ngày 05/4/2024; Kế hoạch 07/KH-HĐND)");
  });

  it("proposes to the units that are late, naming each once", () => {
    const rows = [followUpRow(1), followUpRow(6), followUpRow(2), followUpRow(11, { unitName: "UBND phường Phố Châu" })];
    expect(overdueUnits(rows)).toEqual(["UBND phường Phố Châu", "Bộ phận Một cửa phường Bình An"]);
    const texts = textsOf(followUpData(0, { rows }));
    expect(texts[texts.indexOf("III. ĐỀ XUẤT") + 1]).toMatch(
      /^Đề nghị UBND phường Phố Châu, Bộ phận Một cửa phường Bình An khẩn trương thực hiện các kiến nghị đã quá hạn/,
    );
    const onTime = textsOf(followUpData(0, { rows: [followUpRow(0)] }));
    expect(onTime[onTime.indexOf("III. ĐỀ XUẤT") + 1]).toMatch(/^Đề nghị các đơn vị tiếp tục thực hiện các kiến nghị chưa hoàn thành/);
  });

  it("says when nothing matches the filter, and leaves the list out", () => {
    const texts = textsOf(followUpData(0, { totals: ZERO }));
    expect(texts).toContain(NO_ROWS_MESSAGE);
    expect(texts).toContain("I. TÌNH HÌNH THỰC HIỆN");
    expect(texts).toContain("II. ĐỀ XUẤT");
    expect(texts.some((text) => text.includes("DANH SÁCH"))).toBe(false);
    expect(tableOf(followUpData(0, { totals: ZERO }))).toBeUndefined();
  });

  it("signs TM. THƯỜNG TRỰC HĐND / CHỦ TỊCH, recipients ending with Lưu: VT.", () => {
    const texts = textsOf();
    const authority = texts.indexOf("TM. THƯỜNG TRỰC HĐND");
    expect(texts.slice(authority, authority + 3)).toEqual(["TM. THƯỜNG TRỰC HĐND", "CHỦ TỊCH", "Trần Thị Thuỳ Trang"]);
    expect(texts.filter((text) => text.startsWith("- ")).at(-1)).toBe("- Lưu: VT.");
  });

  it("prints NFC text even when the rows arrive decomposed", () => {
    const data = followUpData(3);
    const decomposed = { ...data, rows: data.rows.map((row) => ({ ...row, unitName: row.unitName.normalize("NFD"), text: row.text.normalize("NFD") })) };
    const texts = textsOf(decomposed);
    expect(texts.every((text) => text === text.normalize("NFC"))).toBe(true);
    expect(texts).toEqual(textsOf(data));
  });

  it("names the file after its number, or as a draft", () => {
    expect(followUpReportFileStem({ number: 4, symbol: "BC-HĐND" })).toBe("Báo-cáo-giám-sát-kiến-nghị-04-BC-HĐND");
    expect(followUpReportFileStem({ number: null, symbol: "BC-HĐND" })).toBe("Báo-cáo-giám-sát-kiến-nghị-du-thao");
  });
});
