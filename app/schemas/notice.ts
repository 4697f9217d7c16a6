import { z } from "zod";
import { MAX_RECORD_ID } from "./limits";

/**
 * The notice editor's form, shared by the page (react-hook-form) and the action: the summary
 * line, place, recipients (one per line), signer, and the text of every paragraph by its key.
 * An emptied paragraph is allowed: it is left out of the document.
 */

const text = (max: number) => z.string().normalize("NFC").trim().max(max, `Tối đa ${max} ký tự.`);



export const noticeDraftSchema = z.object({
  revision: z.number().int().positive().max(MAX_RECORD_ID),
  summary: text(1000).min(1, "Nhập trích yếu (dòng tóm tắt dưới chữ THÔNG BÁO)."),
  placeName: text(80).min(1, "Nhập địa danh ghi ở dòng ngày tháng (ví dụ Bình An)."),
  recipients: text(4000),
  signerName: text(120).min(1, "Nhập họ tên người ký."),
  signerDeputy: z.boolean(),
  signerTitle: text(120),
  blocks: z
    .array(z.object({ key: z.string().min(1).max(80), text: text(20000) }))
    .max(2000, "Thông báo quá dài."),
});

export type NoticeDraftValues = z.infer<typeof noticeDraftSchema>;

/** The editor's own form: the draft plus which button was pressed. */
export const noticeFormSchema = noticeDraftSchema.extend({ intent: z.enum(["save", "issue"]) });
export type NoticeFormValues = z.infer<typeof noticeFormSchema>;

const revisionOnly = z.object({ revision: z.number().int().positive().max(MAX_RECORD_ID) });

/** Everything the notice page's action accepts. */
export const noticeActionSchema = z.discriminatedUnion("intent", [
  noticeDraftSchema.extend({ intent: z.literal("save") }),
  noticeDraftSchema.extend({ intent: z.literal("issue") }),
  revisionOnly.extend({ intent: z.literal("recompose") }),
  revisionOnly.extend({ intent: z.literal("discard") }),
]);
