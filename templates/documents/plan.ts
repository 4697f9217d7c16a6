/**
 * The supervision plan (Kế hoạch giám sát) as a pdfmake definition, on the Nghị định 30/2020
 * layout of nd30.ts. Pure: the plans model fills PlanDocumentData from the database.
 */
import type { Content, TDocumentDefinitions } from "pdfmake/interfaces";
import { councilSignature } from "~/domain/document-closing";
import { formatDocumentNumber } from "~/domain/numbering";
import { cleanText, formatDateTime, formatShortDate, parseIsoDate, vietnamDate } from "~/domain/vietnamese";
import { headerOf, heading, issuerInRunningText, nd30Document, paragraph, paragraphs } from "./nd30";

export type PlanDocumentData = {
  governingBody: string; // "HĐND PHƯỜNG BÌNH AN" (caps, as printed)
  issuingBody: string; // "THƯỜNG TRỰC"
  number: number | null; // null while a draft: prints "Số:      /KH-HĐND"
  symbol: string; // "KH-HĐND"
  placeName: string; // "Bình An"
  issueDate: string | null; // IsoDate; null while a draft (blank day and month, year of periodEnd)
  subject: string; // "Giám sát tình hình tiếp nhận và giải quyết thủ tục hành chính tại Bộ phận Một cửa UBND phường"
  legalBasis: string[]; // each "Căn cứ ..." line as typed
  purpose: string; // paragraphs separated by newlines
  periodStart: string; // IsoDate
  periodEnd: string; // IsoDate
  units: { name: string; scheduledAt: string | null }[]; // scheduledAt ISO instant; printed in Vietnam time
  members: { fullName: string; title: string; roleLabel: string }[]; // roleLabel "Trưởng đoàn" etc.
  checklist: { title: string; version: number } | null;
  reportingOutline: string; // the outline the unit must answer, lines separated by newlines
  signer: { deputy: boolean; name: string; title?: string }; // deputy → "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"
  recipients: string[]; // without the final "Lưu: VT." (added by the builder)
};

const DOCUMENT_TYPE = "Kế hoạch";

/** "Giám sát tình hình …" whether or not the subject was typed with "Giám sát". */
function supervisionPhrase(subject: string): string {
  const text = cleanText(subject).replace(/[.;]+$/, "");
  const lowered = /^\p{Lu}\p{Ll}/u.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
  return lowered.startsWith("giám sát") ? lowered : `giám sát ${lowered}`;
}

const sentence = (text: string) => cleanText(text).replace(/[.;:,]+$/, "");

/** "lúc 08 giờ 00, ngày 15/4/2024" in Vietnam time. */
function visitTime(instant: string): string {
  const [, time] = formatDateTime(instant).split(" ");
  const [hours, minutes] = time.split(":");
  return `lúc ${hours} giờ ${minutes}, ngày ${formatShortDate(vietnamDate(new Date(instant)))}`;
}

function listItems(lines: string[]): string[] {
  return lines.map((line, index) => `${line}${index === lines.length - 1 ? "." : ";"}`);
}

function purposeSection(data: PlanDocumentData): Content[] {
  return [heading("I. MỤC ĐÍCH, YÊU CẦU"), ...paragraphs(data.purpose)];
}

function contentSection(data: PlanDocumentData): Content[] {
  const units = data.units.map((unit) => sentence(unit.name)).filter(Boolean);
  return [
    heading("II. NỘI DUNG, ĐỐI TƯỢNG, THỜI KỲ GIÁM SÁT"),
    paragraph(`1. Nội dung giám sát: ${sentence(data.subject)}.`),
    paragraph(`2. Đối tượng giám sát: ${units.length ? units.join("; ") : "chưa xác định"}.`),
    paragraph(`3. Thời kỳ giám sát: từ ngày ${formatShortDate(data.periodStart)} đến ngày ${formatShortDate(data.periodEnd)}.`),
  ];
}

