import { z } from "zod";
import { formatNumber } from "~/domain/vietnamese";
import { recordId, revision } from "./finding";

/**
 * The team's finding on a recommendation of an earlier notice carried into the visit's checklist:
 * remedied, not remedied or not applicable, with a note. Shared by the checklist's form and the
 * action; `revision` is the one the user saw, so someone else's later save is not overwritten.
 */

export const CARRIED_VALUES = ["met", "not_met", "not_applicable"] as const;
export type CarriedValue = (typeof CARRIED_VALUES)[number];

export const CARRIED_VALUE_LABELS: Record<CarriedValue, string> = {
  met: "Đã khắc phục",
  not_met: "Chưa khắc phục",
  not_applicable: "Không áp dụng",
};

export const MAX_CARRIED_NOTE_LENGTH = 4000;

export const carriedAnswerSchema = z.object({
  recommendationId: recordId(),
  value: z.enum(CARRIED_VALUES, { error: "Chọn Đã khắc phục, Chưa khắc phục hoặc Không áp dụng." }).nullable(),
  note: z
    .string({ error: "Ghi chú không hợp lệ." })
    .normalize("NFC")
    .trim()
    .max(MAX_CARRIED_NOTE_LENGTH, `Ghi chú tối đa ${formatNumber(MAX_CARRIED_NOTE_LENGTH)} ký tự.`),
  revision,
});

export type CarriedAnswerValues = z.infer<typeof carriedAnswerSchema>;

/** What the action answers: the new revision once saved, or a Vietnamese refusal. */
export type CarriedActionData = { ok?: string; revision?: number; errors?: Record<string, { message: string }> };
