import { describe, expect, it } from "vitest";
import { type FollowUpRecord, type SeriesRecord, classify, monthWindow, monthlySeries, onTimeRate, summarize } from "./follow-up-stats";

const open = (deadline: string, extendedDeadline: string | null = null): FollowUpRecord => ({
  status: "in_progress",
  deadline,
  extendedDeadline,
  completionDate: null,
});
const done = (deadline: string, completionDate: string, extendedDeadline: string | null = null): FollowUpRecord => ({
  status: "accepted",
  deadline,
  extendedDeadline,
  completionDate,
});
const issued = (issueDate: string, rec: FollowUpRecord): SeriesRecord => ({ ...rec, issueDate });

describe("classify", () => {
  it("an item completed on its deadline day is on time, the next day late", () => {
    expect(classify(done("2026-03-31", "2026-03-31"), "2026-06-01")).toBe("completed_on_time");
    expect(classify(done("2026-03-31", "2026-04-01"), "2026-06-01")).toBe("completed_late");
  });

  it("judges completion and overdue against the extended deadline when one was granted", () => {
    expect(classify(done("2026-03-31", "2026-04-20", "2026-04-30"), "2026-06-01")).toBe("completed_on_time");
    expect(classify(done("2026-03-31", "2026-05-02", "2026-04-30"), "2026-06-01")).toBe("completed_late");
    expect(classify(open("2026-03-31", "2026-04-30"), "2026-04-15")).toBe("open");
    expect(classify(open("2026-03-31", "2026-04-30"), "2026-05-01")).toBe("overdue");
  });

  it("an open item is overdue from the day after its deadline, whatever its status short of accepted", () => {
    expect(classify(open("2026-04-30"), "2026-04-30")).toBe("open");
    expect(classify(open("2026-04-30"), "2026-05-01")).toBe("overdue");
    for (const status of ["not_started", "reported", "returned"] as const) {
      expect(classify({ ...open("2026-04-30"), status }, "2026-05-01")).toBe("overdue");
    }
  });

  it("a completion date on an item not accepted does not make it completed", () => {
    expect(classify({ status: "reported", deadline: "2026-04-30", extendedDeadline: null, completionDate: "2026-04-01" }, "2026-05-01")).toBe("overdue");
  });

  it("refuses an accepted item without its completion date rather than guessing", () => {
    expect(() => classify({ status: "accepted", deadline: "2026-04-30", extendedDeadline: null, completionDate: null }, "2026-05-01")).toThrow(RangeError);
  });
});

describe("summarize", () => {
  it("counts every item once, overdue ones inside open too, and the on-time rate of completed ones", () => {
    const today = "2026-06-15";
    const summary = summarize(
      [
        done("2026-05-31", "2026-05-31"), // on time
        done("2026-05-31", "2026-05-20"), // on time
        done("2026-05-31", "2026-06-02"), // late
        open("2026-06-14"), // overdue
        open("2026-06-15"), // open: due today
        open("2026-06-10", "2026-07-10"), // open thanks to the extension
      ],
      today,
    );
    expect(summary).toEqual({ total: 6, completedOnTime: 2, completedLate: 1, open: 3, overdue: 1, onTimeRate: 2 / 3 });
  });

  it("has no on-time rate while nothing is completed", () => {
    expect(summarize([], "2026-06-15")).toEqual({ total: 0, completedOnTime: 0, completedLate: 0, open: 0, overdue: 0, onTimeRate: null });
    expect(summarize([open("2026-01-01")], "2026-06-15").onTimeRate).toBeNull();
    expect(onTimeRate({ completedOnTime: 0, completedLate: 4 })).toBe(0);
  });
});

describe("monthWindow", () => {
  it("ends with the current month counted at today, the earlier ones at their last day", () => {
    expect(monthWindow("2026-04-10", 3)).toEqual([
      { month: "2026-02", label: "02/2026", start: "2026-02-01", date: "2026-02-28" },
      { month: "2026-03", label: "03/2026", start: "2026-03-01", date: "2026-03-31" },
      { month: "2026-04", label: "04/2026", start: "2026-04-01", date: "2026-04-10" },
    ]);
  });

  it("knows leap Februaries and crosses the year boundary", () => {
    expect(monthWindow("2024-03-05", 2)[0]).toMatchObject({ month: "2024-02", date: "2024-02-29" });
    expect(monthWindow("2100-03-05", 2)[0]).toMatchObject({ date: "2100-02-28" }); // not a leap year
    expect(monthWindow("2027-02-01", 4).map((m) => m.label)).toEqual(["11/2026", "12/2026", "01/2027", "02/2027"]);
    expect(monthWindow("2026-12-01", 12).map((m) => m.month)).toEqual([
      "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06",
      "2026-07", "2026-08", "2026-09", "2026-10", "2026-11", "2026-12",
    ]);
  });

  it("refuses a window that is not a positive whole number of months", () => {
    expect(() => monthWindow("2026-04-10", 0)).toThrow(RangeError);
    expect(() => monthWindow("2026-04-10", 1.5)).toThrow(RangeError);
  });
});

