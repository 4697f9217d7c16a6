import { z } from "zod";
import { DEFAULT_DUE_SOON_DAYS } from "./deadlines";

/**
 * The follow-up settings the administrator may change (stored in app_settings under
 * FOLLOW_UP_SETTINGS_KEY): when a deadline counts as "due soon", and when reminders go out.
 */
export type FollowUpSettings = {
  /** A deadline this many days away or fewer is "sắp đến hạn". */
  dueSoonDays: number;
  /** Reminders to the unit this many days before the deadline (and always on the day itself). */
  remindDaysBefore: number[];
  /** While overdue, a reminder to the unit every this many days after the deadline. */
  overdueEveryDays: number;
  /** From this many days overdue, the committee over the unit is reminded too. */
  escalateAfterDays: number;
};

export const FOLLOW_UP_SETTINGS_KEY = "follow_up";

export const DEFAULT_FOLLOW_UP_SETTINGS: FollowUpSettings = {
  dueSoonDays: DEFAULT_DUE_SOON_DAYS,
  remindDaysBefore: [7, 1],
  overdueEveryDays: 7,
  escalateAfterDays: 7,
};

const days = (max: number) => z.number().int("Phải là số ngày nguyên.").min(1, "Ít nhất 1 ngày.").max(max, `Nhiều nhất ${max} ngày.`);

export const followUpSettingsSchema = z.object({
  dueSoonDays: days(90),
  remindDaysBefore: z
    .array(days(90))
    .max(5, "Nhiều nhất 5 mốc nhắc trước hạn.")
    .transform((values) => [...new Set(values)].sort((a, b) => b - a)),
  overdueEveryDays: days(90),
  escalateAfterDays: days(365),
});

/** Stored settings merged over the defaults; anything unreadable falls back to the default. */
export function readFollowUpSettings(stored: unknown): FollowUpSettings {
  const merged = { ...DEFAULT_FOLLOW_UP_SETTINGS, ...(stored && typeof stored === "object" ? stored : {}) };
  const parsed = followUpSettingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_FOLLOW_UP_SETTINGS;
}
