import { z } from "zod";
import { type FollowUpSettings, followUpSettingsSchema } from "~/domain/follow-up-settings";

/**
 * The administrator's form for the follow-up settings: every field is typed as text ("7, 1" for
 * the reminders before a deadline) and checked by the rules of followUpSettingsSchema, each message
 * on its own field.
 */

export type FollowUpSettingsFormValues = {
  dueSoonDays: string;
  remindDaysBefore: string;
  overdueEveryDays: string;
  escalateAfterDays: string;
};

const WHOLE_DAYS = /^\d{1,6}$/;

/**
 * The page's script posts what this schema outputs (numbers, a list), and a page without script
 * posts "7" that reads back as a number: both are taken as the text they stand for, so the server
 * parses the same thing either way.
 */
function asText(value: unknown): unknown {
  if (typeof value === "number") return String(value);
  if (Array.isArray(value) && value.every((item) => typeof item === "number")) return value.join(", ");
  return value;
}

function firstMessage(error: z.ZodError): string {
  return error.issues[0]?.message ?? "Giá trị không hợp lệ.";
}

const days = (rule: z.ZodType<number>) =>
  z.preprocess(
    asText,
    z
      .string({ error: "Nhập số ngày." })
      .trim()
      .transform((value, ctx) => {
        if (value === "") {
          ctx.addIssue({ code: "custom", message: "Nhập số ngày." });
          return z.NEVER;
        }
        if (!WHOLE_DAYS.test(value)) {
          ctx.addIssue({ code: "custom", message: "Nhập số ngày là số nguyên dương, ví dụ 7." });
          return z.NEVER;
        }
        const parsed = rule.safeParse(Number(value));
        if (!parsed.success) {
          ctx.addIssue({ code: "custom", message: firstMessage(parsed.error) });
          return z.NEVER;
        }
        return parsed.data;
      }),
  );

const dayList = z.preprocess(
  asText,
  z
    .string({ error: "Nhập các mốc nhắc trước hạn." })
    .trim()
    .transform((value, ctx) => {
      const parts = value.split(/[,;\s]+/).filter(Boolean);
      if (parts.some((part) => !WHOLE_DAYS.test(part))) {
        ctx.addIssue({ code: "custom", message: "Nhập các số ngày nguyên dương, cách nhau bằng dấu phẩy, ví dụ: 7, 1." });
        return z.NEVER;
      }
      const parsed = followUpSettingsSchema.shape.remindDaysBefore.safeParse(parts.map(Number));
      if (!parsed.success) {
        ctx.addIssue({ code: "custom", message: firstMessage(parsed.error) });
        return z.NEVER;
      }
      return parsed.data;
    }),
);

const shape = followUpSettingsSchema.shape;

export const followUpSettingsFormSchema = z.object({
  dueSoonDays: days(shape.dueSoonDays),
  remindDaysBefore: dayList,
  overdueEveryDays: days(shape.overdueEveryDays),
  escalateAfterDays: days(shape.escalateAfterDays),
});

export function followUpSettingsFormValues(settings: FollowUpSettings): FollowUpSettingsFormValues {
  return {
    dueSoonDays: String(settings.dueSoonDays),
    remindDaysBefore: settings.remindDaysBefore.join(", "),
    overdueEveryDays: String(settings.overdueEveryDays),
    escalateAfterDays: String(settings.escalateAfterDays),
  };
}