function teamSection(data: PlanDocumentData): Content[] {
  const members = data.members.map((member, index) =>
    [`${index + 1}. ${sentence(member.fullName)}`, sentence(member.title), sentence(member.roleLabel)].filter(Boolean).join(" – "),
  );
  return [
    heading("III. THÀNH PHẦN ĐOÀN GIÁM SÁT"),
    ...(members.length ? listItems(members).map((line) => paragraph(line)) : [paragraph("Chưa phân công thành viên.")]),
  ];
}

function methodSection(data: PlanDocumentData): Content[] {
  const checklist = data.checklist
    ? ` theo Phiếu kiểm tra “${sentence(data.checklist.title)}” (phiên bản ${data.checklist.version})`
    : "";
  const schedule = data.units.map(
    (unit) => `- ${sentence(unit.name)}: ${unit.scheduledAt ? visitTime(unit.scheduledAt) : "thời gian cụ thể sẽ thông báo sau"}`,
  );
  return [
    heading("IV. PHƯƠNG PHÁP, THỜI GIAN GIÁM SÁT"),
    paragraph(
      "1. Phương pháp: Đơn vị được giám sát báo cáo bằng văn bản theo đề cương; Đoàn giám sát nghiên cứu báo cáo, " +
        `làm việc trực tiếp với đơn vị và kiểm tra thực tế tại Bộ phận Một cửa${checklist}.`,
    ),
    paragraph("2. Thời gian giám sát:"),
    ...listItems(schedule).map((line) => paragraph(line)),
  ];
}

function organisationSection(data: PlanDocumentData, issuer: string): Content[] {
  return [
    heading("V. TỔ CHỨC THỰC HIỆN"),
    paragraph(
      `1. Đơn vị được giám sát xây dựng báo cáo bằng văn bản theo đề cương dưới đây, gửi về ${issuer} ` +
        "trước buổi làm việc với Đoàn giám sát; chuẩn bị nội dung, thành phần làm việc với Đoàn giám sát theo lịch trên.",
    ),
    paragraph("2. Các thành viên Đoàn giám sát bố trí thời gian tham gia đầy đủ các buổi giám sát."),
    heading("ĐỀ CƯƠNG BÁO CÁO", { alignment: "center", leadingIndent: 0 }),
    ...paragraphs(data.reportingOutline),
    paragraph(`Trên đây là Kế hoạch giám sát của ${issuer}./.`, { margin: [0, 6, 0, 6] }),
  ];
}

/** The plan's file name, e.g. "Kế-hoạch-05-KH-HĐND.pdf" (pdfResponse adds an ASCII fallback). */
export function planPdfFileName(data: Pick<PlanDocumentData, "number" | "symbol">): string {
  const number = data.number === null ? "du-thao" : formatDocumentNumber(data.number, data.symbol).replace("/", "-");
  return `Kế-hoạch-${number}.pdf`;
}

export function buildPlanDocument(data: PlanDocumentData): TDocumentDefinitions {
  const issuer = issuerInRunningText(data.issuingBody, data.governingBody);
  const phrase = supervisionPhrase(data.subject);
  const summary = phrase.charAt(0).toUpperCase() + phrase.slice(1);
  const body: Content[] = [
    ...data.legalBasis.flatMap((line) => paragraphs(line, { italics: true })),
    paragraph(`${issuer} ban hành Kế hoạch ${phrase} như sau:`),
    ...purposeSection(data),
    ...contentSection(data),
    ...teamSection(data),
    ...methodSection(data),
    ...organisationSection(data, issuer),
  ];
  return nd30Document({
    header: headerOf(data, parseIsoDate(data.periodEnd).year),
    documentType: DOCUMENT_TYPE,
    summary,
    body,
    recipients: data.recipients,
    signature: councilSignature(data.issuingBody, data.signer),
    info: {
      title: data.number === null ? `${DOCUMENT_TYPE} (dự thảo)` : `${DOCUMENT_TYPE} ${formatDocumentNumber(data.number, data.symbol)}`,
      subject: summary,
      author: issuer,
    },
  });
}
