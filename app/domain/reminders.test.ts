import { describe, expect, it } from "vitest";
import { addDays } from "./deadlines";
import { DEFAULT_FOLLOW_UP_SETTINGS, type FollowUpSettings } from "./follow-up-settings";
import { type SentStep, reminderBody, reminderTitle, remindersDue, shorten, stepName, stepOffset } from "./reminders";

const D = "2026-12-15";
const settings = DEFAULT_FOLLOW_UP_SETTINGS; // 7 / [7, 1] / every 7 / escalate at 7

function due(today: string, sent: SentStep[] = [], custom: FollowUpSettings = settings) {
  const plan = remindersDue({ deadline: D, today, settings: custom, sent });
  return {
    send: plan.send.map((s) => `${s.audience}:${s.step}`),
    superseded: plan.superseded.map((s) => `${s.audience}:${s.step}`),
  };
}

describe("reminder steps on schedule (the job runs every day)", () => {
  it("nothing before the first step", () => {
    expect(due(addDays(D, -30))).toEqual({ send: [], superseded: [] });
    expect(due(addDays(D, -8))).toEqual({ send: [], superseded: [] });
  });

  it("before-7, before-1, on the day, then weekly while overdue; the committee from 7 days overdue", () => {
    expect(due(addDays(D, -7)).send).toEqual(["unit:before-7"]);
    expect(due(addDays(D, -1), [{ step: "before-7", audience: "unit" }]).send).toEqual(["unit:before-1"]);
    expect(due(D, [{ step: "before-1", audience: "unit" }]).send).toEqual(["unit:on-day"]);
    expect(due(addDays(D, 7), [{ step: "on-day", audience: "unit" }]).send).toEqual(["unit:overdue-7", "committee:overdue-7"]);
    const week2: SentStep[] = [
      { step: "overdue-7", audience: "unit" },
      { step: "overdue-7", audience: "committee" },
    ];
    expect(due(addDays(D, 14), week2).send).toEqual(["unit:overdue-14", "committee:overdue-14"]);
  });

  it("days between steps send nothing once the step is recorded", () => {
    for (const offset of [-6, -5, -2]) expect(due(addDays(D, offset), [{ step: "before-7", audience: "unit" }]).send).toEqual([]);
    expect(due(addDays(D, 3), [{ step: "on-day", audience: "unit" }]).send).toEqual([]);
    expect(due(addDays(D, 13), [{ step: "overdue-7", audience: "unit" }, { step: "overdue-7", audience: "committee" }]).send).toEqual([]);
  });

  it("the same day twice: the recorded step is not chosen again", () => {
    expect(due(addDays(D, -7), [{ step: "before-7", audience: "unit" }])).toEqual({ send: [], superseded: [] });
  });
});

describe("missed runs: only the latest step due is sent", () => {
  it("a week without the job: on the deadline only on-day goes out, before-7 and before-1 are superseded", () => {
    expect(due(D)).toEqual({ send: ["unit:on-day"], superseded: ["unit:before-7", "unit:before-1"] });
  });

  it("first run long after the deadline: one unit step and one committee step, the latest of each", () => {
    const result = due(addDays(D, 20));
    expect(result.send).toEqual(["unit:overdue-14", "committee:overdue-14"]);
    expect(result.superseded).toEqual(["unit:before-7", "unit:before-1", "unit:on-day", "unit:overdue-7", "committee:overdue-7"]);
  });

  it("superseded lists only what came after the last recorded step", () => {
    expect(due(addDays(D, 1), [{ step: "before-7", audience: "unit" }])).toEqual({ send: ["unit:on-day"], superseded: ["unit:before-1"] });
  });

  it("never sends a step earlier than one already recorded (a manual run with an earlier --today)", () => {
    expect(due(addDays(D, -1), [{ step: "overdue-7", audience: "unit" }]).send).toEqual([]);
    expect(due(addDays(D, 7), [{ step: "overdue-14", audience: "committee" }]).send).toEqual(["unit:overdue-7"]);
  });

  it("a step recorded for another deadline does not count: the caller passes only the current deadline's steps", () => {
    // After an extension to D, the steps sent for the old deadline are not passed in: before-7 is due again.
    expect(due(addDays(D, -7)).send).toEqual(["unit:before-7"]);
  });
});

