import { describe, expect, it } from "vitest";
import { DEFAULT_FOLLOW_UP_SETTINGS, type FollowUpSettings } from "~/domain/follow-up-settings";
import { remindersDue } from "~/domain/reminders";
import { isoOf, toDay } from "./days";
import { latestReminderSteps } from "./reminders";

describe("the reminders already sent", () => {
  const today = toDay("2026-12-01");
  const settings: FollowUpSettings[] = [
    DEFAULT_FOLLOW_UP_SETTINGS,
    { dueSoonDays: 5, remindDaysBefore: [14, 3], overdueEveryDays: 10, escalateAfterDays: 30 },
    { dueSoonDays: 5, remindDaysBefore: [], overdueEveryDays: 1, escalateAfterDays: 1 },
  ];

  it("are the steps the app's reminder rule sends first, for every deadline from 40 days ahead to three years late", () => {
    for (const s of settings) {
      for (let elapsed = -40; elapsed <= 1100; elapsed++) {
        const deadline = today - elapsed;
        const expected = remindersDue({ deadline: isoOf(deadline), today: isoOf(today), settings: s }).send.map((step) => ({
          step: step.step,
          audience: step.audience,
          dueOn: step.dueOn,
        }));
        const actual = latestReminderSteps(deadline, today, s).map((step) => ({ step: step.step, audience: step.audience, dueOn: isoOf(deadline + step.offset) }));
        expect(actual, `elapsed ${elapsed}`).toEqual(expected);
      }
    }
  });
});
