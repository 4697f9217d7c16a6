/**
 * Vietnamese wording of numbers and dates, as documents write them: "." groups thousands,
 * "," is the decimal mark; dates "ngày 05 tháng 4 năm 2024" (Nghị định 30/2020: a leading zero
 * for days below 10 and for months 1 and 2).
 */

export const VIETNAM_TIME_ZONE = "Asia/Ho_Chi_Minh";

/** NFC, trimmed, inner runs of spaces folded: what we store for any text a user typed. */
export function cleanText(value: string): string {
  return value.normalize("NFC").replace(/[ \t]+/g, " ").trim();
}

/** 11701 → "11.701"; 75.5 with 1 decimal → "75,5"; never rounds through binary noise. */
export function formatNumber(value: number, decimals = 0): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  const negative = value < 0;
  const fixed = roundHalfUp(Math.abs(value), decimals).toFixed(decimals);
  const [whole, fraction] = fixed.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  const text = fraction ? `${grouped},${fraction}` : grouped;
  return negative && Number(fixed) !== 0 ? `-${text}` : text;
}

/** Half-up rounding done in decimal, so 6.045 → 6.05 rather than toFixed's 6.04. */
export function roundHalfUp(value: number, decimals: number): number {
  const shifted = Number(`${Math.abs(value)}e${decimals}`);
  const rounded = Math.round(shifted + Number.EPSILON * shifted);
  return Math.sign(value) * Number(`${rounded}e-${decimals}`);
}

export type IsoDate = string; // "2024-04-01"

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseIsoDate(value: IsoDate): { year: number; month: number; day: number } {
  const match = ISO_DATE.exec(value);
  if (!match) throw new RangeError(`not an ISO date: ${value}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new RangeError(`no such date: ${value}`);
  }
  return { year, month, day };
}

export function isIsoDate(value: string): boolean {
  try {
    parseIsoDate(value);
    return true;
  } catch {
    return false;
  }
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/**
 * "2024-04-01" → "01/4/2024", the short form documents use in running text ("ngày 01/4/2024");
 * like the long form, months 1 and 2 keep their leading zero ("01/01/2023").
 */
export function formatShortDate(value: IsoDate): string {
  const { year, month, day } = parseIsoDate(value);
  return `${pad2(day)}/${month <= 2 ? pad2(month) : month}/${year}`;
}

/** "2024-04-01" → "01/04/2024": the form used in tables and lists on screen. */
export function formatDate(value: IsoDate): string {
  const { year, month, day } = parseIsoDate(value);
  return `${pad2(day)}/${pad2(month)}/${year}`;
}

/** "ngày 05 tháng 4 năm 2024"; months 1 and 2 get a leading zero (Nghị định 30/2020). */
export function formatDocumentDate(value: IsoDate): string {
  const { year, month, day } = parseIsoDate(value);
  const monthText = month <= 2 ? pad2(month) : String(month);
  return `ngày ${pad2(day)} tháng ${monthText} năm ${year}`;
}

/** "Bình An, ngày 05 tháng 4 năm 2024". */
export function formatPlaceAndDate(placeName: string, value: IsoDate): string {
  return `${cleanText(placeName)}, ${formatDocumentDate(value)}`;
}

/** The calendar date in Vietnam at a given instant. */
export function vietnamDate(instant: Date = new Date()): IsoDate {
  return VIETNAM_DAY.format(instant); // en-CA formats as YYYY-MM-DD
}

// Made once: building an Intl formatter costs more than a page's worth of date arithmetic.
const VIETNAM_DAY = new Intl.DateTimeFormat("en-CA", { timeZone: VIETNAM_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/** "23/11/2026 16:41" in Vietnam's time, for "saved at" and audit lines. */
export function formatDateTime(instant: Date | string): string {
  const date = typeof instant === "string" ? new Date(instant) : instant;
  const parts = VIETNAM_MINUTE.formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("day")}/${get("month")}/${get("year")} ${get("hour")}:${get("minute")}`;
}

const VIETNAM_MINUTE = new Intl.DateTimeFormat("vi-VN", {
  timeZone: VIETNAM_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});
