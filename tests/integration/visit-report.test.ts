/**
 * The unit's pre-visit report on the demo data: ward Bình An's plan of this year visits the
 * one-stop-shop under UBND phường Bình An. Its users write the report and figures while the visit
 * is scheduled; the plan's team and the standing committee read it; anyone else, and any posted
 * item of another checklist, is refused with nothing written.
 */
import { and, asc, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { auditLog, checklistItems, checklistSections, checklistTemplates, indicatorFigures, supervisionPlans, units, users, visits } from "#db/schema";
import { DEMO_PASSWORD, ensureDemoData } from "#db/seed";
import { DomainError } from "~/models/errors.server";
import { listReportedFigures, saveVisitReport } from "~/models/visit-report.server";
import * as reportRoute from "~/routes/visits.$visitId_.report";
import { actorFor } from "#tests/support/actors";
import { freshDatabase } from "#tests/support/database";
import { rejectionOf } from "#tests/support/failures";
import { type RouteResult, act, load, signIn } from "#tests/support/requests";

let handle: DatabaseHandle;
const cookies: Record<string, string> = {};
/** Bình An's scheduled visit of this year's plan, and Phổ Châu's visit. */
let visitId: number;
let phoChauVisitId: number;
let oneStopId: number;
let plan: { id: number; periodStart: string; periodEnd: string };
/** Indicator items of the plan's checklist, a yes/no item of it, and an indicator of another template. */
const item = {} as Record<"payment" | "received" | "posting" | "foreign", number>;

const PEOPLE = ["quantri", "trang.ttt", "tt.dian", "nhung.vt", "hung.nv", "ubnd.binhan", "motcua.binhan", "ubnd.phochau"] as const;

async function makeTemplate(db: DatabaseHandle["db"], code: string, rows: { code: string; answerType: "indicator" | "tri_state"; indicatorCode?: string; targetPercent?: string }[]) {
  const [template] = await db.insert(checklistTemplates).values({ code, version: 1, title: `Mẫu ${code}`, status: "published" }).returning();
  const [section] = await db.insert(checklistSections).values({ templateId: template.id, code: "F", title: "Số liệu", position: 1 }).returning();
  const ids: number[] = [];
  for (const [position, row] of rows.entries()) {
    const [created] = await db
      .insert(checklistItems)
      .values({ sectionId: section.id, code: row.code, text: `Tiêu chí ${row.code}`, answerType: row.answerType, indicatorCode: row.indicatorCode ?? null, targetPercent: row.targetPercent ?? null, position })
      .returning();
    ids.push(created.id);
  }
  return { templateId: template.id, ids };
}

beforeAll(async () => {
  handle = await freshDatabase();
  const db = handle.db;
  await ensureDemoData(db);
  const [oneStop] = await db.select().from(units).where(eq(units.name, "Bộ phận Một cửa phường Bình An"));
  oneStopId = oneStop.id;
  const [visit] = await db.select().from(visits).where(eq(visits.unitId, oneStopId));
  visitId = visit.id;
  const [phoChau] = await db.select().from(units).where(eq(units.name, "UBND xã Phổ Châu"));
  const [phoChauVisit] = await db.select().from(visits).where(eq(visits.unitId, phoChau.id));
  phoChauVisitId = phoChauVisit.id;

  const main = await makeTemplate(db, "thu-bao-cao-don-vi", [
    { code: "F1", answerType: "indicator", indicatorCode: "online_payment_rate", targetPercent: "80.00" },
    { code: "F2", answerType: "indicator", indicatorCode: "dossiers_received" },
    { code: "B1", answerType: "tri_state" },
  ]);
  [item.payment, item.received, item.posting] = main.ids;
  const other = await makeTemplate(db, "thu-mau-khac", [{ code: "F1", answerType: "indicator", indicatorCode: "on_time_rate", targetPercent: "98.00" }]);
  [item.foreign] = other.ids;
  const [updated] = await db.update(supervisionPlans).set({ checklistTemplateId: main.templateId, reportingOutline: "1. Kết quả tiếp nhận hồ sơ.\n2. Tồn tại, hạn chế." }).where(eq(supervisionPlans.id, visit.planId)).returning();
  plan = { id: updated.id, periodStart: updated.periodStart, periodEnd: updated.periodEnd };
  await db.update(supervisionPlans).set({ checklistTemplateId: other.templateId }).where(eq(supervisionPlans.id, phoChauVisit.planId));

  for (const name of PEOPLE) cookies[name] = await signIn(name, DEMO_PASSWORD);
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

const path = (id: number) => `/visits/${id}/report`;

function open(who: string | null, id = visitId) {
  return load(reportRoute, { path: path(id), params: { visitId: String(id) }, cookie: who ? cookies[who] : undefined });
}

function post(who: string, form: Record<string, unknown>, id = visitId) {
  return act(reportRoute, { path: path(id), params: { visitId: String(id) }, cookie: cookies[who], form });
}

type LoadedReport = Awaited<ReturnType<typeof reportRoute.loader>>["report"];
const reportOf = (result: RouteResult) => (result.data as { report: LoadedReport }).report;
const errorsOf = (result: RouteResult) => (result.data as { errors: Record<string, { message: string }> }).errors;

/** Everything a save may touch: the visit's report, its reported figures and the audit lines about it. */
async function snapshot(id = visitId) {
  const db = handle.db;
  const [visit] = await db.select({ unitReport: visits.unitReport, submittedAt: visits.unitReportSubmittedAt }).from(visits).where(eq(visits.id, id));
  const figures = await db.select().from(indicatorFigures).where(eq(indicatorFigures.visitId, id)).orderBy(asc(indicatorFigures.id));
  const [{ n: audits }] = await db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.entity, "visit"), eq(auditLog.entityId, String(id))));
  return { visit, figures, audits };
}

