import { z } from "zod";
import { formatNumber } from "~/domain/vietnamese";
import { MAX_RECORD_ID } from "./limits";

/**
 * The forms of the findings page (kết quả đạt được, tồn tại, hạn chế, nguyên nhân), shared by the
 * page (react-hook-form) and the action. Each posted form names its `intent`; text arrives
 * trimmed and in NFC.
 */

export const FINDING_KINDS = ["achievement", "shortcoming", "cause"] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];
export const CAUSE_KINDS = ["objective", "subjective"] as const;
export type CauseKind = (typeof CAUSE_KINDS)[number];
export const CITATION_TARGETS = ["item", "figure", "photo"] as const;
export type CitationTarget = (typeof CITATION_TARGETS)[number];
export const DIRECTIONS = ["up", "down"] as const;

export const MAX_FINDING_LENGTH = 4000;
export const MAX_CITATIONS = 50;
export const MAX_MERGE = 20;

export const CAUSE_NEEDS_PARENT = "Nguyên nhân phải thuộc một tồn tại, hạn chế của buổi giám sát.";
export const CAUSE_NEEDS_KIND = "Chọn nguyên nhân khách quan hoặc chủ quan.";
export const ONLY_CAUSES_HAVE_PARENT = "Chỉ nguyên nhân mới thuộc một tồn tại, hạn chế và chia khách quan, chủ quan.";

const NOT_A_RECORD = "Mục được chọn không hợp lệ; tải lại trang.";

/** A database id posted by the page: a positive whole number. */
export const recordId = (message = NOT_A_RECORD) => z.number({ error: message }).int(message).positive(message).max(MAX_RECORD_ID, message);

/** The revision an edit started from: a change made since then by someone else is refused. */
export const revision = z.number({ error: NOT_A_RECORD }).int(NOT_A_RECORD).min(1, NOT_A_RECORD).max(MAX_RECORD_ID, NOT_A_RECORD);

/** "Move one step up or down" of a list's row, named by its intent. */
export function moveSchema<I extends string>(intent: I) {
  return z.object({ intent: z.literal(intent), id: recordId(), direction: z.enum(DIRECTIONS, { error: "Chọn chuyển lên hoặc chuyển xuống." }) });
}

/** "Delete this row as I saw it", named by its intent. */
export function deleteSchema<I extends string>(intent: I) {
  return z.object({ intent: z.literal(intent), id: recordId(), revision });
}

export const findingText = z
  .string({ error: "Nhập nội dung." })
  .normalize("NFC")
  .trim()
  .min(1, "Nhập nội dung.")
  .max(MAX_FINDING_LENGTH, `Nội dung tối đa ${formatNumber(MAX_FINDING_LENGTH)} ký tự.`);

const ids = z.array(recordId()).max(MAX_CITATIONS, `Tối đa ${MAX_CITATIONS} căn cứ cho một mục.`);

export const findingCreateSchema = z
  .object({
    intent: z.literal("finding.create"),
    kind: z.enum(FINDING_KINDS, { error: "Chọn loại: kết quả đạt được, tồn tại, hạn chế hoặc nguyên nhân." }),
    causeKind: z.enum(CAUSE_KINDS, { error: CAUSE_NEEDS_KIND }).nullable(),
    parentId: recordId(CAUSE_NEEDS_PARENT).nullable(),
    text: findingText,
    itemIds: ids,
    figureIds: ids,
    attachmentIds: ids,
  })
  .superRefine((v, ctx) => {
    if (v.kind === "cause") {
      if (v.parentId === null) ctx.addIssue({ code: "custom", path: ["parentId"], message: CAUSE_NEEDS_PARENT });
      if (v.causeKind === null) ctx.addIssue({ code: "custom", path: ["causeKind"], message: CAUSE_NEEDS_KIND });
    } else if (v.parentId !== null || v.causeKind !== null) {
      ctx.addIssue({ code: "custom", path: [v.parentId !== null ? "parentId" : "causeKind"], message: ONLY_CAUSES_HAVE_PARENT });
    }
  });
export type FindingCreateValues = z.infer<typeof findingCreateSchema>;

