/**
 * The reminder steps the app's job has recorded by `today` for an open recommendation, as if it had
 * run every day: for each audience, the latest step due (app/domain/reminders.ts remindersDue with
 * nothing sent yet). Computed in constant time: remindersDue lists every step since the deadline,
 * which for an item overdue for years is hundreds of dates per call.
 */
import type { FollowUpSettings } from "~/domain/follow-up-settings";
import { stepName } from "~/domain/reminders";

export type LatestStep = { step: string; audience: "unit" | "committee"; offset: number };

export function latestReminderSteps(deadlineDay: number, todayDay: number, settings: FollowUpSettings): LatestStep[] {
  const elapsed = todayDay - deadlineDay;
  const every = Math.max(1, settings.overdueEveryDays);
  const out: LatestStep[] = [];
  let unit: number | null = null;
  if (elapsed >= every) unit = Math.floor(elapsed / every) * every;
  else if (elapsed >= 0) unit = 0;
  else {
    const before = settings.remindDaysBefore.filter((b) => b > 0 && -b <= elapsed);
    if (before.length > 0) unit = -Math.min(...before);
  }
  if (unit !== null) out.push({ step: stepName(unit), audience: "unit", offset: unit });
  const escalate = settings.escalateAfterDays;
  if (elapsed >= escalate) {
    const committee = escalate + Math.floor((elapsed - escalate) / every) * every;
    out.push({ step: stepName(committee), audience: "committee", offset: committee });
  }
  return out;
}