async function reportedRows() {
  return handle.db
    .select()
    .from(indicatorFigures)
    .where(and(eq(indicatorFigures.visitId, visitId), eq(indicatorFigures.source, "reported")))
    .orderBy(asc(indicatorFigures.itemId));
}

const filled = (changes: Record<string, unknown> = {}) => ({
  intent: "save",
  unitReport: "1. Kết quả tiếp nhận hồ sơ: đã tiếp nhận 11.701 hồ sơ.",
  figures: [
    { itemId: item.payment, numerator: 3557, denominator: 4709 },
    { itemId: item.received, numerator: 11701, denominator: null },
  ],
  ...changes,
});

describe("who may open the report", () => {
  it("answers each role as expected before anything is written", async () => {
    const outcomes: Record<string, number> = {};
    for (const name of PEOPLE) outcomes[name] = (await open(name)).status;
    expect(outcomes).toEqual({
      quantri: 403,
      "trang.ttt": 200,
      "tt.dian": 403,
      "nhung.vt": 200,
      "hung.nv": 403,
      "ubnd.binhan": 200,
      "motcua.binhan": 200,
      "ubnd.phochau": 403,
    });
    const anonymous = await open(null);
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toBe(`/login?redirectTo=${encodeURIComponent(path(visitId))}`);
  });

  it("gives the unit its outline and the indicator items of the plan's checklist, editable", async () => {
    const report = reportOf(await open("ubnd.binhan"));
    expect(report.editable).toBe(true);
    expect(report.reporter).toBe(true);
    expect(report.unit.name).toBe("Bộ phận Một cửa phường Bình An");
    expect(report.plan.reportingOutline).toContain("Tồn tại, hạn chế");
    expect(report.indicators.map((i) => [i.itemId, i.kind, i.measureUnit, i.targetPercent, i.reported])).toEqual([
      [item.payment, "rate", "hồ sơ", 80, null],
      [item.received, "count", "hồ sơ", null, null],
    ]);
    expect(report.indicators[0].label).toBe("Tỷ lệ hồ sơ thanh toán trực tuyến");
  });

  it("shows the team and the committee the report read-only", async () => {
    for (const name of ["nhung.vt", "trang.ttt"]) {
      const report = reportOf(await open(name));
      expect(report, name).toMatchObject({ reporter: false, editable: false, lockReason: null });
    }
  });
});

