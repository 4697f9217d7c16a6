/**
 * The conclusion notice (Thông báo kết luận) as a pdfmake definition, on the Nghị định 30/2020
 * layout of nd30.ts. Pure: the blocks come from composeNotice, as edited by the committee.
 */
import type { Content, TDocumentDefinitions } from "pdfmake/interfaces";
import { councilSignature } from "~/domain/document-closing";
import { type NoticeDocumentData, printedBlocks } from "~/domain/notice-composition";
import { formatDocumentNumber } from "~/domain/numbering";
import { heading, issuerInRunningText, nd30Document, paragraph } from "./nd30";

export const NOTICE_DOCUMENT_TYPE = "Thông báo";

/** "Thông-báo-12-TB-HĐND", or "Thông-báo-du-thao" for a draft; the caller adds the extension. */
export function noticeFileStem(data: Pick<NoticeDocumentData, "number" | "symbol">): string {
  const number = data.number === null ? "du-thao" : formatDocumentNumber(data.number, data.symbol).replace("/", "-");
  return `Thông-báo-${number}`;
}

/** "Thông báo 12/TB-HĐND", or "Thông báo (dự thảo)" while the notice has no number. */
export function noticeTitle(data: Pick<NoticeDocumentData, "number" | "symbol">): string {
  return data.number === null ? `${NOTICE_DOCUMENT_TYPE} (dự thảo)` : `${NOTICE_DOCUMENT_TYPE} ${formatDocumentNumber(data.number, data.symbol)}`;
}

/** The notice's signature block, from its issuing body and signer. */
export function noticeSignature(data: Pick<NoticeDocumentData, "issuingBody" | "signer">) {
  return councilSignature(data.issuingBody, data.signer);
}

export function buildNoticeDocument(data: NoticeDocumentData): TDocumentDefinitions {
  const body: Content[] = printedBlocks(data.blocks).map((block) =>
    block.kind === "heading" ? heading(block.text) : paragraph(block.text),
  );
  return nd30Document({
    header: data, // every header field (HeaderData) is a field of the notice
    documentType: NOTICE_DOCUMENT_TYPE,
    summary: data.summary,
    body,
    recipients: data.recipients,
    signature: noticeSignature(data),
    info: { title: noticeTitle(data), subject: data.summary, author: issuerInRunningText(data.issuingBody, data.governingBody) },
  });
}
