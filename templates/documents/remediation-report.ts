/**
 * The supervised unit's report on remedying the recommendations of a conclusion notice (Báo cáo
 * kết quả khắc phục), on the Nghị định 30/2020 layout of nd30.ts. Pure: the remediation model fills
 * RemediationDocumentData from the recommendations and their latest reports.
 */
import type { Content, TDocumentDefinitions } from "pdfmake/interfaces";
import type { SignatureBlock } from "~/domain/document-closing";
import { formatDocumentNumber } from "~/domain/numbering";
import { type IsoDate, cleanText, formatNumber, formatShortDate, parseIsoDate } from "~/domain/vietnamese";
import { type DocumentHeaderFields, type TypedSigner, headerOf, heading, keepReferencesWhole, nd30Document, paragraph } from "./nd30";

export type RemediationProgress = "not_started" | "in_progress" | "completed";
export type RemediationReview = "submitted" | "accepted" | "returned";

export type RemediationDocumentItem = {
  /** The recommendation as the notice worded it. */
  text: string;
  /** "Chủ tịch UBND phường": who answers for it; may be empty. */
  addressedRole: string;
  deadline: IsoDate;
  extendedDeadline: IsoDate | null;
  /** The latest report's progress; null while the unit has not reported. */
  progress: RemediationProgress | null;
  /** What was done, from the latest report; paragraphs separated by newlines. */
  content: string;
  /** Evidence files attached to the latest report. */
  evidenceCount: number;
  /** The committee's review of the latest report; null while there is none. */
  review: RemediationReview | null;
};

/** Header fields as printed: "ỦY BAN NHÂN DÂN" / "PHƯỜNG BÌNH AN", "Số:      /BC-UBND" while a draft. */
export type RemediationDocumentData = DocumentHeaderFields & {
  /** The year printed in a draft's blank date; by default the latest year among the notice's date and the deadlines. */
  draftYear?: number;
  notice: {
    number: number;
    symbol: string; // "TB-HĐND"
    issueDate: IsoDate;
    /** "Thường trực HĐND phường Bình An", in running text. */
    issuerName: string;
    /** The notice's summary (trích yếu). */
    summary: string;
  };
  /** "UBND phường Bình An", in running text. */
  unitName: string;
  items: RemediationDocumentItem[];
  /** authority "TM. ỦY BAN NHÂN DÂN", title "CHỦ TỊCH". */
  signer: TypedSigner;
  /** Without the final "Lưu: VT.": the closing block adds it. */
  recipients: string[];
};

export const REMEDIATION_DOCUMENT_TYPE = "Báo cáo";

export const PROGRESS_LABELS: Record<RemediationProgress, string> = {
  completed: "Đã hoàn thành",
  in_progress: "Đang thực hiện",
  not_started: "Chưa thực hiện",
};

const NO_REPORT = "Chưa có báo cáo.";

const sentence = (text: string) => cleanText(text).replace(/[.;:,]+$/, "");

/** "12/TB-HĐND ngày 05/4/2024". */
function noticeReference(notice: RemediationDocumentData["notice"]): string {
  return `${formatDocumentNumber(notice.number, notice.symbol)} ngày ${formatShortDate(notice.issueDate)}`;
}

/** "Thông báo kết luận số 12/TB-HĐND ngày 05/4/2024 của Thường trực HĐND phường Bình An". */
function noticeCitation(notice: RemediationDocumentData["notice"]): string {
  return `Thông báo kết luận số ${noticeReference(notice)} của ${sentence(notice.issuerName)}`;
}

/**
 * The notice's summary as it reads after "về": "Kết luận của Thường trực … về kết quả giám sát …"
 * → "kết quả giám sát …"; another summary loses its capital unless its first word is an acronym.
 */
export function noticeSubject(summary: string): string {
  const text = sentence(summary);
  const about = /^kết luận\b.*?\svề\s+(.+)$/isu.exec(text);
  const subject = about ? about[1] : text;
  return /^\p{Lu}\p{Ll}/u.test(subject) ? subject.charAt(0).toLowerCase() + subject.slice(1) : subject;
}

/** "Báo-cáo-khắc-phục-03-BC-UBND", or "Báo-cáo-khắc-phục-du-thao"; the caller adds the extension. */
export function remediationFileStem(data: Pick<RemediationDocumentData, "number" | "symbol">): string {
  const number = data.number === null ? "du-thao" : formatDocumentNumber(data.number, data.symbol).replace("/", "-");
  return `Báo-cáo-khắc-phục-${number}`;
}

/** "Báo cáo 03/BC-UBND", or "Báo cáo (dự thảo)" while it has no number. */
export function remediationTitle(data: Pick<RemediationDocumentData, "number" | "symbol">): string {
  return data.number === null
    ? `${REMEDIATION_DOCUMENT_TYPE} (dự thảo)`
    : `${REMEDIATION_DOCUMENT_TYPE} ${formatDocumentNumber(data.number, data.symbol)}`;
}

/** "Kết quả khắc phục các kiến nghị tại Thông báo kết luận số 12/TB-HĐND ngày 05/4/2024 của …". */
export function remediationSummary(data: Pick<RemediationDocumentData, "notice">): string {
  return `Kết quả khắc phục các kiến nghị tại ${noticeCitation(data.notice)}`;
}

/** A text run split so references ("12/TB-HĐND") never break, as paragraph() does for plain text. */
function runs(text: string): Content[] {
  const pieces = keepReferencesWhole(cleanText(text));
  return Array.isArray(pieces) ? pieces : [pieces];
}

