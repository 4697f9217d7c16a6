import type { AnswerValue } from "~/schemas/answer-edit";

export const ANSWER_LABELS: Record<AnswerValue, string> = {
  met: "Đạt",
  not_met: "Chưa đạt",
  not_applicable: "Không áp dụng",
};

/** "Chưa đạt – thiếu bảng niêm yết": how an answer reads in a notice to the team member. */
export function describeAnswer(answer: { value: AnswerValue | null; note: string; textValue?: string | null; numberValue?: number | null; figure?: { numerator: number; denominator: number | null } | null }): string {
  const parts: string[] = [];
  if (answer.value) parts.push(ANSWER_LABELS[answer.value]);
  if (answer.figure) parts.push(answer.figure.denominator === null ? `${answer.figure.numerator}` : `${answer.figure.numerator}/${answer.figure.denominator}`);
  if (answer.numberValue != null) parts.push(String(answer.numberValue));
  if (answer.textValue) parts.push(answer.textValue);
  if (answer.note) parts.push(`ghi chú: ${answer.note}`);
  return parts.join(" – ") || "(để trống)";
}
