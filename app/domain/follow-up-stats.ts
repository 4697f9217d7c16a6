/**
 * Follow-up statistics for the standing committee's dashboard, on Vietnam dates ("YYYY-MM-DD",
 * compared as text). The shared definitions:
 * - completed = accepted; its completion date is the Vietnam date of the accepted report's
 *   submission (else of the acceptance), given here as `completionDate`;
 * - completed on time = completion date ≤ effective deadline (the extension when granted), else late;
 * - overdue = not completed and effective deadline < today (a deadline is met on its own day);
 * - open = not completed and not overdue (in `classify`); `summarize` counts every item not
 *   completed as open, overdue ones included, and gives overdue beside it.
 * No I/O: the model feeds rows in, the dashboard SQL counts with the same rules.
 */
import { effectiveDeadline } from "./deadlines";
import { type IsoDate, parseIsoDate } from "./vietnamese";

export type FollowUpStatus = "not_started" | "in_progress" | "reported" | "accepted" | "returned";

export type FollowUpRecord = {
  status: FollowUpStatus;
  deadline: IsoDate;
  extendedDeadline: IsoDate | null;
  /** Set when accepted (required then); ignored otherwise. */
  completionDate: IsoDate | null;
};

export type FollowUpClass = "completed_on_time" | "completed_late" | "overdue" | "open";

/** The day an accepted item was completed, or null while it is not accepted. */
function completedOn(rec: FollowUpRecord): IsoDate | null {
  if (rec.status !== "accepted") return null;
  if (rec.completionDate === null) throw new RangeError("an accepted recommendation needs its completion date");
  return rec.completionDate;
}

function deadlineOf(rec: FollowUpRecord): IsoDate {
  return effectiveDeadline(rec.deadline, rec.extendedDeadline);
}

export function classify(rec: FollowUpRecord, today: IsoDate): FollowUpClass {
  const completed = completedOn(rec);
  const deadline = deadlineOf(rec);
  if (completed !== null) return completed <= deadline ? "completed_on_time" : "completed_late";
  return deadline < today ? "overdue" : "open";
}

export type FollowUpCounts = {
  total: number;
  completedOnTime: number;
  completedLate: number;
  /** Not completed, overdue included. */
  open: number;
  overdue: number;
};

export type FollowUpSummary = FollowUpCounts & {
  /** completedOnTime / (completedOnTime + completedLate); null when nothing is completed yet. */
  onTimeRate: number | null;
};

export function onTimeRate(counts: Pick<FollowUpCounts, "completedOnTime" | "completedLate">): number | null {
  const completed = counts.completedOnTime + counts.completedLate;
  return completed === 0 ? null : counts.completedOnTime / completed;
}

export function summarize(recs: readonly FollowUpRecord[], today: IsoDate): FollowUpSummary {
  const counts: FollowUpCounts = { total: 0, completedOnTime: 0, completedLate: 0, open: 0, overdue: 0 };
  for (const rec of recs) {
    counts.total += 1;
    switch (classify(rec, today)) {
      case "completed_on_time":
        counts.completedOnTime += 1;
        break;
      case "completed_late":
        counts.completedLate += 1;
        break;
      case "overdue":
        counts.overdue += 1;
        counts.open += 1;
        break;
      case "open":
        counts.open += 1;
        break;
    }
  }
  return { ...counts, onTimeRate: onTimeRate(counts) };
}

export type SeriesRecord = FollowUpRecord & {
  /** Issue date of the conclusion notice that put the item under follow-up. */
  issueDate: IsoDate;
};

export type MonthPoint = {
  /** "2026-12" */
  month: string;
  /** "12/2026" */
  label: string;
  /** The day the backlog is counted at: the month's last day, or today for the current month. */
  date: IsoDate;
  /** Issued on or before `date` and not completed by then. */
  backlog: number;
  /** Of the backlog, the effective deadline was before `date`. */
  overdue: number;
  /** Completed within the month (up to `date`), on time / late. */
  completedOnTime: number;
  completedLate: number;
};

const pad2 = (n: number) => String(n).padStart(2, "0");

/** The last `count` calendar months up to today's, oldest first, with the day each is counted at. */
export function monthWindow(today: IsoDate, count: number): { month: string; label: string; start: IsoDate; date: IsoDate }[] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`months must be a positive integer: ${count}`);
  const { year, month } = parseIsoDate(today);
  const window = [];
  for (let back = count - 1; back >= 0; back -= 1) {
    const index = year * 12 + (month - 1) - back;
    const y = Math.floor(index / 12);
    const m = (index % 12) + 1;
    const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
    const start = `${y}-${pad2(m)}-01`;
    const end = `${y}-${pad2(m)}-${pad2(lastDay)}`;
    window.push({ month: `${y}-${pad2(m)}`, label: `${pad2(m)}/${y}`, start, date: back === 0 ? today : end });
  }
  return window;
}

/**
 * One point per calendar month, oldest first. The deadline used for past month ends is the
 * effective deadline as it stands today (an extension granted later counts back too): the
 * recommendation row keeps no history of when an extension was granted.
 */
export function monthlySeries(recs: readonly SeriesRecord[], options: { today: IsoDate; months?: number }): MonthPoint[] {
  const window = monthWindow(options.today, options.months ?? 12);
  const points: MonthPoint[] = window.map(({ month, label, date }) => ({
    month,
    label,
    date,
    backlog: 0,
    overdue: 0,
    completedOnTime: 0,
    completedLate: 0,
  }));
  for (const rec of recs) {
    const completed = completedOn(rec);
    const deadline = deadlineOf(rec);
    for (const [i, { start, date }] of window.entries()) {
      const point = points[i];
      if (rec.issueDate <= date && (completed === null || completed > date)) {
        point.backlog += 1;
        if (deadline < date) point.overdue += 1;
      }
      if (completed !== null && completed >= start && completed <= date) {
        if (completed <= deadline) point.completedOnTime += 1;
        else point.completedLate += 1;
      }
    }
  }
  return points;
}
