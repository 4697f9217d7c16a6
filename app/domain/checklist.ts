/**
 * Pure rules of the on-site checklist: when an indicator item is met, what a "chưa đạt" answer
 * proposes as a finding, and how far each section has got.
 */
import { lowerIsBetter } from "./indicators";
import { compareToTarget, meetsTarget, ratePercent } from "./indicator-wording";

export const ANSWER_VALUES = ["met", "not_met", "not_applicable"] as const;
export type AnswerValue = (typeof ANSWER_VALUES)[number];
export type Figure = { numerator: number; denominator: number | null };

/**
 * An indicator item is met when its verified rate reaches the target, or stays within it when the
 * indicator's target is a ceiling (at two decimals, as the notice will print it). Without a target
 * or a rate, the team's own choice stands.
 */
export function answerValueForFigure(
  figure: Figure | null,
  targetPercent: string | number | null,
  chosen: AnswerValue | null,
  indicatorCode: string | null,
): AnswerValue | null {
  if (!figure || figure.denominator === null || targetPercent === null) return chosen;
  const percent = ratePercent(figure.numerator, figure.denominator, 2);
  if (percent === null) return chosen;
  return meetsTarget(compareToTarget(percent, Number(targetPercent), 2), lowerIsBetter(indicatorCode)) ? "met" : "not_met";
}

/** "Chưa đảm bảo: <item>. <note>" — the draft the team edits into a shortcoming of the notice. */
export function proposeFinding(itemText: string, note: string): string {
  const item = itemText.normalize("NFC").trim().replace(/[.;:]+$/, "");
  const lowered = item.charAt(0).toLocaleLowerCase("vi") + item.slice(1);
  const detail = note.normalize("NFC").trim().replace(/\.+$/, "");
  return detail ? `Chưa đảm bảo yêu cầu: ${lowered}. ${detail.charAt(0).toLocaleUpperCase("vi")}${detail.slice(1)}.` : `Chưa đảm bảo yêu cầu: ${lowered}.`;
}

export type ItemAnswerLike = { answerType: string; value: AnswerValue | null; numberValue?: number | null; textValue?: string | null; figure?: Figure | null };

/** An item counts as answered when it has what its type asks for. */
export function isAnswered(answer: ItemAnswerLike | undefined): boolean {
  if (!answer) return false;
  switch (answer.answerType) {
    case "tri_state":
      return answer.value !== null;
    case "number":
      return answer.numberValue != null || answer.value === "not_applicable";
    case "text":
      return Boolean(answer.textValue?.trim()) || answer.value === "not_applicable";
    case "indicator":
      return Boolean(answer.figure) || answer.value === "not_applicable";
    default:
      return false;
  }
}

/** A "chưa đạt" answer without a note is not finished: the notice needs to say what was wrong. */
export function needsNote(value: AnswerValue | null, note: string): boolean {
  return value === "not_met" && note.trim() === "";
}

export function progress(answered: number, total: number): { answered: number; total: number; percent: number } {
  return { answered, total, percent: total === 0 ? 100 : Math.floor((answered / total) * 100) };
}
