import { addDays, daysBetween } from "./deadlines";
import type { FollowUpSettings } from "./follow-up-settings";
import { type IsoDate, formatDate } from "./vietnamese";

/**
 * Which reminder a followed-up, open recommendation should get today. Pure: the job
 * (app/models/reminder.server.ts) reads the rows and records what this returns.
 *
 * Steps, by their offset in days from the effective deadline D:
 * - `before-N` at D − N for each N of remindDaysBefore (to the unit);
 * - `on-day` at D (to the unit);
 * - `overdue-K` at D + K for K = overdueEveryDays, 2·overdueEveryDays, … (to the unit);
 * - `overdue-K` at D + K for K = escalateAfterDays, escalateAfterDays + overdueEveryDays, …
 *   (to the committee: escalation starts on the day the threshold is reached and then follows
 *   the same rhythm; with the defaults 7/7 both audiences get overdue-7, overdue-14, …).
 *
 * The rule, for each audience separately:
 * 1. The step to send is the LATEST step whose day has come (due day ≤ today). Only that one:
 *    when the job did not run for a while, the earlier steps it missed are superseded, never sent
 *    late in a burst (a unit gets one "quá hạn 14 ngày", not also "còn 7 ngày", "còn 1 ngày"…).
 * 2. It is not sent when that step, or any step at or after it, was already recorded for the same
 *    deadline: time only moves forward, so a reminder never goes out after a later one (a manual
 *    run with an earlier `--today` cannot send "còn 1 ngày" after "quá hạn 7 ngày").
 * 3. Steps are keyed by the deadline they were computed from: an extension (a new effective
 *    deadline) starts the sequence again, and the old deadline's steps no longer count.
 * 4. The due steps that were neither sent nor chosen are returned as `superseded`, so the job can
 *    report them; they are never sent afterwards, because rule 1 only ever picks a later step.
 * The reminders_sent primary key (recommendation, deadline, step, audience) makes sending a
 * chosen step happen once even when two runs choose it at the same time.
 */

export type ReminderAudience = "unit" | "committee";

export type ReminderStep = {
  /** "before-7", "on-day", "overdue-14". */
  step: string;
  audience: ReminderAudience;
  /** Days from the deadline to the step's day: −7, 0, 14. */
  offset: number;
  /** The Vietnam date the step falls on. */
  dueOn: IsoDate;
};

export type SentStep = { step: string; audience: string };

export type ReminderPlan = {
  /** At most one step per audience: the latest one due, not yet passed by a recorded one. */
  send: ReminderStep[];
  /** Due steps skipped in favour of a later one (or already passed by a recorded later one). */
  superseded: ReminderStep[];
};

export function stepName(offset: number): string {
  if (offset < 0) return `before-${-offset}`;
  return offset === 0 ? "on-day" : `overdue-${offset}`;
}

/** The offset a step name stands for, or null for a name this code does not know. */
export function stepOffset(step: string): number | null {
  if (step === "on-day") return 0;
  const match = /^(before|overdue)-([1-9]\d{0,4})$/.exec(step);
  if (!match) return null;
  return match[1] === "before" ? -Number(match[2]) : Number(match[2]);
}

/** The offsets of an audience's steps that have come by `elapsed` days after the deadline, in order. */
function dueOffsets(audience: ReminderAudience, elapsed: number, settings: FollowUpSettings): number[] {
  const every = Math.max(1, settings.overdueEveryDays);
  const offsets: number[] = [];
  if (audience === "unit") {
    for (const before of [...settings.remindDaysBefore].sort((a, b) => b - a)) {
      if (before > 0 && -before <= elapsed) offsets.push(-before);
    }
    if (elapsed >= 0) offsets.push(0);
    for (let k = every; k <= elapsed; k += every) offsets.push(k);
  } else {
    for (let k = settings.escalateAfterDays; k <= elapsed; k += every) offsets.push(k);
  }
  return [...new Set(offsets)].sort((a, b) => a - b);
}

export function remindersDue(input: {
  /** The effective deadline: coalesce(extended_deadline, deadline). */
  deadline: IsoDate;
  today: IsoDate;
  settings: FollowUpSettings;
  /** Steps already recorded for this recommendation and this same deadline. */
  sent?: SentStep[];
}): ReminderPlan {
  const elapsed = daysBetween(input.deadline, input.today);
  const plan: ReminderPlan = { send: [], superseded: [] };
  for (const audience of ["unit", "committee"] as const) {
    const offsets = dueOffsets(audience, elapsed, input.settings);
    if (offsets.length === 0) continue;
    const recorded = (input.sent ?? [])
      .filter((s) => s.audience === audience)
      .map((s) => stepOffset(s.step))
      .filter((offset): offset is number => offset !== null);
    const lastRecorded = recorded.length > 0 ? Math.max(...recorded) : -Infinity;
    const toStep = (offset: number): ReminderStep => ({
      step: stepName(offset),
      audience,
      offset,
      dueOn: addDays(input.deadline, offset),
    });
    const latest = offsets[offsets.length - 1];
    const send = latest > lastRecorded ? latest : null;
    if (send !== null) plan.send.push(toStep(send));
    for (const offset of offsets) {
      if (offset !== send && offset > lastRecorded) plan.superseded.push(toStep(offset));
    }
  }
  return plan;
}

/** "Kiến nghị sắp đến hạn: còn 7 ngày", "Kiến nghị đến hạn hôm nay", "Kiến nghị quá hạn 14 ngày": from today's real count. */
export function reminderTitle(deadline: IsoDate, today: IsoDate): string {
  const left = daysBetween(today, deadline);
  if (left > 0) return `Kiến nghị sắp đến hạn: còn ${left} ngày`;
  if (left === 0) return "Kiến nghị đến hạn hôm nay";
  return `Kiến nghị quá hạn ${-left} ngày`;
}

/**
 * The text shortened, then "Hạn: dd/mm/yyyy" (with the original date when extended); the committee
 * is told which unit it is about, since it follows many.
 */
export function reminderBody(input: {
  text: string;
  deadline: IsoDate;
  originalDeadline?: IsoDate | null;
  unitName?: string | null;
}): string {
  const lines = [input.unitName ? `${input.unitName}: ${shorten(input.text)}` : shorten(input.text)];
  const extended = input.originalDeadline && input.originalDeadline !== input.deadline;
  lines.push(`Hạn: ${formatDate(input.deadline)}${extended ? ` (đã gia hạn từ ${formatDate(input.originalDeadline!)})` : ""}`);
  return lines.join("\n");
}

/** The recommendation's text cut at a word near `max` characters, with "…". */
export function shorten(text: string, max = 200): string {
  const clean = text.normalize("NFC").replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
