import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { trackerRows } from "#tests/support/follow-up-documents";
import { DATE_FORMAT, HEADER_ROW, TRACKER_SHEET_NAME, type TrackerRow, buildTrackerWorkbook, trackerFileName } from "./tracker";

const META = { title: "Theo dõi thực hiện kiến nghị", filterDescription: "Kế hoạch 05/KH-HĐND; quá hạn", asOf: "2026-12-01" };

const HEADERS = [
  "STT",
  "Kế hoạch",
  "Thông báo kết luận",
  "Đơn vị",
  "Người/chức danh chịu trách nhiệm",
  "Nội dung kiến nghị",
  "Hạn ban đầu",
  "Hạn gia hạn",
  "Trạng thái",
  "Tình trạng hạn",
  "Số ngày quá hạn",
  "Báo cáo gần nhất",
  "Ngày chấp nhận",
];

async function readBack(rows: TrackerRow[], meta = META) {
  const buffer = await buildTrackerWorkbook(rows, meta);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return { buffer, workbook };
}

const utcDay = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

describe("buildTrackerWorkbook", () => {
  it("writes an xlsx file with one sheet named Kiến nghị", async () => {
    const { buffer, workbook } = await readBack(trackerRows(3));
    expect(buffer.subarray(0, 2).toString("latin1")).toBe("PK");
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([TRACKER_SHEET_NAME]);
    expect(TRACKER_SHEET_NAME).toBe("Kiến nghị".normalize("NFC"));
  });

  it("opens with the title, the date of the figures and the filter", async () => {
    const sheet = (await readBack(trackerRows(1))).workbook.getWorksheet(TRACKER_SHEET_NAME)!;
    expect(sheet.getCell("A1").value).toBe("Theo dõi thực hiện kiến nghị");
    expect(sheet.getCell("A1").font?.bold).toBe(true);
    expect(sheet.getCell("A2").value).toBe("Số liệu đến ngày 01/12/2026");
    expect(sheet.getCell("A3").value).toBe("Điều kiện lọc: Kế hoạch 05/KH-HĐND; quá hạn");
    const unfiltered = (await readBack([], { ...META, filterDescription: "  " })).workbook.getWorksheet(TRACKER_SHEET_NAME)!;
    expect(unfiltered.getCell("A3").value).toBe("Điều kiện lọc: tất cả kiến nghị");
  });

  it("has a bold Vietnamese header row, frozen and filtered", async () => {
    const rows = trackerRows(5);
    const sheet = (await readBack(rows)).workbook.getWorksheet(TRACKER_SHEET_NAME)!;
    const header = sheet.getRow(HEADER_ROW);
    expect(HEADERS.map((_, index) => header.getCell(index + 1).value)).toEqual(HEADERS);
    expect(header.getCell(1).font?.bold).toBe(true);
    expect(header.getCell(13).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: HEADER_ROW });
    expect(sheet.autoFilter).toBe(`A${HEADER_ROW}:M${HEADER_ROW + rows.length}`);
  });

  it("writes one row per recommendation with its values, dates as date cells and days as numbers", async () => {
    const rows = trackerRows(6);
    const sheet = (await readBack(rows)).workbook.getWorksheet(TRACKER_SHEET_NAME)!;
    expect(sheet.rowCount - HEADER_ROW).toBe(rows.length);
    rows.forEach((row, index) => {
      const cells = sheet.getRow(HEADER_ROW + 1 + index);
      const value = (column: number) => cells.getCell(column).value;
      expect(value(1)).toBe(index + 1);
      expect([value(2), value(3), value(4), value(5), value(6)]).toEqual([
        row.planReference,
        row.noticeReference,
        row.unitName,
        row.addressedRole,
        row.text,
      ]);
      expect(value(7)).toEqual(utcDay(row.deadline));
      expect(value(8)).toEqual(row.extendedDeadline ? utcDay(row.extendedDeadline) : null);
      expect([value(9), value(10)]).toEqual([row.statusLabel, row.deadlineLabel]);
      expect(value(11)).toBe(row.daysOverdue);
      if (row.daysOverdue !== null) expect(cells.getCell(11).type).toBe(ExcelJS.ValueType.Number);
      // An instant is the date it was in Vietnam: 18:30 UTC on the 19th is the 20th there.
      expect(value(12)).toEqual(row.lastReportAt ? utcDay("2026-11-20") : null);
      expect(value(13)).toEqual(row.acceptedAt ? utcDay("2026-11-25") : null);
      for (const column of [7, 12]) {
        if (value(column) !== null) {
          expect(cells.getCell(column).type).toBe(ExcelJS.ValueType.Date);
          expect(cells.getCell(column).numFmt).toBe(DATE_FORMAT);
        }
      }
      expect(cells.getCell(6).alignment?.wrapText).toBe(true);
    });
    expect(sheet.getColumn(6).width).toBeGreaterThan(sheet.getColumn(2).width!);
  });

  it("keeps a date on its calendar day whatever the time zone the process runs in", async () => {
    // The tests run in America/New_York: a local-midnight Date would land on the day before in UTC.
    const [row] = trackerRows(1);
    const sheet = (await readBack([{ ...row, deadline: "2026-01-31" }])).workbook.getWorksheet(TRACKER_SHEET_NAME)!;
    const cell = sheet.getCell(`G${HEADER_ROW + 1}`);
    expect((cell.value as Date).toISOString()).toBe("2026-01-31T00:00:00.000Z");
  });

  it("stores every text in NFC even when it arrives decomposed", async () => {
    const rows = trackerRows(2).map((row) => ({
      ...row,
      unitName: row.unitName.normalize("NFD"),
      text: row.text.normalize("NFD"),
      statusLabel: row.statusLabel.normalize("NFD"),
    }));
    const sheet = (await readBack(rows, { ...META, title: META.title.normalize("NFD") })).workbook.getWorksheet(TRACKER_SHEET_NAME)!;
    const texts: string[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => typeof cell.value === "string" && texts.push(cell.value)));
    expect(texts.length).toBeGreaterThan(HEADERS.length + 2 * 5);
    for (const text of texts) expect(text).toBe(text.normalize("NFC"));
    expect(texts).toContain(trackerRows(2)[0].unitName);
    expect(texts).toContain("Theo dõi thực hiện kiến nghị");
  });

  it("writes a header and no rows when nothing matches", async () => {
    const sheet = (await readBack([])).workbook.getWorksheet(TRACKER_SHEET_NAME)!;
    expect(sheet.rowCount).toBe(HEADER_ROW);
    expect(sheet.getRow(HEADER_ROW).getCell(1).value).toBe("STT");
  });
});

describe("trackerFileName", () => {
  it("names the file after the date of the figures", () => {
    expect(trackerFileName("2026-12-01")).toBe("Theo-doi-kien-nghi-2026-12-01.xlsx");
    expect(() => trackerFileName("01/12/2026")).toThrow(RangeError);
  });
});