describe("the unit writes its report", () => {
  it("saves a draft: text in NFC, figures with the plan's period and the item's target, an audit line", async () => {
    const before = await snapshot();
    const result = await post("ubnd.binhan", filled({ unitReport: "  Ke\u0302\u0301t qua\u0309 tie\u0302\u0301p nhận  " }));
    expect(result.status).toBe(200);
    expect(result.data).toEqual({ ok: "Đã lưu nháp. Báo cáo chưa được gửi cho đoàn giám sát." });
    const after = await snapshot();
    expect(after.visit).toEqual({ unitReport: "Kết quả tiếp nhận", submittedAt: null });
    expect(after.audits).toBe(before.audits + 1);
    const rows = await reportedRows();
    expect(rows.map((r) => ({ itemId: r.itemId, unitId: r.unitId, code: r.code, numerator: r.numerator, denominator: r.denominator, periodStart: r.periodStart, periodEnd: r.periodEnd, targetPercent: r.targetPercent }))).toEqual([
      { itemId: item.payment, unitId: oneStopId, code: "online_payment_rate", numerator: 3557, denominator: 4709, periodStart: plan.periodStart, periodEnd: plan.periodEnd, targetPercent: "80.00" },
      { itemId: item.received, unitId: oneStopId, code: "dossiers_received", numerator: 11701, denominator: null, periodStart: plan.periodStart, periodEnd: plan.periodEnd, targetPercent: null },
    ]);
    const [user] = await handle.db.select({ id: users.id }).from(users).where(eq(users.username, "ubnd.binhan"));
    expect(rows.every((r) => r.recordedBy === user.id)).toBe(true);
    const [line] = await handle.db.select().from(auditLog).where(eq(auditLog.entity, "visit")).orderBy(asc(auditLog.id)).limit(1).offset(before.audits);
    expect(line).toMatchObject({ action: "report.save", actorId: user.id, entityId: String(visitId) });
    expect(await listReportedFigures(handle.db, visitId)).toEqual([
      { itemId: item.payment, numerator: 3557, denominator: 4709 },
      { itemId: item.received, numerator: 11701, denominator: null },
    ]);
  });

  it("shows the saved figures back with the sentence's inputs", async () => {
    const report = reportOf(await open("nhung.vt"));
    expect(report.visit.unitReport).toBe("Kết quả tiếp nhận");
    expect(report.indicators.map((i) => i.reported)).toEqual([
      { numerator: 3557, denominator: 4709 },
      { numerator: 11701, denominator: null },
    ]);
  });

  it("updates a figure in place and removes one left empty", async () => {
    const result = await post("motcua.binhan", filled({ figures: [{ itemId: item.payment, numerator: 3600, denominator: 4709 }, { itemId: item.received, numerator: null, denominator: null }] }));
    expect(result.status).toBe(200);
    const rows = await reportedRows();
    expect(rows.map((r) => [r.itemId, r.numerator, r.denominator])).toEqual([[item.payment, 3600, 4709]]);
  });

  it("refuses a numerator above the denominator with the message, writing nothing", async () => {
    const before = await snapshot();
    const result = await post("ubnd.binhan", filled({ figures: [{ itemId: item.payment, numerator: 4710, denominator: 4709 }] }));
    expect(result.status).toBe(400);
    expect(errorsOf(result)["figures.0.numerator"]).toEqual({ message: "Tử số không được lớn hơn mẫu số." });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses an item of another checklist posted in the form, writing nothing", async () => {
    const before = await snapshot();
    for (const itemId of [item.foreign, item.posting]) {
      const result = await post("ubnd.binhan", filled({ figures: [{ itemId, numerator: 1, denominator: 2 }] }));
      expect(result.status).toBe(400);
      expect(errorsOf(result)["figures.0.itemId"]).toEqual({ message: "Chỉ số này không thuộc phiếu kiểm tra của buổi giám sát." });
    }
    expect(await snapshot()).toEqual(before);
  });

  it("refuses such an item in the model too, whatever the route checked", async () => {
    const before = await snapshot();
    const actor = await actorFor((await handle.db.select({ id: users.id }).from(users).where(eq(users.username, "ubnd.binhan")))[0].id);
    const error = await rejectionOf(
      saveVisitReport(actor, visitId, { intent: "save", unitReport: "x", figures: [{ itemId: item.foreign, numerator: 1, denominator: 2 }] }, { submit: false }),
    );
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).field).toBe("figures.0.itemId");
    expect(await snapshot()).toEqual(before);
  });

  it("submits the report, and afterwards only sends it again", async () => {
    const submitted = await post("ubnd.binhan", filled({ intent: "submit" }));
    expect(submitted.status).toBe(200);
    expect((submitted.data as { ok: string }).ok).toMatch(/^Đã gửi báo cáo cho đoàn giám sát lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\.$/);
    const after = await snapshot();
    expect(after.visit.submittedAt).toBeInstanceOf(Date);
    const [line] = await handle.db.select().from(auditLog).where(eq(auditLog.entity, "visit")).orderBy(asc(auditLog.id)).offset(after.audits - 1);
    expect(line.action).toBe("report.submit");

    const draft = await post("ubnd.binhan", filled({ unitReport: "Sửa lại sau khi gửi" }));
    expect(draft.status).toBe(409);
    expect(errorsOf(draft).root.message).toContain("Gửi lại báo cáo");
    expect(await snapshot()).toEqual(after);

    const again = await post("ubnd.binhan", filled({ intent: "submit", unitReport: "Bản gửi lại" }));
    expect(again.status).toBe(200);
    const resent = await snapshot();
    expect(resent.visit.unitReport).toBe("Bản gửi lại");
    expect(resent.visit.submittedAt!.getTime()).toBeGreaterThanOrEqual(after.visit.submittedAt!.getTime());
  });

  it("refuses to send an empty report", async () => {
    const before = await snapshot();
    const result = await post("ubnd.binhan", filled({ intent: "submit", unitReport: " " }));
    expect(result.status).toBe(400);
    expect(errorsOf(result).unitReport).toEqual({ message: "Nhập nội dung báo cáo trước khi gửi." });
    expect(await snapshot()).toEqual(before);
  });
});

