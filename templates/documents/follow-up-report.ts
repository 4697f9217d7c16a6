/**
 * The standing committee's report on how the recommendations after supervision are carried out
 * (Báo cáo kết quả giám sát việc thực hiện kiến nghị), on the Nghị định 30/2020 layout of nd30.ts:
 * the counts, the list of recommendations as a table whose header row repeats on every page, and
 * a proposal naming the units that are late. Pure: the follow-up model fills FollowUpReportData.
 */
import type { Content, ContentTable, CustomTableLayout, TableCell, TDocumentDefinitions } from "pdfmake/interfaces";
import { formatDocumentNumber } from "~/domain/numbering";
import { type IsoDate, cleanText, formatNumber, formatShortDate, isIsoDate, parseIsoDate, vietnamDate } from "~/domain/vietnamese";
import { CONTENT_WIDTH, type DocumentHeaderFields, type TypedSigner, headerOf, heading, issuerInRunningText, keepReferencesWhole, nd30Document, paragraph } from "./nd30";
import { signatureFromLines } from "./remediation-report";

export type FollowUpReportTotals = {
  total: number;
  completedOnTime: number;
  completedLate: number;
  /** Not completed, overdue ones included. */
  open: number;
  overdue: number;
  dueSoon: number;
};

export type FollowUpReportRow = {
  unitName: string;
  /** "05/KH-HĐND". */
  planReference: string;
  /** "12/TB-HĐND ngày 05/4/2024". */
  noticeReference: string;
  text: string;
  deadline: IsoDate;
  extendedDeadline: IsoDate | null;
  /** "Đang thực hiện", "Đã chấp nhận" …: as shown on screen. */
  statusLabel: string;
  /** Days past the effective deadline when overdue, else null. */
  daysOverdue: number | null;
  /** When the unit last reported: an IsoDate or ISO instant (printed as its Vietnam date) or text as printed. */
  lastReport: string | null;
};

/** Header fields as printed: "HĐND PHƯỜNG BÌNH AN" / "THƯỜNG TRỰC", "Số:      /BC-HĐND" while a draft for the văn thư. */
export type FollowUpReportData = DocumentHeaderFields & {
  /** The day the figures are taken on. */
  asOf: IsoDate;
  /** "Kế hoạch 05/KH-HĐND; đơn vị UBND phường Bình An; quá hạn", or "" for every recommendation. */
  filterDescription: string;
  totals: FollowUpReportTotals;
  rows: FollowUpReportRow[];
  /** authority "TM. THƯỜNG TRỰC HĐND", title "CHỦ TỊCH". */
  signer: TypedSigner;
  /** Without the final "Lưu: VT.": the closing block adds it. */
  recipients: string[];
};

export const FOLLOW_UP_DOCUMENT_TYPE = "Báo cáo";
export const FOLLOW_UP_SUMMARY = "Kết quả giám sát việc thực hiện kiến nghị sau giám sát";
export const NO_ROWS_MESSAGE = "Không có kiến nghị nào theo điều kiện đã chọn.";
export const TABLE_HEADERS = ["STT", "Đơn vị", "Kiến nghị", "Thời hạn", "Tình trạng"] as const;
/** The table's type size: smaller than the body's 13 so five columns fit the portrait page. */
export const TABLE_FONT_SIZE = 11;

const ROMAN = ["I", "II", "III", "IV", "V"];
const n = (value: number) => formatNumber(value);
const sentence = (text: string) => cleanText(text).replace(/[.;:,]+$/, "");

/** "Báo-cáo-giám-sát-kiến-nghị-04-BC-HĐND", or "…-du-thao"; the caller adds the extension. */
export function followUpReportFileStem(data: Pick<FollowUpReportData, "number" | "symbol">): string {
  const number = data.number === null ? "du-thao" : formatDocumentNumber(data.number, data.symbol).replace("/", "-");
  return `Báo-cáo-giám-sát-kiến-nghị-${number}`;
}

export function followUpReportTitle(data: Pick<FollowUpReportData, "number" | "symbol">): string {
  return data.number === null
    ? `${FOLLOW_UP_DOCUMENT_TYPE} (dự thảo)`
    : `${FOLLOW_UP_DOCUMENT_TYPE} ${formatDocumentNumber(data.number, data.symbol)}`;
}

