/**
 * Pure rules of the findings the team drafts after a visit: how a list is reordered one step at a
 * time, how merged findings read, how a figure is quoted, and which units a recommendation may be
 * addressed to.
 */
import { lowerIsBetter } from "./indicators";
import { compareToTarget, describeCount, describeFigureValue, describeRate, meetsTarget, ratePercent } from "./indicator-wording";
import { buildTree } from "./unit-tree";
import { formatNumber } from "./vietnamese";

export type Direction = "up" | "down";
export type Positioned = { id: number; position: number };

/** Positions that keep the given order and never repeat: 3, 3, 5 → 3, 4, 5. */
function strictlyIncreasing(positions: number[]): number[] {
  const out: number[] = [];
  for (const position of positions) {
    const previous = out.at(-1);
    out.push(previous !== undefined && position <= previous ? previous + 1 : position);
  }
  return out;
}

/**
 * The rows of one list (in display order) whose position changes when `id` moves one step up or
 * down; empty when it is already first (or last). The list keeps the positions it already used, so
 * other lists sharing the same numbering are not disturbed; repeated positions are spread apart.
 */
export function movePositions(rows: readonly Positioned[], id: number, direction: Direction): Positioned[] {
  const index = rows.findIndex((row) => row.id === id);
  if (index < 0) throw new RangeError(`row ${id} is not in the list`);
  const other = direction === "up" ? index - 1 : index + 1;
  if (other < 0 || other >= rows.length) return [];
  const order = rows.map((row) => row.id);
  [order[index], order[other]] = [order[other], order[index]];
  const slots = strictlyIncreasing(rows.map((row) => row.position));
  const before = new Map(rows.map((row) => [row.id, row.position]));
  return order.map((rowId, i) => ({ id: rowId, position: slots[i] })).filter((row) => before.get(row.id) !== row.position);
}

/**
 * After rows of one list (given in display order) are removed, the rows left take the smallest of
 * the positions the list used, in order; returns those whose position changes. Only positions the
 * list already held are reused, so other lists sharing the numbering are not disturbed.
 */
export function compactPositions(rows: readonly Positioned[], removed: readonly number[]): Positioned[] {
  const slots = strictlyIncreasing(rows.map((row) => row.position));
  return rows
    .filter((row) => !removed.includes(row.id))
    .map((row, i) => ({ id: row.id, from: row.position, position: slots[i] }))
    .filter((row) => row.from !== row.position)
    .map(({ id, position }) => ({ id, position }));
}

/** Findings merged into one read as their texts in order, joined with a space. */
export function joinFindingTexts(texts: readonly string[]): string {
  return texts
    .map((text) => text.normalize("NFC").trim())
    .filter((text) => text.length > 0)
    .join(" ");
}

export type FigureLike = {
  label: string;
  numerator: number;
  denominator: number | null;
  measureUnit: string;
  targetPercent: string | number | null;
  /** The indicator's code, which tells whether its target is a ceiling (late_rate). */
  code?: string | null;
};

const targetOf = (figure: FigureLike) => (figure.targetPercent === null ? null : Number(figure.targetPercent));

/** The rate's wording, or null for counts the wording refuses (a numerator above its denominator typed by hand). */
function rateWording(figure: FigureLike & { denominator: number }): string | null {
  try {
    return describeRate({
      numerator: figure.numerator,
      denominator: figure.denominator,
      targetPercent: targetOf(figure),
      lowerIsBetter: lowerIsBetter(figure.code),
    });
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}

/** "3.557/4.709 hồ sơ, đạt 75,54%, thấp hơn 22,46% so với chỉ tiêu được giao (98%)"; a count: "11.701 hồ sơ". */
export function figureValueText(figure: FigureLike): string {
  try {
    return describeFigureValue({ ...figure, targetPercent: targetOf(figure), lowerIsBetter: lowerIsBetter(figure.code) });
  } catch (error) {
    // A numerator above its denominator typed by hand: shown as typed, never worded as a rate.
    if (error instanceof RangeError) return `${formatNumber(figure.numerator)}/${formatNumber(figure.denominator ?? 0)} ${figure.measureUnit}`;
    throw error;
  }
}

/** The sentence a figure proposes as a finding: "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 97,87%, vượt …". */
export function figureFindingText(figure: FigureLike): string {
  const label = figure.label.normalize("NFC").trim().replace(/[.:;]+$/, "");
  if (figure.denominator === null) return `${label}: ${describeCount(figure.numerator, figure.measureUnit)}.`;
  const wording = rateWording({ ...figure, denominator: figure.denominator });
  return wording ? `${label} ${wording}.` : `${label}: ${figureValueText(figure)}.`;
}

/**
 * A rate that misses its target (at two decimals, as printed): below it, or above it when the
 * target is a ceiling. A count or a rate without target never does.
 */
export function figureMissesTarget(figure: FigureLike): boolean {
  const target = targetOf(figure);
  if (figure.denominator === null || target === null || figure.numerator > figure.denominator) return false;
  const percent = ratePercent(figure.numerator, figure.denominator, 2);
  return percent !== null && !meetsTarget(compareToTarget(percent, target, 2), lowerIsBetter(figure.code));
}

export type UnitLike = { id: number; parentId: number | null; kind: string; name: string; path: string };

/** "/1/7/12/" → [1, 7, 12]: the unit's ancestors from the root, itself last. */
export function pathIds(path: string): number[] {
  return path.split("/").filter(Boolean).map(Number);
}

/**
 * The units a visit's recommendations may be addressed to: the visited unit, the People's
 * Committee (UBND) of the commune it belongs to, and the units under the visited one, in that
 * order (children by Vietnamese name), each once. `rows` must hold the visited unit, its
 * ancestors and their children.
 */
export function addresseeChoices<T extends UnitLike>(visitUnitId: number, rows: readonly T[]): T[] {
  const unit = rows.find((row) => row.id === visitUnitId);
  if (!unit) return [];
  const ancestors = pathIds(unit.path);
  const commune = rows
    .filter((row) => row.kind === "commune" && ancestors.includes(row.id))
    .sort((a, b) => b.path.length - a.path.length)[0];
  const committees = commune ? rows.filter((row) => row.parentId === commune.id && row.kind === "people_committee") : [];
  // buildTree orders names the Vietnamese way (Đ after D); the children are its roots here.
  const byId = new Map(rows.map((row) => [row.id, row]));
  const children = buildTree(rows.filter((row) => row.parentId === unit.id).map((row) => ({ ...row, parentId: null }))).map(
    (node) => byId.get(node.id) as T,
  );
  const chosen: T[] = [];
  for (const row of [unit, ...committees, ...children]) {
    if (!chosen.some((c) => c.id === row.id)) chosen.push(row);
  }
  return chosen;
}
