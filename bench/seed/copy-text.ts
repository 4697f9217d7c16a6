/**
 * PostgreSQL COPY text format: one line per row, columns separated by a tab, `\N` for NULL, and a
 * backslash, tab, newline or carriage return inside a value written as `\\`, `\t`, `\n`, `\r`.
 */
export type Cell = string | number | boolean | null | undefined;

const SPECIAL = /[\\\t\n\r]/;
const SPECIAL_ALL = /[\\\t\n\r]/g;
const REPLACEMENT: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

export function escapeCopyText(value: string): string {
  return SPECIAL.test(value) ? value.replace(SPECIAL_ALL, (c) => REPLACEMENT[c]) : value;
}

export function copyCell(value: Cell): string {
  if (value === null || value === undefined) return "\\N";
  if (typeof value === "string") return escapeCopyText(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
    return String(value);
  }
  return value ? "t" : "f";
}

export function copyLine(cells: readonly Cell[]): string {
  let line = "";
  for (let i = 0; i < cells.length; i++) line += (i === 0 ? "" : "\t") + copyCell(cells[i]);
  return `${line}\n`;
}

/** Reads one line back (for tests): the inverse of copyLine, NULL as null. */
export function parseCopyLine(line: string): (string | null)[] {
  return line
    .replace(/\n$/, "")
    .split("\t")
    .map((cell) =>
      cell === "\\N" ? null : cell.replace(/\\(.)/g, (_, c: string) => ({ t: "\t", n: "\n", r: "\r", "\\": "\\" })[c] ?? c),
    );
}
