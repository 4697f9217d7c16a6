/**
 * Arithmetic and Vietnamese wording of indicator figures, as seeds 000, 001 and 002 write them:
 * "đạt 97,87%, vượt 0,87% so với chỉ tiêu được giao (97%)", "3.557/4.709 hồ sơ đạt tỷ lệ 75,5%",
 * "1.157 hồ sơ/19.150 hồ sơ (tỷ lệ bình quân 6,04%)".
 *
 * A lower-is-better indicator (the late rate, whose target is a ceiling) is worded "ở mức 6,04%,
 * vượt 1,04% so với mức tối đa cho phép (5%)": "đạt" would praise it.
 *
 * Counts are non-negative whole numbers, and a rate's numerator is part of its denominator
 * (dossiers solved on time among dossiers solved, paid online among those with a fee...), so a
 * numerator above the denominator is a typing error, not a rate above 100%: all of these throw
 * RangeError. Forms check the same rules first (app/schemas/visit-report.ts) and say so in Vietnamese.
 */
import { formatNumber, roundHalfUp } from "./vietnamese";

export type Decimals = 1 | 2;

/** The largest count we accept; BigInt keeps the percentage exact well beyond it. */
const MAX_COUNT = 1e12;

function assertCount(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0 || value > MAX_COUNT) {
    throw new RangeError(`${name} must be a whole number from 0 to ${MAX_COUNT}: ${value}`);
  }
}

function assertRateCounts(numerator: number, denominator: number): void {
  assertCount(numerator, "numerator");
  assertCount(denominator, "denominator");
  if (numerator > denominator) {
    throw new RangeError(`numerator ${numerator} is above denominator ${denominator}`);
  }
}

/**
 * numerator ÷ denominator × 100, rounded half up to `decimals` places in exact integer
 * arithmetic (2.469/20.000 = 12,345% → 12,35%), with no binary noise even at 10^12 dossiers.
 * null when the denominator is 0.
 */
export function ratePercent(numerator: number, denominator: number, decimals: Decimals): number | null {
  assertRateCounts(numerator, denominator);
  if (denominator === 0) return null;
  const scale = 10 ** decimals;
  const n = BigInt(numerator) * BigInt(100 * scale);
  const d = BigInt(denominator);
  const rounded = (BigInt(2) * n + d) / (BigInt(2) * d);
  return Number(rounded) / scale;
}

/** "97,87%", "75,5%", "97%", "100%": fixed decimals, trailing zeros trimmed, Vietnamese decimal comma */
export function formatPercent(value: number, decimals: Decimals = 2): string {
  const text = formatNumber(value, decimals);
  const trimmed = text.includes(",") ? text.replace(/0+$/, "").replace(/,$/, "") : text;
  return `${trimmed}%`;
}

export type TargetComparison = { kind: "above" | "equal" | "below"; gap: number };

function assertPercent(value: number, name: string): void {
  if (!Number.isFinite(value) || value < 0 || value > 100) {
    throw new RangeError(`${name} must be a percentage from 0 to 100: ${value}`);
  }
}

/**
 * gap computed from the rounded rate, so 97,87% vs 97% → 0,87 exactly. The gap keeps two
 * decimals whatever the rate's precision, so a target like 97,25% is never misstated.
 */
export function compareToTarget(percent: number, targetPercent: number, decimals: Decimals): TargetComparison {
  assertPercent(percent, "percent");
  assertPercent(targetPercent, "targetPercent");
  const difference = roundHalfUp(roundHalfUp(percent, decimals) - targetPercent, 2);
  if (difference === 0) return { kind: "equal", gap: 0 };
  return { kind: difference > 0 ? "above" : "below", gap: Math.abs(difference) };
}

/**
 * The verdict on a rate compared with its target: met unless below it, or, for a ceiling
 * (lower is better), unless above it. Equal always meets.
 */
export function meetsTarget(comparison: TargetComparison, lowerIsBetter = false): boolean {
  return comparison.kind !== (lowerIsBetter ? "above" : "below");
}

const NO_DOSSIERS = "chưa có hồ sơ để tính tỷ lệ";

