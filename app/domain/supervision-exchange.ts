/**
 * Pure pieces of moving a supervision between the database and its file
 * (app/schemas/supervision-file.ts): the file nests causes under their shortcoming, the database
 * keeps them as rows with a parent.
 */
import type { SupervisionFinding } from "~/schemas/supervision-file";

export type FindingRow = {
  id: number;
  kind: "achievement" | "shortcoming" | "cause";
  causeKind: "objective" | "subjective" | null;
  parentId: number | null;
  text: string;
};

export type NestedFinding = Omit<SupervisionFinding, "id" | "figureIds" | "itemCodes"> & { rowId: number };

/**
 * Achievements and shortcomings in the given order, each shortcoming with its causes. A cause whose
 * parent is not a shortcoming of the list goes under the closest shortcoming before it, or else the
 * last one; with no shortcoming at all it is dropped. `parentOf` maps every cause row to the finding
 * it was placed under.
 */
export function nestFindings(rows: FindingRow[]): { findings: NestedFinding[]; parentOf: Map<number, number> } {
  const findings: NestedFinding[] = rows
    .filter((row) => row.kind !== "cause")
    .map((row) => ({ rowId: row.id, kind: row.kind as NestedFinding["kind"], text: row.text, causes: [] }));
  const byId = new Map(findings.map((finding) => [finding.rowId, finding]));
  const shortcomings = findings.filter((finding) => finding.kind === "shortcoming");
  const parentOf = new Map<number, number>();
  let previous: NestedFinding | undefined;
  for (const row of rows) {
    if (row.kind !== "cause") {
      if (row.kind === "shortcoming") previous = byId.get(row.id);
      continue;
    }
    const parent = row.parentId === null ? undefined : byId.get(row.parentId);
    const home = parent?.kind === "shortcoming" ? parent : (previous ?? shortcomings.at(-1));
    if (!home) continue;
    home.causes.push({ kind: row.causeKind ?? "objective", text: row.text });
    parentOf.set(row.id, home.rowId);
  }
  return { findings, parentOf };
}

/** "giam-sat-5-12.json": the plan's number (or id when it has none) and the visit's id. */
export function supervisionFileName(plan: { id: number; number: number | null }, visitId: number): string {
  return `giam-sat-${plan.number ?? plan.id}-${visitId}.json`;
}

/** Unit names compare as people read them: NFC, spaces folded, case ignored ("UBND Phường Bình An"). */
export function sameName(a: string, b: string): boolean {
  const key = (name: string) => name.normalize("NFC").replace(/\s+/gu, " ").trim().toLocaleLowerCase("vi-VN");
  return key(a) === key(b);
}

/** The notice's one precision for rates: the rate figures' own when they agree, else 2 decimals. */
export function noticeDecimals(figures: { denominator: number | null; decimals: 1 | 2 }[]): 1 | 2 {
  const chosen = new Set(figures.filter((figure) => figure.denominator !== null).map((figure) => figure.decimals));
  return chosen.size === 1 ? [...chosen][0] : 2;
}
