/**
 * The conclusion notice (Thông báo kết luận) as a Word document, with the content and layout of
 * the PDF (notice.ts): the same blocks, header, signature and recipients, on the Nghị định 30
 * layout of nd30-docx.ts.
 */
import { type Document, Packer } from "docx";
import { type NoticeDocumentData, printedBlocks } from "~/domain/notice-composition";
import { nd30DocxDocument } from "./nd30-docx";
import { NOTICE_DOCUMENT_TYPE, noticeSignature, noticeTitle } from "./notice";

/** The notice as a docx Document: pure, nothing is written. */
export function buildNoticeDocx(data: NoticeDocumentData): Document {
  return nd30DocxDocument({
    header: data, // every header field (HeaderData) is a field of the notice
    documentType: NOTICE_DOCUMENT_TYPE,
    summary: data.summary,
    body: printedBlocks(data.blocks),
    recipients: data.recipients,
    signature: noticeSignature(data),
    properties: { title: noticeTitle(data), subject: data.summary.normalize("NFC") },
  });
}

/** The .docx file's bytes. */
export async function renderNoticeDocx(data: NoticeDocumentData): Promise<Buffer> {
  return Packer.toBuffer(buildNoticeDocx(data));
}