/** "Tổng số 25 kiến nghị; đã hoàn thành 12 (đúng hạn 10, quá hạn 2); đang thực hiện 13, trong đó quá hạn 5." */
export function countsSentence(totals: FollowUpReportTotals): string {
  const completed = totals.completedOnTime + totals.completedLate;
  const breakdown = completed > 0 ? ` (đúng hạn ${n(totals.completedOnTime)}, quá hạn ${n(totals.completedLate)})` : "";
  const overdue = totals.overdue > 0 ? `, trong đó quá hạn ${n(totals.overdue)}` : "";
  return `Tổng số ${n(totals.total)} kiến nghị; đã hoàn thành ${n(completed)}${breakdown}; đang thực hiện ${n(totals.open)}${overdue}.`;
}

const percent = (part: number, whole: number) => `${formatNumber((part * 100) / whole, 1)}%`;

/** "Tỷ lệ hoàn thành 48,0% (12/25); trong số đã hoàn thành, 83,3% đúng hạn." */
export function ratesSentence(totals: FollowUpReportTotals): string | null {
  if (totals.total === 0) return null;
  const completed = totals.completedOnTime + totals.completedLate;
  const onTime = completed > 0 ? `; trong số đã hoàn thành, ${percent(totals.completedOnTime, completed)} đúng hạn` : "";
  return `Tỷ lệ hoàn thành ${percent(completed, totals.total)} (${n(completed)}/${n(totals.total)})${onTime}.`;
}

/** The units with an overdue recommendation, in the order of the rows, each once. */
export function overdueUnits(rows: FollowUpReportRow[]): string[] {
  return [...new Set(rows.filter((row) => (row.daysOverdue ?? 0) > 0).map((row) => sentence(row.unitName)))];
}

/** "20/6/2024" from an IsoDate or an instant (its Vietnam date); any other text as it is. */
function reportDate(value: string): string {
  const text = cleanText(value);
  if (isIsoDate(text)) return formatShortDate(text);
  if (/^\d{4}-\d{2}-\d{2}T/.test(text) && !Number.isNaN(Date.parse(text))) return formatShortDate(vietnamDate(new Date(text)));
  return text;
}

const pieces = (text: string): Content => {
  const value = keepReferencesWhole(cleanText(text));
  return Array.isArray(value) ? value : [value];
};

const THIN_LINES: CustomTableLayout = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  paddingLeft: () => 3,
  paddingRight: () => 3,
  paddingTop: () => 2,
  paddingBottom: () => 2,
};

const STT_WIDTH = 24;
const UNIT_WIDTH = 84;
const DEADLINE_WIDTH = 64;
const STATUS_WIDTH = 88;
export const TABLE_WIDTHS = [STT_WIDTH, UNIT_WIDTH, "*", DEADLINE_WIDTH, STATUS_WIDTH] as const;
/** What the "*" column gets: every column's width plus its padding and rules fills the text width. */
export const TEXT_COLUMN_WIDTH = CONTENT_WIDTH - STT_WIDTH - UNIT_WIDTH - DEADLINE_WIDTH - STATUS_WIDTH - 5 * 6 - 6 * 0.5;

function rowCells(row: FollowUpReportRow, index: number, withPlan: boolean): TableCell[] {
  const references = [
    row.noticeReference && `Thông báo ${sentence(row.noticeReference)}`,
    withPlan && row.planReference && `Kế hoạch ${sentence(row.planReference)}`,
  ]
    .filter(Boolean)
    .join("; ");
  const deadline: Content[] = [{ text: formatShortDate(row.deadline), noWrap: true }];
  if (row.extendedDeadline) {
    deadline.push({ text: "gia hạn đến", italics: true }, { text: formatShortDate(row.extendedDeadline), noWrap: true });
  }
  const status: Content[] = [{ text: cleanText(row.statusLabel) }];
  if ((row.daysOverdue ?? 0) > 0) status.push({ text: `Quá hạn ${n(row.daysOverdue ?? 0)} ngày`, bold: true });
  if (row.lastReport) status.push({ text: `Báo cáo gần nhất: ${reportDate(row.lastReport)}`, italics: true });
  return [
    { text: n(index + 1), alignment: "center" },
    { text: pieces(row.unitName) },
    { stack: [{ text: pieces(row.text) }, ...(references ? [{ text: pieces(`(${references})`), italics: true }] : [])] },
    { stack: deadline, alignment: "center" },
    { stack: status },
  ];
}

