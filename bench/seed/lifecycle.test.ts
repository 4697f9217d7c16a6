import { describe, expect, it } from "vitest";
import { toDay } from "./days";
import { type Lifecycle, recommendationLifecycle } from "./lifecycle";
import { Rng } from "./prng";

const today = toDay("2026-12-01");

function draw(n: number, seed = "lifecycle") {
  const rng = new Rng(seed);
  const out: { issueDay: number; deadline: number; lc: Lifecycle }[] = [];
  for (let i = 0; i < n; i++) {
    const issueDay = today - rng.int(0, 3650);
    const deadline = issueDay + rng.int(27, 183);
    out.push({ issueDay, deadline, lc: recommendationLifecycle(rng, { issueDay, deadline, today }) });
  }
  return out;
}

describe("a recommendation's history", () => {
  const samples = draw(20_000);

  it("has every event after the notice and none after today, reports in order", () => {
    for (const { issueDay, lc } of samples) {
      let previous = issueDay;
      for (const report of lc.reports) {
        expect(report.day).toBeGreaterThan(previous);
        expect(report.day).toBeLessThanOrEqual(today);
        if (report.reviewDay !== null) {
          expect(report.reviewDay).toBeGreaterThanOrEqual(report.day);
          expect(report.reviewDay).toBeLessThanOrEqual(today);
          if (report.reviewDay === report.day) expect(report.reviewMinute!).toBeGreaterThan(report.minute);
        }
        previous = report.reviewDay ?? report.day;
      }
      for (const extension of lc.extensions) {
        expect(extension.requestedDay).toBeGreaterThan(issueDay);
        expect(extension.requestedDay).toBeLessThanOrEqual(today);
        if (extension.decidedDay !== null) expect(extension.decidedDay).toBeLessThanOrEqual(today);
      }
      expect(lc.updatedDay).toBeLessThanOrEqual(today);
      expect(lc.updatedDay).toBeGreaterThanOrEqual(issueDay);
    }
  });

  it("keeps the status and the latest report consistent, as the database and the app expect", () => {
    for (const { lc } of samples) {
      const last = lc.reports.at(-1);
      switch (lc.status) {
        case "accepted":
          expect(last).toMatchObject({ progress: "completed", review: "accepted" });
          expect(lc.accepted).toEqual({ day: last!.reviewDay, minute: last!.reviewMinute });
          break;
        case "returned":
          expect(last).toMatchObject({ progress: "completed", review: "returned" });
          break;
        case "reported":
          expect(last).toMatchObject({ progress: "completed", review: "submitted" });
          break;
        case "in_progress":
          expect(last).toMatchObject({ progress: "in_progress", review: "submitted" });
          break;
        case "not_started":
          expect(lc.reports.every((r) => r.progress === "not_started")).toBe(true);
      }
      if (lc.status !== "accepted") expect(lc.accepted).toBeNull();
      expect(lc.reports.length).toBeLessThanOrEqual(3);
      // Earlier reports were either in progress or returned: only the latest is unreviewed-and-complete or accepted.
      for (const report of lc.reports.slice(0, -1)) expect(report.review === "returned" || report.progress === "in_progress").toBe(true);
    }
  });

  it("extends only to a later date, through a granted request, with at most one request pending", () => {
    let extended = 0;
    for (const { lc } of samples) {
      const granted = lc.extensions.filter((e) => e.status === "granted");
      expect(lc.extensions.filter((e) => e.status === "pending").length).toBeLessThanOrEqual(1);
      if (lc.extendedDeadline !== null) {
        extended++;
        expect(lc.extendedDeadline).toBeGreaterThan(lc.deadline);
        expect(granted.map((e) => e.requestedDeadline)).toContain(lc.extendedDeadline);
      } else expect(granted).toHaveLength(0);
      for (const e of lc.extensions) if (e.status !== "pending") expect(e.decidedDay).not.toBeNull();
    }
    expect(extended / samples.length).toBeGreaterThan(0.03);
  });

  it("spreads statuses by age: old items mostly accepted, recent ones mostly open, some overdue", () => {
    const old = samples.filter((s) => today - (s.lc.extendedDeadline ?? s.deadline) > 365);
    const future = samples.filter((s) => (s.lc.extendedDeadline ?? s.deadline) > today);
    const share = (list: typeof samples, status: string) => list.filter((s) => s.lc.status === status).length / list.length;
    expect(share(old, "accepted")).toBeGreaterThan(0.88);
    expect(share(future, "accepted")).toBeLessThan(0.25);
    expect(share(future, "in_progress") + share(future, "not_started")).toBeGreaterThan(0.5);
    const overdueOpen = samples.filter((s) => s.lc.status !== "accepted" && (s.lc.extendedDeadline ?? s.deadline) < today);
    expect(overdueOpen.length / samples.length).toBeGreaterThan(0.03);
    for (const status of ["not_started", "in_progress", "reported", "returned", "accepted"]) expect(share(samples, status)).toBeGreaterThan(0.01);
  });

  it("is the same for the same stream", () => {
    expect(draw(500, "again")).toEqual(draw(500, "again"));
  });
});
