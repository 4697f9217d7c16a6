/**
 * Dates as day numbers (days since 1970-01-01, UTC), so the generator adds and compares integers
 * and formats only when it writes. Vietnam has no daylight saving time: a timestamp is written as
 * "YYYY-MM-DD HH:MM:SS+07".
 */
const MS_PER_DAY = 86_400_000;
const isoCache = new Map<number, string>();

export function toDay(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / MS_PER_DAY;
}

export function isoOf(day: number): string {
  let iso = isoCache.get(day);
  if (iso === undefined) {
    iso = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    isoCache.set(day, iso);
  }
  return iso;
}

export function yearOf(day: number): number {
  return Number(isoOf(day).slice(0, 4));
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** A Vietnam-time timestamp on `day` at `minuteOfDay` minutes past midnight. */
export function stamp(day: number, minuteOfDay: number, second = 0): string {
  const m = Math.max(0, Math.min(24 * 60 - 1, Math.floor(minuteOfDay)));
  return `${isoOf(day)} ${pad2(Math.floor(m / 60))}:${pad2(m % 60)}:${pad2(second % 60)}+07`;
}

/** Monday = 1 … Sunday = 7. */
export function weekday(day: number): number {
  // 1970-01-01 was a Thursday.
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** The same day, or the next Monday when it falls on a weekend: offices work Monday to Friday. */
export function workingDayFrom(day: number): number {
  const w = weekday(day);
  return w === 6 ? day + 2 : w === 7 ? day + 1 : day;
}
