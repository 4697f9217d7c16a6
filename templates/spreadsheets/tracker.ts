/**
 * The recommendation tracker as an Excel workbook: one sheet "Kiến nghị" with a title block, a
 * bold header row (frozen, with an autofilter) and one row per recommendation. Dates are real date
 * cells shown dd/mm/yyyy, counts are numbers, text is NFC. Pure apart from exceljs's writer.
 */
import ExcelJS from "exceljs";
import { type IsoDate, cleanText, formatDate, parseIsoDate, vietnamDate } from "~/domain/vietnamese";

export type TrackerRow = {
  id: number;
  planReference: string;
  noticeReference: string;
  unitName: string;
  addressedRole: string;
  text: string;
  deadline: string;
  extendedDeadline: string | null;
  statusLabel: string;
  deadlineLabel: string;
  daysOverdue: number | null;
  /** ISO instant; printed as its Vietnam date. */
  lastReportAt: string | null;
  /** ISO instant; printed as its Vietnam date. */
  acceptedAt: string | null;
};

export type TrackerMeta = { title: string; filterDescription: string; asOf: string };

export const TRACKER_SHEET_NAME = "Kiến nghị";
export const DATE_FORMAT = "dd/mm/yyyy";

type Column = { header: string; width: number; value: (row: TrackerRow, index: number) => ExcelJS.CellValue; date?: boolean; wrap?: boolean };

/** An IsoDate as the Excel date of that calendar day (UTC midnight: exceljs writes UTC serials). */
export function excelDate(value: IsoDate): Date {
  const { year, month, day } = parseIsoDate(value);
  return new Date(Date.UTC(year, month - 1, day));
}

/** An instant as the Excel date of its day in Vietnam. */
const instantDate = (instant: string | null) => (instant ? excelDate(vietnamDate(new Date(instant))) : null);

const text = cleanText;

export const TRACKER_COLUMNS: Column[] = [
  { header: "STT", width: 6, value: (_row, index) => index + 1 },
  { header: "Kế hoạch", width: 14, value: (row) => text(row.planReference) },
  { header: "Thông báo kết luận", width: 24, value: (row) => text(row.noticeReference), wrap: true },
  { header: "Đơn vị", width: 26, value: (row) => text(row.unitName), wrap: true },
  { header: "Người/chức danh chịu trách nhiệm", width: 24, value: (row) => text(row.addressedRole), wrap: true },
  { header: "Nội dung kiến nghị", width: 60, value: (row) => text(row.text), wrap: true },
  { header: "Hạn ban đầu", width: 13, value: (row) => excelDate(row.deadline), date: true },
  { header: "Hạn gia hạn", width: 13, value: (row) => (row.extendedDeadline ? excelDate(row.extendedDeadline) : null), date: true },
  { header: "Trạng thái", width: 18, value: (row) => text(row.statusLabel), wrap: true },
  { header: "Tình trạng hạn", width: 24, value: (row) => text(row.deadlineLabel), wrap: true },
  { header: "Số ngày quá hạn", width: 10, value: (row) => row.daysOverdue },
  { header: "Báo cáo gần nhất", width: 14, value: (row) => instantDate(row.lastReportAt), date: true },
  { header: "Ngày chấp nhận", width: 14, value: (row) => instantDate(row.acceptedAt), date: true },
];

/** The header row's number: under the title, the date of the figures and the filter. */
export const HEADER_ROW = 4;

const THIN = { style: "thin" } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** "Theo-doi-kien-nghi-2026-12-01.xlsx". */
export function trackerFileName(asOf: IsoDate): string {
  parseIsoDate(asOf);
  return `Theo-doi-kien-nghi-${asOf}.xlsx`;
}

export async function buildTrackerWorkbook(rows: TrackerRow[], meta: TrackerMeta): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Giám sát HĐND";
  const sheet = workbook.addWorksheet(TRACKER_SHEET_NAME, {
    views: [{ state: "frozen", xSplit: 0, ySplit: HEADER_ROW, topLeftCell: `A${HEADER_ROW + 1}` }],
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}` },
  });
  sheet.columns = TRACKER_COLUMNS.map((column) => ({ width: column.width }));

  const filter = text(meta.filterDescription);
  sheet.getCell("A1").value = text(meta.title);
  sheet.getCell("A1").font = { bold: true, size: 14 };
  sheet.getCell("A2").value = `Số liệu đến ngày ${formatDate(meta.asOf)}`;
  sheet.getCell("A2").font = { italic: true };
  sheet.getCell("A3").value = filter ? `Điều kiện lọc: ${filter}` : "Điều kiện lọc: tất cả kiến nghị";
  sheet.getCell("A3").font = { italic: true };

  const header = sheet.getRow(HEADER_ROW);
  header.values = TRACKER_COLUMNS.map((column) => column.header);
  header.font = { bold: true };
  header.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
  header.eachCell((cell) => {
    cell.border = BORDER;
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE7E6E6" } };
  });

  rows.forEach((row, index) => {
    const sheetRow = sheet.getRow(HEADER_ROW + 1 + index);
    TRACKER_COLUMNS.forEach((column, columnIndex) => {
      const cell = sheetRow.getCell(columnIndex + 1);
      cell.value = column.value(row, index);
      cell.border = BORDER;
      cell.alignment = { vertical: "top", wrapText: column.wrap ?? false, horizontal: column.date ? "center" : undefined };
      if (column.date) cell.numFmt = DATE_FORMAT;
    });
  });

  const lastRow = HEADER_ROW + rows.length;
  sheet.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: lastRow, column: TRACKER_COLUMNS.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