/**
 * "đạt 97,87%, vượt 0,87% so với chỉ tiêu được giao (97%)"; "đạt 75,5%, thấp hơn 4,5% so với chỉ tiêu được giao (80%)"; "đạt 98%, bằng chỉ tiêu được giao (98%)"; no target → "đạt 97,87%"; denominator 0 → "chưa có hồ sơ để tính tỷ lệ".
 * lowerIsBetter: "ở mức 6,04%, vượt 1,04% so với mức tối đa cho phép (5%)"; no target → "ở mức 6,04%".
 */
export function describeRate(input: {
  numerator: number;
  denominator: number;
  targetPercent?: number | null;
  decimals?: Decimals;
  lowerIsBetter?: boolean;
}): string {
  const decimals = input.decimals ?? 2;
  const percent = ratePercent(input.numerator, input.denominator, decimals);
  if (percent === null) return NO_DOSSIERS;
  const reached = `${input.lowerIsBetter ? "ở mức" : "đạt"} ${formatPercent(percent, decimals)}`;
  if (input.targetPercent === null || input.targetPercent === undefined) return reached;
  const target = input.targetPercent;
  const { kind, gap } = compareToTarget(percent, target, decimals);
  const targetText = `${input.lowerIsBetter ? "mức tối đa cho phép" : "chỉ tiêu được giao"} (${formatPercent(target)})`;
  if (kind === "equal") return `${reached}, bằng ${targetText}`;
  const verb = kind === "above" ? "vượt" : "thấp hơn";
  return `${reached}, ${verb} ${formatPercent(gap)} so với ${targetText}`;
}

type CountedRate = { numerator: number; denominator: number; measureUnit: string; decimals?: Decimals };

/** "3.557/4.709 hồ sơ đạt tỷ lệ 75,5%" */
export function describeFraction(input: CountedRate): string {
  const percent = ratePercent(input.numerator, input.denominator, input.decimals ?? 2);
  const fraction = `${formatNumber(input.numerator)}/${formatNumber(input.denominator)} ${input.measureUnit}`;
  if (percent === null) return `${fraction}, chưa có ${input.measureUnit} để tính tỷ lệ`;
  return `${fraction} đạt tỷ lệ ${formatPercent(percent, input.decimals ?? 2)}`;
}

/** "1.157 hồ sơ/19.150 hồ sơ (tỷ lệ bình quân 6,04%)" */
export function describeAverage(input: CountedRate): string {
  const percent = ratePercent(input.numerator, input.denominator, input.decimals ?? 2);
  const fraction = `${describeCount(input.numerator, input.measureUnit)}/${describeCount(input.denominator, input.measureUnit)}`;
  if (percent === null) return `${fraction} (chưa có ${input.measureUnit} để tính tỷ lệ)`;
  return `${fraction} (tỷ lệ bình quân ${formatPercent(percent, input.decimals ?? 2)})`;
}

/** a plain count: "11.701 hồ sơ" */
export function describeCount(value: number, measureUnit: string): string {
  assertCount(value, "count");
  return `${formatNumber(value)} ${measureUnit}`;
}

/**
 * A figure's value as documents write it: a count "11.701 hồ sơ"; a rate "3.557/4.709 hồ sơ đạt tỷ
 * lệ 75,5%", or with its target "9.787/10.000 hồ sơ, đạt 97,87%, vượt 0,87% so với chỉ tiêu được
 * giao (97%)". A lower-is-better rate never says "đạt": "1.157/19.150 hồ sơ, ở mức 6,04%, vượt 1,04% so
 * với mức tối đa cho phép (5%)", without target "1.157/19.150 hồ sơ, ở mức 6,04%".
 */
export function describeFigureValue(input: {
  numerator: number;
  denominator: number | null;
  measureUnit: string;
  targetPercent?: number | null;
  decimals?: Decimals;
  lowerIsBetter?: boolean;
}): string {
  const measureUnit = input.measureUnit.normalize("NFC").trim();
  if (input.denominator === null) return describeCount(input.numerator, measureUnit).trim();
  const counted = { numerator: input.numerator, denominator: input.denominator, measureUnit, decimals: input.decimals };
  const targetPercent = input.targetPercent ?? null;
  if (targetPercent === null && !input.lowerIsBetter) return describeFraction(counted);
  const fraction = `${formatNumber(input.numerator)}/${formatNumber(input.denominator)} ${measureUnit}`.trim();
  return `${fraction}, ${describeRate({ ...counted, targetPercent, lowerIsBetter: input.lowerIsBetter })}`;
}
