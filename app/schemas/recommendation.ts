import { z } from "zod";
import { formatDate, isIsoDate, vietnamDate } from "~/domain/vietnamese";
import { MAX_MERGE, deleteSchema, moveSchema, recordId, revision } from "./finding";

/**
 * The draft recommendations (kiến nghị, đề xuất) of a visit: addressed to a unit and a role in
 * it, with the date by which the unit reports its remediation and the findings they answer.
 * Shared by the page's forms and the action; the action checks again.
 */

export const MAX_RECOMMENDATION_LENGTH = 4000;
export const MAX_ROLE_LENGTH = 200;


/** Why a new deadline is refused, or null: it must fall after today in Vietnam. */
export function deadlineProblem(deadline: string, today: string = vietnamDate()): string | null {
  if (!isIsoDate(deadline)) return "Nhập hạn báo cáo kết quả khắc phục (ngày/tháng/năm).";
  if (deadline <= today) return `Hạn báo cáo kết quả khắc phục phải sau ngày hôm nay (${formatDate(today)}).`;
  return null;
}

const fields = {
  addressedUnitId: recordId("Chọn đơn vị nhận kiến nghị."),
  addressedRole: z
    .string({ error: "Chức danh người nhận không hợp lệ." })
    .normalize("NFC")
    .trim()
    .max(MAX_ROLE_LENGTH, `Chức danh tối đa ${MAX_ROLE_LENGTH} ký tự.`),
  text: z
    .string({ error: "Nhập nội dung kiến nghị." })
    .normalize("NFC")
    .trim()
    .min(1, "Nhập nội dung kiến nghị.")
    .max(MAX_RECOMMENDATION_LENGTH, `Nội dung tối đa ${MAX_RECOMMENDATION_LENGTH} ký tự.`),
  deadline: z.string({ error: "Nhập hạn báo cáo kết quả khắc phục." }).trim().refine(isIsoDate, "Nhập hạn báo cáo kết quả khắc phục (ngày/tháng/năm)."),
  findingIds: z
    .array(recordId())
    .max(100, "Chọn tối đa 100 kết quả, tồn tại.")
    .refine((list) => new Set(list).size === list.length, "Mỗi kết quả, tồn tại chỉ chọn một lần."),
};

export const recommendationCreateSchema = z
  .object({ intent: z.literal("recommendation.create"), ...fields })
  .superRefine((v, ctx) => {
    if (!isIsoDate(v.deadline)) return;
    const problem = deadlineProblem(v.deadline);
    if (problem) ctx.addIssue({ code: "custom", path: ["deadline"], message: problem });
  });
export type RecommendationCreateValues = z.infer<typeof recommendationCreateSchema>;

/** An edit keeps its deadline even once it has passed; a changed deadline is checked by the model. */
export const recommendationUpdateSchema = z.object({ intent: z.literal("recommendation.update"), id: recordId(), revision, ...fields });
export type RecommendationUpdateValues = z.infer<typeof recommendationUpdateSchema>;

export const recommendationDeleteSchema = deleteSchema("recommendation.delete");
export type RecommendationDeleteValues = z.infer<typeof recommendationDeleteSchema>;

export const recommendationMoveSchema = moveSchema("recommendation.move");
export type RecommendationMoveValues = z.infer<typeof recommendationMoveSchema>;

/** Merges two or more drafts into the first in page order; `revisions`, if sent, are the ones seen for `ids`, in the same order. */
export const recommendationMergeSchema = z
  .object({
    intent: z.literal("recommendation.merge"),
    ids: z
      .array(recordId())
      .min(2, "Chọn ít nhất hai kiến nghị để gộp.")
      .max(MAX_MERGE, `Gộp tối đa ${MAX_MERGE} kiến nghị một lần.`)
      .refine((list) => new Set(list).size === list.length, "Mỗi kiến nghị chỉ chọn một lần."),
    revisions: z.array(revision).max(MAX_MERGE, "Danh sách kiến nghị cần gộp không hợp lệ; hãy tải lại trang.").optional(),
  })
  .refine((v) => v.revisions === undefined || v.revisions.length === v.ids.length, {
    path: ["revisions"],
    message: "Danh sách kiến nghị cần gộp không hợp lệ; hãy tải lại trang.",
  });
export type RecommendationMergeValues = z.infer<typeof recommendationMergeSchema>;

export const RECOMMENDATION_ACTION_SCHEMAS = [
  recommendationCreateSchema,
  recommendationUpdateSchema,
  recommendationDeleteSchema,
  recommendationMoveSchema,
  recommendationMergeSchema,
] as const;

export function emptyRecommendation(addressedUnitId: number | undefined): RecommendationCreateValues {
  return {
    intent: "recommendation.create",
    addressedUnitId: addressedUnitId as number,
    addressedRole: "",
    text: "",
    deadline: "",
    findingIds: [],
  };
}

/** A recommendation on the page (the model builds them); `noticeId` set = issued, read-only here. */
export type RecommendationView = {
  id: number;
  noticeId: number | null;
  addressedUnitId: number;
  addressedUnitName: string;
  addressedRole: string;
  text: string;
  deadline: string;
  revision: number;
  findings: { id: number; kind: "achievement" | "shortcoming" | "cause"; text: string }[];
};