describe("monthlySeries", () => {
  const pick = (points: ReturnType<typeof monthlySeries>, month: string) => {
    const point = points.find((p) => p.month === month);
    if (!point) throw new Error(`no point for ${month}`);
    return point;
  };

  it("counts the backlog from the issue date and until the completion date, by month ends", () => {
    const rec = issued("2026-02-15", done("2026-04-30", "2026-04-10"));
    const series = monthlySeries([rec], { today: "2026-05-20", months: 5 });
    expect(series.map((p) => [p.month, p.backlog, p.completedOnTime, p.completedLate])).toEqual([
      ["2026-01", 0, 0, 0], // not issued yet
      ["2026-02", 1, 0, 0],
      ["2026-03", 1, 0, 0],
      ["2026-04", 0, 1, 0], // completed in April, on time
      ["2026-05", 0, 0, 0],
    ]);
  });

  it("an item issued or completed on a month's last day belongs to that month", () => {
    const issuedOnLastDay = issued("2026-03-31", open("2026-12-31"));
    const completedOnLastDay = issued("2026-01-10", done("2026-03-31", "2026-03-31"));
    const series = monthlySeries([issuedOnLastDay, completedOnLastDay], { today: "2026-04-01", months: 3 });
    expect(pick(series, "2026-02")).toMatchObject({ backlog: 1, completedOnTime: 0 });
    // At 31 March: the first is in the backlog, the second is completed (on its deadline: on time).
    expect(pick(series, "2026-03")).toMatchObject({ date: "2026-03-31", backlog: 1, overdue: 0, completedOnTime: 1, completedLate: 0 });
    expect(pick(series, "2026-04")).toMatchObject({ date: "2026-04-01", backlog: 1, completedOnTime: 0 });
  });

  it("counts overdue at each month end, from the day after the deadline", () => {
    const rec = issued("2026-01-05", open("2026-02-28"));
    const series = monthlySeries([rec], { today: "2026-03-01", months: 3 });
    expect(series.map((p) => [p.date, p.backlog, p.overdue])).toEqual([
      ["2026-01-31", 1, 0],
      ["2026-02-28", 1, 0], // due that very day: not yet overdue
      ["2026-03-01", 1, 1],
    ]);
  });

  it("uses the leap day as February's end", () => {
    const dueLeapDay = issued("2024-01-10", open("2024-02-28"));
    const completedLeapDay = issued("2024-01-10", done("2024-02-28", "2024-02-29"));
    const series = monthlySeries([dueLeapDay, completedLeapDay], { today: "2024-03-10", months: 2 });
    // 28 February is before 29 February: the open one is overdue at February's end; the other was
    // completed on the 29th, a day after its deadline: late, in February.
    expect(series[0]).toMatchObject({ month: "2024-02", date: "2024-02-29", backlog: 1, overdue: 1, completedOnTime: 0, completedLate: 1 });
  });

  it("judges against the extended deadline", () => {
    const extended = issued("2026-01-05", open("2026-01-31", "2026-03-31"));
    const completed = issued("2026-01-05", done("2026-01-31", "2026-02-20", "2026-02-28"));
    const series = monthlySeries([extended, completed], { today: "2026-04-15", months: 4 });
    expect(series.map((p) => [p.month, p.backlog, p.overdue, p.completedOnTime, p.completedLate])).toEqual([
      ["2026-01", 2, 0, 0, 0], // the original 31 January would not be overdue on the 31st either
      ["2026-02", 1, 0, 1, 0], // completed 20 February, within the extension
      ["2026-03", 1, 0, 0, 0], // due 31 March, counted on 31 March: not overdue
      ["2026-04", 1, 1, 0, 0],
    ]);
  });

  it("crosses the year boundary and counts late completions", () => {
    const recs = [
      issued("2025-11-20", done("2025-12-15", "2026-01-05")), // late, completed in January
      issued("2025-12-01", done("2025-12-31", "2025-12-31")), // on time, 31 December
      issued("2025-12-20", open("2026-01-10")),
    ];
    const series = monthlySeries(recs, { today: "2026-01-20", months: 3 });
    expect(series.map((p) => [p.label, p.backlog, p.overdue, p.completedOnTime, p.completedLate])).toEqual([
      ["11/2025", 1, 0, 0, 0],
      ["12/2025", 2, 1, 1, 0], // the first is past 15 December at 31 December
      ["01/2026", 1, 1, 0, 1],
    ]);
  });

  it("twelve months by default; an item completed before the window adds nothing", () => {
    const old = issued("2024-01-10", done("2024-03-31", "2024-03-01"));
    const series = monthlySeries([old], { today: "2026-12-01" });
    expect(series).toHaveLength(12);
    expect(series.every((p) => p.backlog === 0 && p.completedOnTime === 0 && p.completedLate === 0)).toBe(true);
  });

  it("agrees with summarize at today for the current month", () => {
    const today = "2026-06-15";
    const recs = [
      issued("2026-01-10", open("2026-03-01")),
      issued("2026-02-10", open("2026-07-01")),
      issued("2026-02-10", done("2026-06-30", "2026-06-02")),
      issued("2026-06-15", open("2026-06-14")),
    ];
    const now = monthlySeries(recs, { today, months: 1 })[0];
    const summary = summarize(recs, today);
    expect(now.backlog).toBe(summary.open);
    expect(now.overdue).toBe(summary.overdue);
    expect(now).toMatchObject({ backlog: 3, overdue: 2, completedOnTime: 1, completedLate: 0 });
  });
});