/** The list of recommendations; pdfmake repeats its first row at the top of every page it runs onto. */
export function recommendationTable(rows: FollowUpReportRow[]): ContentTable {
  const header: TableCell[] = TABLE_HEADERS.map((label) => ({ text: label, bold: true, alignment: "center" }));
  // Each row names its notice; its plan only when the list spans several plans.
  const withPlan = new Set(rows.map((row) => cleanText(row.planReference))).size > 1;
  return {
    table: {
      headerRows: 1,
      keepWithHeaderRows: 1,
      dontBreakRows: true,
      widths: [...TABLE_WIDTHS],
      body: [header, ...rows.map((row, index) => rowCells(row, index, withPlan))],
    },
    layout: THIN_LINES,
    fontSize: TABLE_FONT_SIZE,
    lineHeight: 1.1,
    alignment: "left",
    margin: [0, 0, 0, 6],
  };
}

function proposal(data: FollowUpReportData, issuer: string): string {
  const late = overdueUnits(data.rows);
  if (late.length > 0) {
    return (
      `Đề nghị ${late.join(", ")} khẩn trương thực hiện các kiến nghị đã quá hạn, ` +
      `báo cáo kết quả khắc phục về ${issuer}; các đơn vị khác tiếp tục thực hiện các kiến nghị còn lại bảo đảm đúng thời hạn.`
    );
  }
  if (data.totals.open > 0) {
    return `Đề nghị các đơn vị tiếp tục thực hiện các kiến nghị chưa hoàn thành bảo đảm đúng thời hạn, báo cáo kết quả khắc phục về ${issuer}.`;
  }
  if (data.totals.total > 0) {
    return `Các kiến nghị đã được thực hiện xong; đề nghị các đơn vị duy trì kết quả khắc phục. ${issuer} tiếp tục theo dõi, giám sát.`;
  }
  return `${issuer} tiếp tục theo dõi, đôn đốc việc thực hiện kiến nghị sau giám sát.`;
}

export function buildFollowUpReport(data: FollowUpReportData): TDocumentDefinitions {
  const issuer = issuerInRunningText(data.issuingBody, data.governingBody);
  const filter = sentence(data.filterDescription);
  const scope = filter ? `; phạm vi: ${filter}` : "";
  const rates = ratesSentence(data.totals);
  // Numbered as they come: with nothing to list, the list's section is left out.
  const sections: { title: string; content: Content[] }[] = [];
  if (data.totals.total === 0 && data.rows.length === 0) {
    sections.push({ title: "TÌNH HÌNH THỰC HIỆN", content: [paragraph(NO_ROWS_MESSAGE)] });
  } else {
    sections.push({
      title: "TÌNH HÌNH THỰC HIỆN",
      content: [
        paragraph(countsSentence(data.totals)),
        ...(rates ? [paragraph(rates)] : []),
        ...(data.totals.dueSoon > 0 ? [paragraph(`Số kiến nghị sắp đến hạn: ${n(data.totals.dueSoon)}.`)] : []),
      ],
    });
    sections.push({
      title: "DANH SÁCH KIẾN NGHỊ",
      content: [data.rows.length ? recommendationTable(data.rows) : paragraph(NO_ROWS_MESSAGE)],
    });
  }
  sections.push({ title: "ĐỀ XUẤT", content: [paragraph(proposal(data, issuer))] });
  const body: Content[] = [
    paragraph(
      `${issuer} báo cáo kết quả theo dõi, giám sát việc thực hiện các kiến nghị sau giám sát ` +
        `(số liệu tính đến ngày ${formatShortDate(data.asOf)}${scope}) như sau:`,
    ),
    ...sections.flatMap((section, index) => [heading(`${ROMAN[index]}. ${section.title}`), ...section.content]),
    paragraph(`Trên đây là báo cáo kết quả giám sát việc thực hiện kiến nghị sau giám sát của ${issuer}./.`),
  ];
  return nd30Document({
    header: headerOf(data, parseIsoDate(data.issueDate ?? data.asOf).year),
    documentType: FOLLOW_UP_DOCUMENT_TYPE,
    summary: FOLLOW_UP_SUMMARY,
    body,
    recipients: data.recipients,
    signature: signatureFromLines(data.signer),
    info: { title: followUpReportTitle(data), subject: FOLLOW_UP_SUMMARY, author: issuer },
  });
}
