import { describe, expect, it } from "vitest";
import { addDays, daysBetween, deadlineState, describeDaysLeft, describeDeadline, effectiveDeadline } from "./deadlines";
import { vietnamDate } from "./vietnamese";

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

describe("deadline arithmetic in Vietnam's time", () => {
  it("takes today's date in Vietnam (UTC+7), whatever the server's time zone", () => {
    expect(vietnamDate(new Date("2026-03-31T17:30:00Z"))).toBe("2026-04-01");
    expect(vietnamDate(new Date("2026-03-31T16:59:59Z"))).toBe("2026-03-31");
    expect(vietnamDate(new Date("2026-12-31T17:00:00Z"))).toBe("2027-01-01");
  });

  it("crosses month and year ends, leap days included", () => {
    expect(addDays("2026-01-31", 1)).toBe("2026-02-01");
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2028-02-29", 1)).toBe("2028-03-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(daysBetween("2026-12-31", "2027-01-07")).toBe(7);
    expect(daysBetween("2028-02-01", "2028-03-01")).toBe(29);
  });

  it("an extension becomes the deadline: due soon with 0 days on its day, overdue the day after", () => {
    const deadline = effectiveDeadline("2026-03-31", "2026-04-30");
    expect(deadline).toBe("2026-04-30");
    expect(deadlineState(deadline, { today: "2026-04-15" })).toEqual({ state: "on_track", daysLeft: 15 });
    expect(deadlineState(deadline, { today: "2026-04-30" })).toEqual({ state: "due_soon", daysLeft: 0 });
    expect(deadlineState(deadline, { today: "2026-05-01" })).toEqual({ state: "overdue", daysLeft: -1 });
    // Past the original deadline but within the extension: not overdue.
    expect(deadlineState(deadline, { today: "2026-04-01" }).state).toBe("on_track");
  });

  it("the deadline day in Vietnam is still due at 23:30 there, overdue at 00:30 the next day", () => {
    expect(deadlineState("2026-04-01", { today: vietnamDate(new Date("2026-04-01T16:30:00Z")) })).toEqual({ state: "due_soon", daysLeft: 0 });
    expect(deadlineState("2026-04-01", { today: vietnamDate(new Date("2026-04-01T17:30:00Z")) })).toEqual({ state: "overdue", daysLeft: -1 });
  });
});
