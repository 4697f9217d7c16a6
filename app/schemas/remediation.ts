import { z } from "zod";
import { formatDate, isIsoDate } from "~/domain/vietnamese";
import { MAX_RECORD_ID } from "./limits";

/**
 * The remediation forms: the unit's progress report and extension request, the committee's review
 * of a report and decision on an extension. Shared by the pages and the actions (which check again).
 */

export const MAX_REPORT_LENGTH = 8000;
export const MAX_REASON_LENGTH = 2000;

const text = (missing: string, max: number) =>
  z
    .string({ error: missing })
    .normalize("NFC")
    .trim()
    .min(1, missing)
    .max(max, `Tối đa ${max.toLocaleString("vi-VN")} ký tự.`);

const optionalText = (max: number) =>
  z
    .string()
    .normalize("NFC")
    .trim()
    .max(max, `Tối đa ${max.toLocaleString("vi-VN")} ký tự.`)
    .catch("");

const isoDate = (missing: string) => z.string({ error: missing }).trim().refine(isIsoDate, missing);

export const PROGRESS_VALUES = ["not_started", "in_progress", "completed"] as const;

export const remediationReportSchema = z.object({
  intent: z.literal("report"),
  progress: z.enum(PROGRESS_VALUES, { error: "Chọn tình trạng thực hiện." }),
  content: text("Nhập kết quả đã thực hiện.", MAX_REPORT_LENGTH),
});
export type RemediationReportValues = z.infer<typeof remediationReportSchema>;

export const extensionRequestSchema = z.object({
  intent: z.literal("extension"),
  requestedDeadline: isoDate("Nhập ngày đề nghị gia hạn (ngày/tháng/năm)."),
  reason: text("Nhập lý do đề nghị gia hạn.", MAX_REASON_LENGTH),
});
export type ExtensionRequestValues = z.infer<typeof extensionRequestSchema>;

export const reviewSchema = z
  .object({
    intent: z.literal("review"),
    reportId: z.coerce.number().int().positive().max(MAX_RECORD_ID),
    decision: z.enum(["accept", "return"], { error: "Chọn chấp nhận hoặc trả lại." }),
    note: optionalText(MAX_REASON_LENGTH),
  })
  .refine((value) => value.decision === "accept" || value.note.length > 0, {
    message: "Nhập lý do trả lại để đơn vị biết cần bổ sung gì.",
    path: ["note"],
  });
export type ReviewValues = z.infer<typeof reviewSchema>;

export const extensionDecisionSchema = z
  .object({
    intent: z.literal("decide-extension"),
    requestId: z.coerce.number().int().positive().max(MAX_RECORD_ID),
    decision: z.enum(["grant", "refuse"], { error: "Chọn đồng ý hoặc không đồng ý gia hạn." }),
    grantedDeadline: z.string().trim().catch(""),
    note: optionalText(MAX_REASON_LENGTH),
  })
  .refine((value) => value.decision === "refuse" || value.grantedDeadline === "" || isIsoDate(value.grantedDeadline), {
    message: "Ngày gia hạn không hợp lệ (ngày/tháng/năm).",
    path: ["grantedDeadline"],
  })
  .refine((value) => value.decision === "grant" || value.note.length > 0, {
    message: "Nhập lý do không đồng ý gia hạn.",
    path: ["note"],
  });
export type ExtensionDecisionValues = z.infer<typeof extensionDecisionSchema>;

/** Why a requested extension date is refused, or null: after the deadline in force and after today. */
export function extensionDateProblem(requested: string, currentDeadline: string, today: string): string | null {
  if (!isIsoDate(requested)) return "Nhập ngày đề nghị gia hạn (ngày/tháng/năm).";
  if (requested <= currentDeadline) return `Ngày gia hạn phải sau hạn hiện tại (${formatDate(currentDeadline)}).`;
  if (requested <= today) return `Ngày gia hạn phải sau ngày hôm nay (${formatDate(today)}).`;
  return null;
}
