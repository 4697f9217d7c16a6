import { z } from "zod";
import { ANSWER_VALUES, type AnswerValue } from "~/domain/checklist";
import { MAX_RECORD_ID } from "./limits";

/**
 * One edit of one checklist item, as the tablet sends it. The device gives each edit an id, so a
 * batch resent after a lost connection is recognised, and the time the answer was given, so the
 * newest answer wins however late it arrives. `baseRevision` is the revision the device showed
 * when the answer was given: a higher revision on the server means someone else answered since.
 */
const text = (max: number) => z.string().normalize("NFC").trim().max(max, `Tối đa ${max} ký tự.`);
const count = z
  .number({ error: "Nhập một số nguyên không âm." })
  .int("Nhập một số nguyên không âm.")
  .min(0, "Nhập một số nguyên không âm.")
  .max(1e12, "Số quá lớn.");

export { ANSWER_VALUES, type AnswerValue };

export const answerEditSchema = z
  .object({
    editId: z.uuid({ error: "Mã lần sửa không hợp lệ." }),
    itemId: z.number().int().positive().max(MAX_RECORD_ID),
    answeredAt: z.iso.datetime({ offset: true, error: "Thời điểm trả lời không hợp lệ." }),
    baseRevision: z.number().int().min(0).max(MAX_RECORD_ID),
    value: z.enum(ANSWER_VALUES).nullable(),
    note: text(4000),
    numberValue: z.number().finite().min(-1e12).max(1e12).nullable().optional(),
    textValue: text(4000).nullable().optional(),
    figure: z.object({ numerator: count, denominator: count.nullable() }).nullable().optional(),
    /** Set when the team accepts the proposed draft finding of a "chưa đạt" answer. */
    draftFinding: text(4000).nullable().optional(),
  })
  .refine((e) => !e.figure || e.figure.denominator === null || e.figure.numerator <= e.figure.denominator, {
    message: "Tử số không được lớn hơn mẫu số.",
    path: ["figure", "numerator"],
  });

export type AnswerEdit = z.infer<typeof answerEditSchema>;

export const MAX_EDITS_PER_BATCH = 100;

export const answerBatchSchema = z.object({
  edits: z.array(z.unknown()).min(1).max(MAX_EDITS_PER_BATCH, `Tối đa ${MAX_EDITS_PER_BATCH} câu trả lời mỗi lần gửi.`),
});

/** What the server says about one edit: applied, already applied, older than what it has, or refused. */
export type AnswerState = {
  itemId: number;
  value: AnswerValue | null;
  note: string;
  numberValue: number | null;
  textValue: string | null;
  figure: { numerator: number; denominator: number | null } | null;
  revision: number;
  answeredAt: string;
  answeredById: number | null;
  answeredByName: string | null;
};

export type EditOutcome =
  | { editId: string; outcome: "applied" | "duplicate"; answer: AnswerState; replaced: AnswerState | null }
  | { editId: string; outcome: "stale"; answer: AnswerState }
  | { editId: string; outcome: "refused"; message: string };