export const findingUpdateSchema = z.object({
  intent: z.literal("finding.update"),
  id: recordId(),
  revision,
  text: findingText,
});
export type FindingUpdateValues = z.infer<typeof findingUpdateSchema>;

export const findingDeleteSchema = deleteSchema("finding.delete");
export type FindingDeleteValues = z.infer<typeof findingDeleteSchema>;

export const findingMoveSchema = moveSchema("finding.move");
export type FindingMoveValues = z.infer<typeof findingMoveSchema>;

export const findingMergeSchema = z.object({
  intent: z.literal("finding.merge"),
  ids: z
    .array(recordId())
    .min(2, "Chọn ít nhất hai mục để gộp.")
    .max(MAX_MERGE, `Gộp tối đa ${MAX_MERGE} mục một lần.`)
    .refine((list) => new Set(list).size === list.length, "Mỗi mục chỉ chọn một lần."),
});
export type FindingMergeValues = z.infer<typeof findingMergeSchema>;

export const citationAddSchema = z.object({
  intent: z.literal("citation.add"),
  findingId: recordId(),
  target: z.enum(CITATION_TARGETS, { error: "Chọn loại căn cứ: tiêu chí, số liệu hoặc ảnh." }),
  targetId: recordId("Chọn căn cứ cần thêm."),
});
export type CitationAddValues = z.infer<typeof citationAddSchema>;

export const citationRemoveSchema = z.object({ intent: z.literal("citation.remove"), citationId: recordId() });
export type CitationRemoveValues = z.infer<typeof citationRemoveSchema>;

export const FINDING_ACTION_SCHEMAS = [
  findingCreateSchema,
  findingUpdateSchema,
  findingDeleteSchema,
  findingMoveSchema,
  findingMergeSchema,
  citationAddSchema,
  citationRemoveSchema,
] as const;

/** The empty "add" form of one list of the page. */
export function emptyFinding(kind: FindingKind, cause?: { parentId: number; causeKind: CauseKind }): FindingCreateValues {
  return {
    intent: "finding.create",
    kind,
    causeKind: cause?.causeKind ?? null,
    parentId: cause?.parentId ?? null,
    text: "",
    itemIds: [],
    figureIds: [],
    attachmentIds: [],
  };
}

export const FINDING_KIND_LABELS: Record<FindingKind, string> = {
  achievement: "Kết quả đạt được",
  shortcoming: "Tồn tại, hạn chế",
  cause: "Nguyên nhân",
};

export const CAUSE_KIND_LABELS: Record<CauseKind, string> = {
  objective: "Nguyên nhân khách quan",
  subjective: "Nguyên nhân chủ quan",
};

export const CITATION_TARGET_LABELS: Record<CitationTarget, string> = {
  item: "Tiêu chí",
  figure: "Số liệu",
  photo: "Ảnh",
};

/** What a finding and a citation look like on the page (the model builds them). */
export type CitationView = { id: number; target: CitationTarget; targetId: number; label: string; url: string | null };
export type FindingView = {
  id: number;
  kind: FindingKind;
  causeKind: CauseKind | null;
  parentId: number | null;
  text: string;
  revision: number;
  citations: CitationView[];
};
export type ShortcomingView = FindingView & { causes: Record<CauseKind, FindingView[]> };

/** What the pickers and the suggestions panel offer, from the visit's checklist, figures and photos. */
export type FindingSources = {
  items: { id: number; code: string; text: string; sectionCode: string }[];
  figures: { id: number; label: string; value: string; source: "reported" | "verified"; proposal: string; belowTarget: boolean; cited: boolean }[];
  photos: { id: number; fileName: string; url: string; itemCode: string | null }[];
  notMet: { itemId: number; code: string; text: string; note: string; proposal: string; cited: boolean }[];
  /** Recommendations of earlier notices carried into the visit and found not remedied (carried-recommendation.server.ts). */
  carriedNotMet: CarriedNotMet[];
};

export type CarriedNotMet = { recommendationId: number; noticeReference: string; text: string; note: string; proposal: string; proposed: boolean };
