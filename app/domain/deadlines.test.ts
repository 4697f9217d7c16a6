import { describe, expect, it } from "vitest";
import { addDays, daysBetween, deadlineState, describeDaysLeft, describeDeadline, effectiveDeadline } from "./deadlines";

describe("deadlines", () => {
  it("counts calendar days across month ends and leap days", () => {
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2);
    expect(daysBetween("2023-02-28", "2023-03-01")).toBe(1);
    expect(addDays("2024-08-30", 3)).toBe("2024-09-02");
    expect(addDays("2024-01-01", -1)).toBe("2023-12-31");
  });
  it("prefers a granted extension", () => {
    expect(effectiveDeadline("2024-08-30", null)).toBe("2024-08-30");
    expect(effectiveDeadline("2024-08-30", "2024-09-30")).toBe("2024-09-30");
  });
  it("classifies due soon, overdue and closed from today's date", () => {
    expect(deadlineState("2024-08-30", { today: "2024-08-30" })).toEqual({ state: "due_soon", daysLeft: 0 });
    expect(deadlineState("2024-08-30", { today: "2024-08-31" })).toEqual({ state: "overdue", daysLeft: -1 });
    expect(deadlineState("2024-08-30", { today: "2024-08-23" }).state).toBe("due_soon");
    expect(deadlineState("2024-08-30", { today: "2024-08-22" }).state).toBe("on_track");
    expect(deadlineState("2024-08-30", { today: "2024-08-22", dueSoonDays: 10 }).state).toBe("due_soon");
    expect(deadlineState("2024-08-30", { today: "2024-09-30", closed: true }).state).toBe("closed");
  });
  it("words the days left", () => {
    expect(describeDaysLeft(5)).toBe("còn 5 ngày");
    expect(describeDaysLeft(0)).toBe("hạn hôm nay");
    expect(describeDaysLeft(-3)).toBe("quá hạn 3 ngày");
  });
});

describe("describeDeadline", () => {
  it("says each state once, with the days", () => {
    expect(describeDeadline("overdue", -816)).toBe("Quá hạn 816 ngày");
    expect(describeDeadline("due_soon", 0)).toBe("Sắp đến hạn: hạn hôm nay");
    expect(describeDeadline("due_soon", 2)).toBe("Sắp đến hạn: còn 2 ngày");
    expect(describeDeadline("on_track", 12)).toBe("Trong hạn: còn 12 ngày");
    expect(describeDeadline("closed", -3)).toBe("Đã đóng");
  });
});
