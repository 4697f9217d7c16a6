/**
 * The follow-up dashboard (/dashboard): counts by unit and plan, the monthly series and the most
 * overdue units, within the committee's locality only, and the page only for the committee.
 *
 * Data (ward A, "today" 2026-06-15; completion dates are Vietnam dates of the accepted report):
 *   plan 05/KH-HĐND, notice issued 2026-02-10, to UBND A:
 *     r1 due 31/3, report 31/3 23:30 (VN) accepted 05/4 → on time (the report's date counts)
 *     r2 due 31/3, report 01/4 00:30 (VN; still 31/3 in UTC) → late
 *     r3 due 30/4, accepted 10/5 without a report → late (acceptance date)
 *     r4 due 31/5 in progress → overdue 15 days;  r5 due 01/5 extended to 2099 → open
 *   same plan, notice issued 2026-02-20, to Một cửa A: r6 due 15/4 → overdue 61 days; r7 due 2099 → open
 *   plan 09/KH-HĐND, notice issued 2026-04-05, to UBND A: r8 due 20/5 returned → overdue 26 days;
 *     r9 due 10/6 extended 10/7, report 01/6 accepted → on time; r10 due 2099 reported → open;
 *     to Công an A: r14 due 01/6 → overdue 14 days
 *   not counted: r11 of plan 05 addressed to a unit of ward C; a draft recommendation (no notice).
 * Ward B: its own plan, r12 overdue and r13 accepted, addressed to UBND B.
 * Every deadline is before 2026-06-15 or in 2099, so the page (real today) counts the same.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, rowsOf } from "#db/client";
import { recommendations, remediationReports } from "#db/schema";
import type { Actor } from "~/auth/actor";
import { MonthlyChart } from "~/components/charts/monthly-chart";
import { vietnamDate } from "~/domain/vietnamese";
import { getFollowUpDashboard } from "~/models/dashboard.server";
import { listTracker } from "~/models/remediation.server";
import * as dashboardRoute from "~/routes/dashboard";
import { makeNotice, makePlan, makeRecommendation, makeUnit, makeUser, makeVisit } from "#tests/factories";
import { actorFor } from "#tests/support/actors";
import { freshDatabase } from "#tests/support/database";
import { load, signIn } from "#tests/support/requests";

const TODAY = "2026-06-15";
const PASSWORD = "Bang-Tong-Hop@2026";

let handle: DatabaseHandle;
let chairA: Actor;
let chairB: Actor;
const ids = {} as Record<"committeeA" | "oneStopA" | "policeA" | "committeeB" | "wardCUnit" | "planA1" | "planA2" | "planB" | "r10" | "unitUser", number>;

type Dashboard = Awaited<ReturnType<typeof getFollowUpDashboard>>;

async function accept(recommendationId: number, unitId: number, by: { unit: number; chair: number }, at: { report?: string; accepted: string }) {
  const db = handle.db;
  if (at.report) {
    // An earlier returned report must not give the completion date.
    await db.insert(remediationReports).values({
      recommendationId,
      unitId,
      progress: "in_progress",
      content: "Đang khắc phục.",
      submittedBy: by.unit,
      submittedAt: new Date("2026-02-25T09:00:00+07:00"),
      review: "returned",
      reviewNote: "Chưa đủ hồ sơ chứng minh.",
      reviewedBy: by.chair,
      reviewedAt: new Date("2026-02-26T09:00:00+07:00"),
    });
    await db.insert(remediationReports).values({
      recommendationId,
      unitId,
      progress: "completed",
      content: "Đã khắc phục xong.",
      submittedBy: by.unit,
      submittedAt: new Date(at.report),
      review: "accepted",
      reviewedBy: by.chair,
      reviewedAt: new Date(at.accepted),
    });
  }
  await db
    .update(recommendations)
    .set({ status: "accepted", acceptedAt: new Date(at.accepted), acceptedBy: by.chair })
    .where(eq(recommendations.id, recommendationId));
}

beforeAll(async () => {
  handle = await freshDatabase();
  const db = handle.db;
  const province = await makeUnit(db, { name: "Tỉnh Thử Nghiệm", kind: "province" });
  const wardA = await makeUnit(db, { name: "Phường An Lạc", kind: "commune", parentId: province.id, placeName: "An Lạc" });
  const councilA = await makeUnit(db, { name: "HĐND phường An Lạc", kind: "people_council", parentId: wardA.id, placeName: "An Lạc" });
  const committeeA = await makeUnit(db, { name: "UBND phường An Lạc", kind: "people_committee", parentId: wardA.id, placeName: "An Lạc" });
  const oneStopA = await makeUnit(db, { name: "Bộ phận Một cửa phường An Lạc", kind: "public_service_center", parentId: committeeA.id });
  const policeA = await makeUnit(db, { name: "Công an phường An Lạc", kind: "other", parentId: wardA.id });
  const frontA = await makeUnit(db, { name: "UBMTTQ phường An Lạc", kind: "fatherland_front", parentId: wardA.id });
  const wardB = await makeUnit(db, { name: "Phường Bình Hòa", kind: "commune", parentId: province.id, placeName: "Bình Hòa" });
  const councilB = await makeUnit(db, { name: "HĐND phường Bình Hòa", kind: "people_council", parentId: wardB.id });
  const committeeB = await makeUnit(db, { name: "UBND phường Bình Hòa", kind: "people_committee", parentId: wardB.id });
  const wardC = await makeUnit(db, { name: "Phường Tân Phú", kind: "commune", parentId: province.id });
  const committeeC = await makeUnit(db, { name: "UBND phường Tân Phú", kind: "people_committee", parentId: wardC.id });

  const chairUserA = await makeUser(db, { username: "chutich.anlac", fullName: "Nguyễn Thị Hạnh", role: "committee", unitId: councilA.id, password: PASSWORD });
  const chairUserB = await makeUser(db, { username: "chutich.binhhoa", fullName: "Trần Văn Bình", role: "committee", unitId: councilB.id, password: PASSWORD });
  const unitUser = await makeUser(db, { username: "ubnd.anlac", fullName: "Lê Văn Tâm", role: "unit", unitId: committeeA.id, password: PASSWORD });
  await makeUser(db, { username: "doan.anlac", fullName: "Phạm Thị Mai", role: "team_member", unitId: frontA.id, password: PASSWORD });

  const planA1 = await makePlan(db, { issuingUnitId: councilA.id, number: 5, issueDate: "2026-01-10", subject: "Giám sát thủ tục hành chính tại Bộ phận Một cửa", periodStart: "2025-01-01", periodEnd: "2025-12-31" });
  const planA2 = await makePlan(db, { issuingUnitId: councilA.id, number: 9, issueDate: "2026-03-01", subject: "Giám sát công tác tiếp công dân", periodStart: "2025-01-01", periodEnd: "2025-12-31" });
  const planB = await makePlan(db, { issuingUnitId: councilB.id, number: 3, issueDate: "2026-02-01", subject: "Giám sát thu ngân sách", periodStart: "2025-01-01", periodEnd: "2025-12-31" });
  const visitA1 = await makeVisit(db, { planId: planA1.id, unitId: committeeA.id, status: "completed" });
  const visitA1b = await makeVisit(db, { planId: planA1.id, unitId: oneStopA.id, status: "completed" });
  const visitA2 = await makeVisit(db, { planId: planA2.id, unitId: committeeA.id, status: "completed" });
  const visitB = await makeVisit(db, { planId: planB.id, unitId: committeeB.id, status: "completed" });
  const notice = (planId: number, visitId: number, issuingUnitId: number, number: number, issueDate: string) =>
    makeNotice(db, { planId, visitId, issuingUnitId, placeName: "An Lạc", signerName: "Nguyễn Thị Hạnh", number, issueDate, issuedBy: chairUserA.id });
  const n1 = await notice(planA1.id, visitA1.id, councilA.id, 12, "2026-02-10");
  const n2 = await notice(planA1.id, visitA1b.id, councilA.id, 13, "2026-02-20");
  const n3 = await notice(planA2.id, visitA2.id, councilA.id, 20, "2026-04-05");
  const nB = await notice(planB.id, visitB.id, councilB.id, 4, "2026-03-10");

  let position = 0;
  const rec = (visitId: number, noticeId: number | null, addressedUnitId: number, deadline: string, status: "not_started" | "in_progress" | "reported" | "returned", extendedDeadline: string | null = null) =>
    makeRecommendation(db, { visitId, noticeId, addressedUnitId, deadline, extendedDeadline, status, text: `Kiến nghị số ${++position}.`, position });
  const A = { unit: unitUser.id, chair: chairUserA.id };
  const r1 = await rec(visitA1.id, n1.id, committeeA.id, "2026-03-31", "reported");
  await accept(r1.id, committeeA.id, A, { report: "2026-03-31T23:30:00+07:00", accepted: "2026-04-05T10:00:00+07:00" });
  const r2 = await rec(visitA1.id, n1.id, committeeA.id, "2026-03-31", "reported");
  await accept(r2.id, committeeA.id, A, { report: "2026-04-01T00:30:00+07:00", accepted: "2026-04-02T10:00:00+07:00" });
  const r3 = await rec(visitA1.id, n1.id, committeeA.id, "2026-04-30", "in_progress");
  await accept(r3.id, committeeA.id, A, { accepted: "2026-05-10T10:00:00+07:00" });
  await rec(visitA1.id, n1.id, committeeA.id, "2026-05-31", "in_progress"); // r4
  await rec(visitA1.id, n1.id, committeeA.id, "2026-05-01", "not_started", "2099-12-31"); // r5
  await rec(visitA1b.id, n2.id, oneStopA.id, "2026-04-15", "not_started"); // r6
  await rec(visitA1b.id, n2.id, oneStopA.id, "2099-06-30", "in_progress"); // r7
  await rec(visitA2.id, n3.id, committeeA.id, "2026-05-20", "returned"); // r8
  const r9 = await rec(visitA2.id, n3.id, committeeA.id, "2026-06-10", "reported", "2026-07-10");
  await accept(r9.id, committeeA.id, A, { report: "2026-06-01T15:00:00+07:00", accepted: "2026-06-03T10:00:00+07:00" });
  const r10 = await rec(visitA2.id, n3.id, committeeA.id, "2099-01-31", "reported");
  await rec(visitA2.id, n3.id, policeA.id, "2026-06-01", "not_started"); // r14
  await rec(visitA1.id, n1.id, committeeC.id, "2026-03-01", "not_started"); // r11: another locality
  await rec(visitA1.id, null, committeeA.id, "2026-01-31", "not_started"); // a draft: not followed up
  await rec(visitB.id, nB.id, committeeB.id, "2026-04-01", "in_progress"); // r12
  const r13 = await rec(visitB.id, nB.id, committeeB.id, "2026-05-01", "reported");
  await accept(r13.id, committeeB.id, { unit: unitUser.id, chair: chairUserB.id }, { accepted: "2026-04-20T10:00:00+07:00" });

  chairA = await actorFor(chairUserA.id);
  chairB = await actorFor(chairUserB.id);
  Object.assign(ids, {
    committeeA: committeeA.id,
    oneStopA: oneStopA.id,
    policeA: policeA.id,
    committeeB: committeeB.id,
    wardCUnit: committeeC.id,
    planA1: planA1.id,
    planA2: planA2.id,
    planB: planB.id,
    r10: r10.id,
    unitUser: unitUser.id,
  });
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

const countsOnly = <T extends { total: number; completedOnTime: number; completedLate: number; open: number; overdue: number }>(row: T) => ({
  total: row.total,
  completedOnTime: row.completedOnTime,
  completedLate: row.completedLate,
  open: row.open,
  overdue: row.overdue,
});

describe("the committee's dashboard on a fixed day", () => {
  let dashboard: Dashboard;
  beforeAll(async () => {
    dashboard = await getFollowUpDashboard(chairA, { today: TODAY });
  });

  it("totals: completion by the accepted report's Vietnam date, else the acceptance; extensions count", () => {
    expect(dashboard.totals).toEqual({ total: 11, completedOnTime: 2, completedLate: 2, open: 7, overdue: 4, onTimeRate: 0.5 });
    expect(dashboard.today).toBe(TODAY);
  });

  it("counts per unit, in tree order, with the longest delay; the other locality's unit is absent", () => {
    expect(dashboard.byUnit.map((row) => ({ unitName: row.unitName, ...countsOnly(row), maxDaysOverdue: row.maxDaysOverdue }))).toEqual([
      { unitName: "UBND phường An Lạc", total: 8, completedOnTime: 2, completedLate: 2, open: 4, overdue: 2, maxDaysOverdue: 26 },
      { unitName: "Bộ phận Một cửa phường An Lạc", total: 2, completedOnTime: 0, completedLate: 0, open: 2, overdue: 1, maxDaysOverdue: 61 },
      { unitName: "Công an phường An Lạc", total: 1, completedOnTime: 0, completedLate: 0, open: 1, overdue: 1, maxDaysOverdue: 14 },
    ]);
    expect(dashboard.byUnit.map((row) => row.unitId)).not.toContain(ids.wardCUnit);
  });

  it("counts per plan, newest plan first, with its document number", () => {
    expect(dashboard.byPlan.map((row) => ({ planId: row.planId, reference: row.reference, ...countsOnly(row) }))).toEqual([
      { planId: ids.planA2, reference: "09/KH-HĐND", total: 4, completedOnTime: 1, completedLate: 0, open: 3, overdue: 2 },
      { planId: ids.planA1, reference: "05/KH-HĐND", total: 7, completedOnTime: 1, completedLate: 2, open: 4, overdue: 2 },
    ]);
    expect(dashboard.plans.map((plan) => plan.reference)).toEqual(["09/KH-HĐND", "05/KH-HĐND"]);
  });

  it("most overdue: by number of overdue items, then by the longest delay", () => {
    expect(dashboard.mostOverdue).toEqual([
      { unitId: ids.committeeA, unitName: "UBND phường An Lạc", overdue: 2, maxDaysOverdue: 26 },
      { unitId: ids.oneStopA, unitName: "Bộ phận Một cửa phường An Lạc", overdue: 1, maxDaysOverdue: 61 },
      { unitId: ids.policeA, unitName: "Công an phường An Lạc", overdue: 1, maxDaysOverdue: 14 },
    ]);
  });

  it("the monthly series: twelve months to June 2026, the current month agreeing with the totals", () => {
    const { series, totals } = dashboard;
    expect(series).toHaveLength(12);
    expect(series[0]).toMatchObject({ month: "2025-07", label: "07/2025", date: "2025-07-31" });
    const months = series.slice(6).map((p) => [p.label, p.backlog, p.overdue, p.completedOnTime, p.completedLate]);
    expect(months).toEqual([
      ["01/2026", 0, 0, 0, 0],
      ["02/2026", 7, 0, 0, 0],
      ["03/2026", 6, 0, 1, 0], // r1 on 31 March, on its deadline
      ["04/2026", 9, 1, 0, 1], // r2 on 1 April (Vietnam date), late
      ["05/2026", 8, 2, 0, 1],
      ["06/2026", 7, 4, 1, 0],
    ]);
    expect(series[11]).toMatchObject({ date: TODAY, backlog: totals.open, overdue: totals.overdue });
  });

  it("filters by plan, and a plan outside the committee's scope shows nothing", async () => {
    const one = await getFollowUpDashboard(chairA, { today: TODAY, planId: ids.planA2 });
    expect(one.totals).toEqual({ total: 4, completedOnTime: 1, completedLate: 0, open: 3, overdue: 2, onTimeRate: 1 });
    expect(one.byPlan.map((row) => row.planId)).toEqual([ids.planA2]);
    expect(one.byUnit.map((row) => [row.unitName, row.total])).toEqual([
      ["UBND phường An Lạc", 3],
      ["Công an phường An Lạc", 1],
    ]);
    expect(one.plans).toHaveLength(2); // the filter still offers every plan
    expect(one.series[11]).toMatchObject({ backlog: 3, overdue: 2, completedOnTime: 1 });

    const foreign = await getFollowUpDashboard(chairA, { today: TODAY, planId: ids.planB });
    expect(foreign.totals.total).toBe(0);
    expect(foreign.byUnit).toEqual([]);
    expect(foreign.series.every((p) => p.backlog === 0)).toBe(true);
  });

  it("the committee of another ward sees only its own ward", async () => {
    const other = await getFollowUpDashboard(chairB, { today: TODAY });
    expect(other.totals).toEqual({ total: 2, completedOnTime: 1, completedLate: 0, open: 1, overdue: 1, onTimeRate: 1 });
    expect(other.byUnit.map((row) => row.unitId)).toEqual([ids.committeeB]);
    expect(other.byPlan.map((row) => row.planId)).toEqual([ids.planB]);
    expect(other.plans.map((plan) => plan.id)).toEqual([ids.planB]);
    expect(other.mostOverdue.map((row) => row.unitId)).toEqual([ids.committeeB]);
  });
});

describe("accepting one more item", () => {
  it("moves it from open to completed on time, in the totals and in the month of its report", async () => {
    const before = await getFollowUpDashboard(chairA, { today: TODAY });
    await accept(ids.r10, ids.committeeA, { unit: ids.unitUser, chair: chairA.id }, { report: "2026-06-12T08:00:00+07:00", accepted: "2026-06-14T10:00:00+07:00" });
    const after = await getFollowUpDashboard(chairA, { today: TODAY });
    expect(after.totals).toEqual({ ...before.totals, completedOnTime: before.totals.completedOnTime + 1, open: before.totals.open - 1, onTimeRate: 3 / 5 });
    expect(after.series[11].backlog).toBe(before.series[11].backlog - 1);
    expect(after.series[11].completedOnTime).toBe(before.series[11].completedOnTime + 1);
    expect(after.series.slice(0, 11)).toEqual(before.series.slice(0, 11)); // earlier months unchanged
    const unit = (d: Dashboard) => d.byUnit.find((row) => row.unitId === ids.committeeA)!;
    expect(countsOnly(unit(after))).toEqual({ ...countsOnly(unit(before)), completedOnTime: 3, open: 3 });
  });
});

describe("the /dashboard page", () => {
  it("answers 403 to a supervised unit and a team member, and sends the signed-out to sign in", async () => {
    for (const username of ["ubnd.anlac", "doan.anlac"]) {
      const result = await load(dashboardRoute, { path: "/dashboard", cookie: await signIn(username, PASSWORD) });
      expect(result.status, username).toBe(403);
      expect(String(result.data)).not.toContain("An Lạc");
    }
    const anonymous = await load(dashboardRoute, { path: "/dashboard" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toBe("/login?redirectTo=%2Fdashboard");
  });

  it("gives the committee its numbers as of today in Vietnam, filtered by a valid plan only", async () => {
    const cookie = await signIn("chutich.anlac", PASSWORD);
    const all = await load(dashboardRoute, { path: "/dashboard", cookie });
    expect(all.status).toBe(200);
    const data = all.data as Dashboard;
    expect(data.today).toBe(vietnamDate());
    // After r10 was accepted above; every deadline lies before June 2026 or in 2099.
    expect(data.totals).toMatchObject({ total: 11, completedOnTime: 3, completedLate: 2, open: 6, overdue: 4 });
    expect(data.planId).toBeNull();

    const filtered = (await load(dashboardRoute, { path: `/dashboard?planId=${ids.planA1}`, cookie })).data as Dashboard;
    expect(filtered.planId).toBe(ids.planA1);
    expect(filtered.totals).toMatchObject({ total: 7, completedOnTime: 1, completedLate: 2, open: 4, overdue: 2 });

    const malformed = await load(dashboardRoute, { path: "/dashboard?planId=abc", cookie });
    expect(malformed.status).toBe(200);
    expect((malformed.data as Dashboard).planId).toBeNull();
  });

  it("the chart draws the same numbers, with a table for screen readers", async () => {
    const data = await getFollowUpDashboard(chairA, { today: TODAY });
    const html = renderToStaticMarkup(createElement(MonthlyChart, { series: data.series, title: "Diễn biến 12 tháng gần nhất" }));
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-label="Diễn biến 12 tháng gần nhất, 12 tháng từ 07\/2025 đến 06\/2026\. Tháng 06\/2026: tồn đọng 6, quá hạn 4, hoàn thành đúng hạn 2, hoàn thành trễ hạn 0\./);
    for (const label of ["Tồn đọng", "Quá hạn", "Hoàn thành đúng hạn", "Hoàn thành trễ hạn"]) expect(html).toContain(label);
    const rows = [...html.matchAll(/<tr><th scope="row">([^<]+)<\/th><td>(\d+)<\/td><td>(\d+)<\/td><td>(\d+)<\/td><td>(\d+)<\/td><\/tr>/g)].map((m) => m.slice(1));
    expect(rows).toHaveLength(12);
    expect(rows.slice(8)).toEqual([
      ["03/2026", "1", "0", "6", "0"],
      ["04/2026", "0", "1", "9", "1"],
      ["05/2026", "0", "1", "8", "2"],
      ["06/2026", "2", "0", "6", "4"],
    ]);
    // Four bars drawn in all: March and June on time, April and May late.
    expect(html.match(/<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="[\d.]+" fill="#(1e7b3c|c26a00)"/g)).toHaveLength(4);
  });
});

// Last: it adds items the figures above do not expect.
describe("the cells the trigger keeps (follow_up_cells)", () => {
  const recount = sql`select r.addressed_unit_id as unit_id, v.plan_id, count(*)::int as total,
      (count(*) filter (where r.status = 'accepted' and r.completed_on <= coalesce(r.extended_deadline, r.deadline)))::int as completed_on_time,
      (count(*) filter (where r.status = 'accepted' and r.completed_on > coalesce(r.extended_deadline, r.deadline)))::int as completed_late
    from recommendations r join visits v on v.id = r.visit_id where r.notice_id is not null group by 1, 2 order by 1, 2`;
  const cells = sql`select unit_id, plan_id, total, completed_on_time, completed_late from follow_up_cells where total > 0 order by 1, 2`;

  it("equal a recount from the items after issuing, extending, moving, accepting and deleting", async () => {
    expect(rowsOf(await handle.db.execute(cells))).toEqual(rowsOf(await handle.db.execute(recount)));
    const plan = await makePlan(handle.db, { issuingUnitId: ids.committeeA, subject: "Giám sát bổ sung", periodStart: "2026-01-01", periodEnd: "2026-05-31" });
    const visit = await makeVisit(handle.db, { planId: plan.id, unitId: ids.oneStopA });
    const draft = await makeRecommendation(handle.db, { visitId: visit.id, addressedUnitId: ids.oneStopA, text: "Niêm yết thủ tục", deadline: "2026-07-01" });
    const other = await makeRecommendation(handle.db, { visitId: visit.id, addressedUnitId: ids.oneStopA, text: "Trả kết quả đúng hẹn", deadline: "2026-05-01" });
    const notice = await makeNotice(handle.db, { planId: plan.id, visitId: visit.id, issuingUnitId: ids.committeeA, placeName: "Bình An", signerName: "Nguyễn Văn A" });
    await handle.db.update(recommendations).set({ noticeId: notice.id }).where(eq(recommendations.visitId, visit.id));
    await handle.db.update(recommendations).set({ extendedDeadline: "2026-08-01" }).where(eq(recommendations.id, draft.id));
    await handle.db.update(recommendations).set({ addressedUnitId: ids.committeeA }).where(eq(recommendations.id, other.id));
    await handle.db
      .update(recommendations)
      .set({ status: "accepted", acceptedAt: new Date("2026-06-10T03:00:00Z"), acceptedBy: chairA.id })
      .where(eq(recommendations.id, other.id));
    expect(rowsOf(await handle.db.execute(cells))).toEqual(rowsOf(await handle.db.execute(recount)));
    await handle.db.delete(recommendations).where(eq(recommendations.id, draft.id));
    expect(rowsOf(await handle.db.execute(cells))).toEqual(rowsOf(await handle.db.execute(recount)));
  });

  it("give the tracker the same totals and pages as counting and sorting every item", async () => {
    for (const filter of [{}, { status: "open" as const }, { status: "accepted" as const }, { unitId: ids.committeeA }, { planId: ids.planA1 }]) {
      const all = await listTracker(chairA, filter, { today: TODAY, limit: 10_000 });
      expect(all.total).toBe(all.rows.length);
      const [{ n }] = rowsOf<{ n: number }>(
        await handle.db.execute(sql`select count(*)::int as n from recommendations r join units u on u.id = r.addressed_unit_id
          where r.notice_id is not null and u.path like ${`${chairA.scopePath}%`}
          ${"unitId" in filter ? sql`and r.addressed_unit_id = ${filter.unitId}` : sql``}
          ${"status" in filter ? (filter.status === "open" ? sql`and r.status <> 'accepted'` : sql`and r.status = 'accepted'`) : sql``}
          ${"planId" in filter ? sql`and r.notice_id in (select id from conclusion_notices where plan_id = ${filter.planId})` : sql``}`),
      );
      expect(all.total).toBe(n);
      // Pages of two, across the open items and into the accepted ones, join up to the whole list.
      const paged = [];
      for (let offset = 0; offset < all.total; offset += 2) paged.push(...(await listTracker(chairA, filter, { today: TODAY, limit: 2, offset })).rows);
      expect(paged.map((row) => row.id)).toEqual(all.rows.map((row) => row.id));
    }
  });
});