describe("nobody else writes it", () => {
  it("refuses a unit user of another unit, by URL and by post, writing nothing", async () => {
    const before = await snapshot();
    expect((await open("ubnd.phochau")).status).toBe(403);
    const posted = await post("ubnd.phochau", filled({ intent: "submit", unitReport: "Không phải đơn vị này" }));
    expect(posted.status).toBe(403);
    // Phổ Châu's own checklist item, posted to Bình An's visit.
    const own = await post("ubnd.phochau", filled({ figures: [{ itemId: item.foreign, numerator: 1, denominator: 2 }] }));
    expect(own.status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses Bình An's user on Phổ Châu's visit, writing nothing there", async () => {
    const before = await snapshot(phoChauVisitId);
    expect((await open("ubnd.binhan", phoChauVisitId)).status).toBe(403);
    const posted = await post("ubnd.binhan", filled({ figures: [{ itemId: item.foreign, numerator: 1, denominator: 2 }] }), phoChauVisitId);
    expect(posted.status).toBe(403);
    expect(await snapshot(phoChauVisitId)).toEqual(before);
  });

  it("refuses the team, the committee and the administrator a write", async () => {
    const before = await snapshot();
    for (const name of ["nhung.vt", "trang.ttt", "hung.nv", "quantri"]) {
      expect((await post(name, filled({ intent: "submit", unitReport: name }))).status, name).toBe(403);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("answers a visit that does not exist with 403 and a malformed id with 404", async () => {
    expect((await open("ubnd.binhan", 987654)).status).toBe(403);
    const malformed = await load(reportRoute, { path: "/visits/abc/report", params: { visitId: "abc" }, cookie: cookies["ubnd.binhan"] });
    expect(malformed.status).toBe(404);
  });
});

describe("once the visit has started", () => {
  it("shows the unit its report read-only and refuses a save, writing nothing", async () => {
    await handle.db.update(visits).set({ status: "in_progress" }).where(eq(visits.id, visitId));
    const report = reportOf(await open("ubnd.binhan"));
    expect(report).toMatchObject({ reporter: true, editable: false, lockReason: "Buổi giám sát đã bắt đầu; báo cáo của đơn vị không còn sửa được." });
    const before = await snapshot();
    const result = await post("ubnd.binhan", filled({ intent: "submit", unitReport: "Sửa khi đoàn đã đến" }));
    expect(result.status).toBe(409);
    expect(errorsOf(result).root.message).toBe("Buổi giám sát đã bắt đầu; báo cáo của đơn vị không còn sửa được.");
    expect(await snapshot()).toEqual(before);
  });

  it("still lets the plan's team read it", async () => {
    const report = reportOf(await open("nhung.vt"));
    expect(report.visit.unitReport).toBe("Bản gửi lại");
    expect(report.visit.unitReportSubmittedAt).not.toBeNull();
    expect(report.indicators[0].reported).toEqual({ numerator: 3557, denominator: 4709 });
  });
});