/** "- Thời hạn: trước ngày 30/6/2024; được gia hạn đến ngày 30/8/2024". */
function deadlineLine(item: RemediationDocumentItem): string {
  const extended = item.extendedDeadline ? `; được gia hạn đến ngày ${formatShortDate(item.extendedDeadline)}` : "";
  return `- Thời hạn: trước ngày ${formatShortDate(item.deadline)}${extended}.`;
}

function statusLine(item: RemediationDocumentItem, committee: string): string {
  const label = PROGRESS_LABELS[item.progress ?? "not_started"];
  const review =
    item.review === "accepted"
      ? ` (${committee} đã chấp nhận kết quả)`
      : item.review === "returned"
        ? ` (${committee} đề nghị bổ sung, hoàn thiện)`
        : "";
  return `- Tình trạng: ${label}${review}.`;
}

/** "- Kết quả thực hiện: …" with the report's first paragraph, its other paragraphs after it. */
function resultParagraphs(item: RemediationDocumentItem): Content[] {
  const lines = item.content.split(/\r?\n/).map(cleanText).filter(Boolean);
  const first = item.progress === null ? NO_REPORT : (lines.shift() ?? "Chưa nêu kết quả cụ thể.");
  return [paragraph(`- Kết quả thực hiện: ${first}`), ...lines.map((line) => paragraph(line))];
}

function itemParagraphs(item: RemediationDocumentItem, index: number, committee: string): Content[] {
  const role = sentence(item.addressedRole);
  return [
    paragraph([{ text: `${index + 1}. Kiến nghị: `, bold: true }, ...runs(item.text)]),
    ...(role ? [paragraph(`- Trách nhiệm thực hiện: ${role}.`)] : []),
    paragraph(deadlineLine(item)),
    ...resultParagraphs(item),
    paragraph(statusLine(item, committee)),
    ...(item.evidenceCount > 0 ? [paragraph(`- Tài liệu kèm theo: ${formatNumber(item.evidenceCount)} tệp.`)] : []),
  ];
}

/** "đã hoàn thành 2/5 kiến nghị; đang thực hiện 2 kiến nghị; chưa thực hiện 1 kiến nghị". */
function countsClause(items: RemediationDocumentItem[]): string {
  const count = (progress: RemediationProgress) => items.filter((item) => (item.progress ?? "not_started") === progress).length;
  const parts = [`đã hoàn thành ${formatNumber(count("completed"))}/${formatNumber(items.length)} kiến nghị`];
  if (count("in_progress")) parts.push(`đang thực hiện ${formatNumber(count("in_progress"))} kiến nghị`);
  if (count("not_started")) parts.push(`chưa thực hiện ${formatNumber(count("not_started"))} kiến nghị`);
  return parts.join("; ");
}

function proposalParagraphs(data: RemediationDocumentData, unit: string, committee: string): Content[] {
  if (data.items.length === 0) {
    return [paragraph(`${unit} kính báo cáo ${committee} xem xét.`)];
  }
  const completed = data.items.filter((item) => item.progress === "completed").length;
  const result: Content[] = [paragraph(`Đến nay, ${unit} ${countsClause(data.items)}.`)];
  if (completed > 0) {
    result.push(paragraph(`Đề nghị ${committee} xem xét, đánh giá kết quả thực hiện các kiến nghị đã hoàn thành.`));
  }
  if (completed < data.items.length) {
    result.push(
      paragraph(
        `${unit} tiếp tục chỉ đạo thực hiện các kiến nghị chưa hoàn thành và báo cáo kết quả về ${committee}.`,
      ),
    );
  }
  return result;
}

function draftYearOf(data: RemediationDocumentData): number {
  if (data.draftYear) return data.draftYear;
  const dates = [data.notice.issueDate, ...data.items.map((item) => item.extendedDeadline ?? item.deadline)];
  return Math.max(...dates.map((date) => parseIsoDate(date).year));
}

/** A signature typed as lines: "TM. ỦY BAN NHÂN DÂN" (more lines separated by newlines), "CHỦ TỊCH", the name. */
export function signatureFromLines(signer: TypedSigner): SignatureBlock {
  return {
    authority: signer.authority.split(/\r?\n/).map(cleanText).filter(Boolean).map((line) => line.toUpperCase()),
    title: cleanText(signer.title).toUpperCase(),
    name: cleanText(signer.name),
  };
}

export function buildRemediationDocument(data: RemediationDocumentData): TDocumentDefinitions {
  const unit = sentence(data.unitName);
  const committee = sentence(data.notice.issuerName);
  const summary = remediationSummary(data);
  const body: Content[] = [
    paragraph(
      `Thực hiện ${noticeCitation(data.notice)} về ${noticeSubject(data.notice.summary)}, ` +
        `${unit} báo cáo kết quả khắc phục các kiến nghị như sau:`,
    ),
    heading("I. KẾT QUẢ THỰC HIỆN CÁC KIẾN NGHỊ"),
    ...(data.items.length
      ? data.items.flatMap((item, index) => itemParagraphs(item, index, committee))
      : [paragraph("Thông báo kết luận không có kiến nghị đối với đơn vị.")]),
    heading("II. ĐỀ XUẤT, KIẾN NGHỊ"),
    ...proposalParagraphs(data, unit, committee),
    paragraph(
      `Trên đây là báo cáo kết quả khắc phục các kiến nghị theo Thông báo kết luận số ` +
        `${formatDocumentNumber(data.notice.number, data.notice.symbol)} của ${unit}./.`,
    ),
  ];
  return nd30Document({
    header: headerOf(data, draftYearOf(data)),
    documentType: REMEDIATION_DOCUMENT_TYPE,
    summary,
    body,
    recipients: data.recipients,
    signature: signatureFromLines(data.signer),
    info: { title: remediationTitle(data), subject: summary, author: unit },
  });
}