describe("settings", () => {
  it("escalation on its own threshold, then at the overdue rhythm", () => {
    const custom = { ...settings, overdueEveryDays: 7, escalateAfterDays: 10 };
    expect(due(addDays(D, 7), [], custom).send).toEqual(["unit:overdue-7"]);
    expect(due(addDays(D, 10), [{ step: "overdue-7", audience: "unit" }], custom).send).toEqual(["committee:overdue-10"]);
    expect(due(addDays(D, 17), [{ step: "overdue-7", audience: "unit" }, { step: "overdue-10", audience: "committee" }], custom).send).toEqual([
      "unit:overdue-14",
      "committee:overdue-17",
    ]);
  });

  it("other reminder days before, in any order, and a daily overdue rhythm", () => {
    const custom = { ...settings, remindDaysBefore: [3, 14], overdueEveryDays: 1, escalateAfterDays: 30 };
    expect(due(addDays(D, -14), [], custom).send).toEqual(["unit:before-14"]);
    expect(due(addDays(D, -7), [], custom).send).toEqual(["unit:before-14"]);
    expect(due(addDays(D, -3), [{ step: "before-14", audience: "unit" }], custom).send).toEqual(["unit:before-3"]);
    expect(due(addDays(D, 2), [{ step: "overdue-1", audience: "unit" }], custom).send).toEqual(["unit:overdue-2"]);
    expect(due(addDays(D, 29), [], custom).send).toEqual(["unit:overdue-29"]);
    expect(due(addDays(D, 30), [], custom).send).toEqual(["unit:overdue-30", "committee:overdue-30"]);
  });

  it("gives each step its day", () => {
    const plan = remindersDue({ deadline: "2026-03-01", today: "2026-03-01", settings });
    expect(plan.send).toEqual([{ step: "on-day", audience: "unit", offset: 0, dueOn: "2026-03-01" }]);
    expect(plan.superseded.map((s) => s.dueOn)).toEqual(["2026-02-22", "2026-02-28"]);
  });
});

describe("step names", () => {
  it("round-trip and refuse unknown names", () => {
    for (const offset of [-14, -1, 0, 7, 364]) expect(stepOffset(stepName(offset))).toBe(offset);
    expect(stepName(-7)).toBe("before-7");
    expect(stepName(0)).toBe("on-day");
    expect(stepName(14)).toBe("overdue-14");
    expect(stepOffset("later")).toBeNull();
    expect(stepOffset("before-0")).toBeNull();
  });
});

describe("wording", () => {
  it("titles from today's real count", () => {
    expect(reminderTitle("2026-12-15", "2026-12-08")).toBe("Kiến nghị sắp đến hạn: còn 7 ngày");
    expect(reminderTitle("2026-12-15", "2026-12-15")).toBe("Kiến nghị đến hạn hôm nay");
    expect(reminderTitle("2026-12-15", "2026-12-29")).toBe("Kiến nghị quá hạn 14 ngày");
  });

  it("bodies: the shortened text and the deadline, the original one when extended, the unit for the committee", () => {
    expect(reminderBody({ text: "Rà soát hồ sơ trễ hạn", deadline: "2026-04-01" })).toBe("Rà soát hồ sơ trễ hạn\nHạn: 01/04/2026");
    expect(reminderBody({ text: "Rà soát", deadline: "2026-06-30", originalDeadline: "2026-04-01", unitName: "UBND phường Bình An" })).toBe(
      "UBND phường Bình An: Rà soát\nHạn: 30/06/2026 (đã gia hạn từ 01/04/2026)",
    );
  });

  it("shortens long text at a word, with an ellipsis", () => {
    const long = "Chỉ đạo Bộ phận Một cửa rà soát toàn bộ hồ sơ trễ hạn ".repeat(10);
    const short = shorten(long);
    expect(short.length).toBeLessThanOrEqual(201);
    expect(short.endsWith("…")).toBe(true);
    expect(long.startsWith(short.slice(0, -1))).toBe(true);
    expect(shorten("  ngắn   gọn ")).toBe("ngắn gọn");
  });
});
