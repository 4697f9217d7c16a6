import { type IsoDate, parseIsoDate, vietnamDate } from "./vietnamese";

/** Calendar arithmetic on Vietnam dates ("YYYY-MM-DD"); no time of day, no host time zone. */

function toUtcDay(value: IsoDate): number {
  const { year, month, day } = parseIsoDate(value);
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

function fromUtcDay(days: number): IsoDate {
  return new Date(days * 86_400_000).toISOString().slice(0, 10);
}

/** Days from `from` to `to`: positive when `to` is later. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toUtcDay(to) - toUtcDay(from);
}

export function addDays(value: IsoDate, days: number): IsoDate {
  return fromUtcDay(toUtcDay(value) + days);
}

/** The deadline in force: an extension when granted, else the original. */
export function effectiveDeadline(deadline: IsoDate, extendedDeadline: IsoDate | null): IsoDate {
  return extendedDeadline ?? deadline;
}

export type DeadlineState = "closed" | "overdue" | "due_soon" | "on_track";

export const DEFAULT_DUE_SOON_DAYS = 7;

/**
 * Computed each time from today's date in Vietnam, never stored: a deadline is met on its own day,
 * overdue from the next day.
 */
export function deadlineState(
  deadline: IsoDate,
  options: { today?: IsoDate; closed?: boolean; dueSoonDays?: number } = {},
): { state: DeadlineState; daysLeft: number } {
  const today = options.today ?? vietnamDate();
  const daysLeft = daysBetween(today, deadline);
  if (options.closed) return { state: "closed", daysLeft };
  if (daysLeft < 0) return { state: "overdue", daysLeft };
  if (daysLeft <= (options.dueSoonDays ?? DEFAULT_DUE_SOON_DAYS)) return { state: "due_soon", daysLeft };
  return { state: "on_track", daysLeft };
}

/** "còn 5 ngày", "hạn hôm nay", "quá hạn 3 ngày". */
export function describeDaysLeft(daysLeft: number): string {
  if (daysLeft === 0) return "hạn hôm nay";
  return daysLeft > 0 ? `còn ${daysLeft} ngày` : `quá hạn ${-daysLeft} ngày`;
}

/** The badge text for a deadline: "Quá hạn 3 ngày", "Sắp đến hạn: còn 2 ngày", "Trong hạn: còn 12 ngày". */
export function describeDeadline(state: DeadlineState, daysLeft: number): string {
  switch (state) {
    case "overdue":
      return `Quá hạn ${-daysLeft} ngày`;
    case "due_soon":
      return `Sắp đến hạn: ${describeDaysLeft(daysLeft)}`;
    case "on_track":
      return `Trong hạn: ${describeDaysLeft(daysLeft)}`;
    case "closed":
      return "Đã đóng";
  }
}
