/**
 * Recommendations of earlier notices carried into a later visit's checklist: which ones are
 * carried (open and returned ones concerning the visited unit, never accepted ones, drafts or
 * other wards'), that carrying is idempotent and happens again when the checklist is opened, and
 * that the team's answer is saved only by the visit's team, from the revision it saw, on a visit
 * that is not completed, for a recommendation carried into that visit. Refusals write nothing.
 */
import { and, asc, count, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { auditLog, carriedRecommendations, conclusionNotices, recommendations, remediationReports, supervisionPlans, units, users, visits } from "#db/schema";
import { DEMO_PASSWORD, ensureDemoData } from "#db/seed";
import { makeNotice, makePlan, makeRecommendation, makeVisit } from "#tests/factories";
import { actorFor } from "#tests/support/actors";
import { freshDatabase } from "#tests/support/database";
import { act, load, signIn } from "#tests/support/requests";
import { addDays } from "~/domain/deadlines";
import { vietnamDate } from "~/domain/vietnamese";
import { CARRIED_CLOSED, CARRIED_NOT_FOUND, carryOpenRecommendations, listCarried } from "~/models/carried-recommendation.server";
import { createPlan } from "~/models/plan.server";
import * as carriedRoute from "~/routes/visits.$visitId.carried";
import * as checklistPage from "~/routes/visits.$visitId";
import * as findingsRoute from "~/routes/visits.$visitId_.findings";
import { emptyFinding } from "~/schemas/finding";
import { EMPTY_PLAN_FORM } from "~/schemas/plan";

const CURRENT_PLAN = "Giám sát việc thực hiện kiến nghị sau giám sát và hoạt động của Trung tâm Phục vụ hành chính công phường";
const PEOPLE = ["an.bd", "nhung.vt", "trang.ttt", "hung.nv", "tt.dian", "motcua.binhan"] as const;
type Person = (typeof PEOPLE)[number];

let handle: DatabaseHandle;
const cookies = {} as Record<Person, string>;
const userIds = {} as Record<Person, number>;
const today = vietnamDate();

/** Ids of the demo: units, the seed-001 visit and its recommendations, this year's visit. */
const demo = {
  ubnd: 0,
  oneStop: 0,
  front: 0,
  oldVisit: 0,
  notice12: 0,
  accepted: 0,
  returned: 0,
  inProgress: 0,
  currentVisit: 0,
  otherWardRecs: [] as number[],
};

async function unitId(name: string) {
  const [row] = await handle.db.select({ id: units.id }).from(units).where(eq(units.name, name));
  return row.id;
}

async function carriedIds(visitId: number) {
  const rows = await handle.db
    .select({ id: carriedRecommendations.recommendationId })
    .from(carriedRecommendations)
    .where(eq(carriedRecommendations.visitId, visitId))
    .orderBy(asc(carriedRecommendations.recommendationId));
  return rows.map((r) => r.id);
}

async function carriedRow(visitId: number, recommendationId: number) {
  const [row] = await handle.db
    .select()
    .from(carriedRecommendations)
    .where(and(eq(carriedRecommendations.visitId, visitId), eq(carriedRecommendations.recommendationId, recommendationId)));
  return row;
}

/** Everything an answer may touch, for "nothing changed". */
async function snapshot() {
  return {
    carried: await handle.db.select().from(carriedRecommendations).orderBy(asc(carriedRecommendations.visitId), asc(carriedRecommendations.recommendationId)),
    audit: (await handle.db.select({ n: count() }).from(auditLog))[0].n,
  };
}

const post = (who: Person, visitId: number, form: Record<string, unknown>) =>
  act(carriedRoute, { path: `/visits/${visitId}/carried`, params: { visitId: String(visitId) }, cookie: cookies[who], form });
const openChecklist = (who: Person, visitId: number) =>
  load(checklistPage, { path: `/visits/${visitId}`, params: { visitId: String(visitId) }, cookie: cookies[who] });
type ChecklistData = Awaited<ReturnType<typeof checklistPage.loader>>;
type FindingsData = Awaited<ReturnType<typeof findingsRoute.loader>>;
const rootError = (result: { data: unknown }) => (result.data as { errors: { root: { message: string } } }).errors.root.message;

/** A new plan of HĐND phường Bình An for the given units, made through the app (createPlan). */
async function newPlan(unitIds: number[]) {
  const chair = await actorFor(userIds["trang.ttt"]);
  const { id } = await createPlan(chair, {
    ...EMPTY_PLAN_FORM,
    subject: "Giám sát việc thực hiện kiến nghị tại Thông báo số 12/TB-HĐND",
    periodStart: `${today.slice(0, 4)}-01-01`,
    periodEnd: today,
    members: [{ userId: userIds["an.bd"], fullName: "Bùi Dương Ân", title: "PCT HĐND", role: "lead" }],
    units: unitIds.map((unitId) => ({ unitId, scheduledAt: "" })),
  });
  const rows = await handle.db.select({ id: visits.id, unitId: visits.unitId }).from(visits).where(eq(visits.planId, id));
  return { planId: id, visitOf: (unit: number) => rows.find((r) => r.unitId === unit)!.id };
}

beforeAll(async () => {
  handle = await freshDatabase();
  await ensureDemoData(handle.db);
  for (const person of PEOPLE) {
    cookies[person] = await signIn(person, DEMO_PASSWORD);
    const [u] = await handle.db.select({ id: users.id }).from(users).where(eq(users.username, person));
    userIds[person] = u.id;
  }
  demo.ubnd = await unitId("UBND phường Bình An");
  demo.oneStop = await unitId("Bộ phận Một cửa phường Bình An");
  demo.front = await unitId("UBMTTQ phường Bình An");
  const [notice] = await handle.db.select().from(conclusionNotices).where(eq(conclusionNotices.number, 12));
  demo.notice12 = notice.id;
  demo.oldVisit = notice.visitId!;
  const recs = await handle.db.select().from(recommendations).where(eq(recommendations.noticeId, notice.id)).orderBy(asc(recommendations.position));
  demo.accepted = recs.find((r) => r.status === "accepted")!.id;
  demo.returned = recs.find((r) => r.status === "returned")!.id;
  demo.inProgress = recs.find((r) => r.status === "in_progress")!.id;
  const [current] = await handle.db.select({ id: supervisionPlans.id }).from(supervisionPlans).where(eq(supervisionPlans.subject, CURRENT_PLAN));
  const [visit] = await handle.db.select({ id: visits.id }).from(visits).where(eq(visits.planId, current.id));
  demo.currentVisit = visit.id;
  const diAn = await unitId("UBND phường Dĩ An");
  const other = await handle.db.select({ id: recommendations.id }).from(recommendations).where(eq(recommendations.addressedUnitId, diAn));
  demo.otherWardRecs = other.map((r) => r.id);
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

describe("the demo", () => {
  it("carries the returned and in-progress recommendations of 12/TB-HĐND into this year's one-stop-shop visit, not the accepted one", async () => {
    expect(demo.otherWardRecs.length).toBeGreaterThan(0);
    expect(await carriedIds(demo.currentVisit)).toEqual([demo.returned, demo.inProgress].sort((a, b) => a - b));
  });

  it("shows them on the checklist page with notice, deadlines, status and the unit's last report", async () => {
    // The demo already holds the unit's history (reported, returned); a newer report is the one shown.
    const [ubndUser] = await handle.db.select({ id: users.id }).from(users).where(eq(users.username, "ubnd.binhan"));
    const history = await handle.db.select().from(remediationReports).where(eq(remediationReports.recommendationId, demo.returned));
    expect(history.some((r) => r.review === "returned")).toBe(true);
    await handle.db.insert(remediationReports).values({
      recommendationId: demo.returned,
      unitId: demo.ubnd,
      progress: "completed",
      content: "Đã bổ sung ảnh chụp bảng niêm yết.",
      submittedBy: ubndUser.id,
      submittedAt: new Date(Math.max(Date.now(), ...history.map((r) => r.submittedAt.getTime() + 60_000))),
    });
    const result = await openChecklist("an.bd", demo.currentVisit);
    expect(result.status).toBe(200);
    const { carried } = result.data as ChecklistData;
    expect(carried?.canAnswer).toBe(true);
    const items = carried!.items;
    expect(items.map((i) => i.recommendationId)).toEqual([demo.returned, demo.inProgress]);
    const [returned, inProgress] = items;
    expect(returned).toMatchObject({
      noticeReference: "12/TB-HĐND ngày 05/4/2024",
      addressedUnitName: "UBND phường Bình An",
      addressedRole: "Chủ tịch UBND phường",
      status: "returned",
      lastReport: { progress: "completed", content: "Đã bổ sung ảnh chụp bảng niêm yết.", review: "submitted", reviewNote: "" },
      answer: { value: null, note: "", answeredAt: null, answeredByName: null, revision: 1 },
    });
    const [stored] = await handle.db.select().from(recommendations).where(eq(recommendations.id, demo.inProgress));
    expect(inProgress).toMatchObject({ status: "in_progress", deadline: stored.deadline, extendedDeadline: stored.extendedDeadline });
    expect(inProgress.extendedDeadline! > inProgress.deadline).toBe(true);
  });
});

describe("carrying into a new plan's visits", () => {
  const extra = { draft: 0, toOneStop: 0, toFront: 0, reported: 0 };

  beforeAll(async () => {
    // More of Bình An's history: a draft recommendation (no notice) of seed 001, a reported one,
    // and an earlier notice on the one-stop-shop addressed to it and to the ward's MTTQ.
    const db = handle.db;
    extra.draft = (await makeRecommendation(db, { visitId: demo.oldVisit, addressedUnitId: demo.ubnd, text: "Kiến nghị còn ở dạng dự thảo.", deadline: addDays(today, 30) })).id;
    extra.reported = (
      await makeRecommendation(db, { visitId: demo.oldVisit, noticeId: demo.notice12, addressedUnitId: demo.ubnd, text: "Kiến nghị đơn vị đã báo cáo.", deadline: addDays(today, -3), status: "reported", position: 4 })
    ).id;
    const [council] = await db.select({ id: units.id }).from(units).where(eq(units.name, "HĐND phường Bình An"));
    const plan = await makePlan(db, { issuingUnitId: council.id, subject: "Giám sát Bộ phận Một cửa năm trước", periodStart: "2023-01-01", periodEnd: "2023-12-31", number: 40, issueDate: "2024-02-01", status: "concluded" });
    const visit = await makeVisit(db, { planId: plan.id, unitId: demo.oneStop, status: "completed" });
    const notice = await makeNotice(db, { planId: plan.id, visitId: visit.id, issuingUnitId: council.id, placeName: "Bình An", signerName: "Trần Thị Thuỳ Trang", number: 40, issueDate: "2024-02-20" });
    extra.toOneStop = (await makeRecommendation(db, { visitId: visit.id, noticeId: notice.id, addressedUnitId: demo.oneStop, text: "Bố trí đủ công chức tại Bộ phận Một cửa.", deadline: addDays(today, 10) })).id;
    extra.toFront = (await makeRecommendation(db, { visitId: visit.id, noticeId: notice.id, addressedUnitId: demo.front, text: "Tăng cường giám sát của Ban Thanh tra nhân dân.", deadline: addDays(today, 10), status: "returned" })).id;
  });

  it("carries exactly the open and returned recommendations concerning the unit: not accepted, not drafts, not other units'", async () => {
    const { visitOf } = await newPlan([demo.ubnd, demo.oneStop]);
    const ubndVisit = visitOf(demo.ubnd);
    const oneStopVisit = visitOf(demo.oneStop);
    const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);
    // The UBND: its own earlier visit's open ones, and the one addressed to the one-stop-shop under it.
    expect(await carriedIds(ubndVisit)).toEqual(sorted([demo.returned, demo.inProgress, extra.reported, extra.toOneStop]));
    // The one-stop-shop: its own earlier visit's (MTTQ's included), and those addressed to the UBND over it.
    expect(await carriedIds(oneStopVisit)).toEqual(sorted([demo.returned, demo.inProgress, extra.reported, extra.toOneStop, extra.toFront]));
    for (const visitId of [ubndVisit, oneStopVisit]) {
      const ids = await carriedIds(visitId);
      expect(ids).not.toContain(demo.accepted);
      expect(ids).not.toContain(extra.draft);
      expect(ids.filter((id) => demo.otherWardRecs.includes(id))).toEqual([]);
    }
    const [audit] = await handle.db.select().from(auditLog).where(and(eq(auditLog.action, "carried.add"), eq(auditLog.entityId, String(ubndVisit))));
    expect(audit.data).toEqual({ recommendationIds: sorted([demo.returned, demo.inProgress, extra.reported, extra.toOneStop]) });
  });

  it("is idempotent and keeps answers; opening the checklist carries what was issued since", async () => {
    const { visitOf } = await newPlan([demo.ubnd]);
    const visitId = visitOf(demo.ubnd);
    const before = await carriedIds(visitId);
    expect(before.length).toBe(4);
    await handle.db
      .update(carriedRecommendations)
      .set({ value: "not_met", note: "Chưa làm.", answeredBy: userIds["an.bd"], answeredAt: new Date(), revision: 2 })
      .where(and(eq(carriedRecommendations.visitId, visitId), eq(carriedRecommendations.recommendationId, demo.returned)));
    expect(await handle.db.transaction((tx) => carryOpenRecommendations(tx, visitId))).toEqual([]);
    expect(await carriedIds(visitId)).toEqual(before);
    expect(await carriedRow(visitId, demo.returned)).toMatchObject({ value: "not_met", note: "Chưa làm.", revision: 2 });

    const later = await makeRecommendation(handle.db, { visitId: demo.oldVisit, noticeId: demo.notice12, addressedUnitId: demo.ubnd, text: "Kiến nghị ban hành sau khi lập kế hoạch.", deadline: addDays(today, 20), position: 5 });
    const page = await openChecklist("trang.ttt", visitId);
    expect(page.status).toBe(200);
    expect((page.data as ChecklistData).carried!.items.map((i) => i.recommendationId)).toContain(later.id);
    expect(await carriedIds(visitId)).toEqual([...before, later.id].sort((a, b) => a - b));
    await openChecklist("trang.ttt", visitId);
    expect((await carriedIds(visitId)).length).toBe(before.length + 1);
    // The current demo visit got it on opening too; someone who may not see the visit carries nothing.
    await openChecklist("hung.nv", demo.currentVisit);
    expect(await carriedIds(demo.currentVisit)).not.toContain(later.id);
    await openChecklist("nhung.vt", demo.currentVisit);
    expect(await carriedIds(demo.currentVisit)).toContain(later.id);
  });
});

describe("answering a carried recommendation", () => {
  it("saves the team's answer with a clean note, a new revision and an audit line", async () => {
    const result = await post("an.bd", demo.currentVisit, {
      recommendationId: demo.returned,
      value: "not_met",
      note: "  Bảng niêm yết   vẫn chưa thay.  ".normalize("NFD"),
      revision: 1,
    });
    expect(result.status).toBe(200);
    expect(result.data).toEqual({ ok: "Đã lưu.", revision: 2 });
    const row = await carriedRow(demo.currentVisit, demo.returned);
    expect(row).toMatchObject({ value: "not_met", note: "Bảng niêm yết vẫn chưa thay.", answeredBy: userIds["an.bd"], revision: 2 });
    expect(row.note).toBe(row.note.normalize("NFC"));
    const [audit] = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "carried.answer"), eq(auditLog.entityId, `${demo.currentVisit}:${demo.returned}`)));
    expect(audit).toMatchObject({ actorId: userIds["an.bd"], entity: "carried_recommendation" });
    expect(audit.data).toMatchObject({ after: { value: "not_met", note: "Bảng niêm yết vẫn chưa thay.", revision: 2 } });

    const list = await listCarried(await actorFor(userIds["nhung.vt"]), demo.currentVisit);
    expect(list!.items.find((i) => i.recommendationId === demo.returned)!.answer).toMatchObject({ value: "not_met", answeredByName: "Bùi Dương Ân", revision: 2 });
  });

  it("refuses a stale revision, saying who saved, and changes nothing", async () => {
    const before = await snapshot();
    const result = await post("nhung.vt", demo.currentVisit, { recommendationId: demo.returned, value: "met", note: "Đã thay bảng mới.", revision: 1 });
    expect(result.status).toBe(409);
    expect(rootError(result)).toMatch(/vừa được Bùi Dương Ân lưu lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    expect(await snapshot()).toEqual(before);
    // From the revision now shown, the teammate's save goes through.
    const saved = await post("nhung.vt", demo.currentVisit, { recommendationId: demo.returned, value: "met", note: "Đã thay bảng mới.", revision: 2 });
    expect(saved.data).toEqual({ ok: "Đã lưu.", revision: 3 });
  });

  it("refuses a team member of another plan, by URL and on the page, and writes nothing", async () => {
    const before = await snapshot();
    expect(await listCarried(await actorFor(userIds["hung.nv"]), demo.currentVisit)).toBeNull();
    expect((await openChecklist("hung.nv", demo.currentVisit)).status).toBe(403);
    const result = await post("hung.nv", demo.currentVisit, { recommendationId: demo.inProgress, value: "met", note: "", revision: 1 });
    expect(result.status).toBe(403);
    // Another ward's chair and a unit user are refused too.
    expect((await post("tt.dian", demo.currentVisit, { recommendationId: demo.inProgress, value: "met", note: "", revision: 1 })).status).toBe(403);
    expect((await post("motcua.binhan", demo.currentVisit, { recommendationId: demo.inProgress, value: "met", note: "", revision: 1 })).status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a tampered recommendation id (accepted, another ward's, carried elsewhere) with a 404 and writes nothing", async () => {
    const before = await snapshot();
    const elsewhere = await handle.db
      .select({ id: carriedRecommendations.recommendationId })
      .from(carriedRecommendations)
      .where(and(inArray(carriedRecommendations.recommendationId, [demo.accepted, ...demo.otherWardRecs]), eq(carriedRecommendations.visitId, demo.currentVisit)));
    expect(elsewhere).toEqual([]);
    for (const recommendationId of [demo.accepted, demo.otherWardRecs[0], 999_999]) {
      const result = await post("nhung.vt", demo.currentVisit, { recommendationId, value: "met", note: "Thử sửa.", revision: 1 });
      expect(result.status).toBe(404);
      expect(rootError(result)).toBe(CARRIED_NOT_FOUND);
    }
    // hung.nv's own (completed) visit of Dĩ An with a Bình An id: not carried there either.
    const [hungVisit] = await handle.db
      .select({ id: visits.id })
      .from(visits)
      .innerJoin(units, eq(units.id, visits.unitId))
      .where(eq(units.name, "UBND phường Dĩ An"));
    const tampered = await post("hung.nv", hungVisit.id, { recommendationId: demo.returned, value: "met", note: "", revision: 1 });
    expect(tampered.status).toBe(404);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses what the schema does not accept with a Vietnamese message", async () => {
    const before = await snapshot();
    const result = await post("an.bd", demo.currentVisit, { recommendationId: demo.inProgress, value: "done", note: "", revision: 1 });
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.data)).toContain("Chọn Đã khắc phục, Chưa khắc phục hoặc Không áp dụng.");
    expect(await snapshot()).toEqual(before);
  });

  it("proposes a shortcoming on the findings page for each item found not remedied, once", async () => {
    const [rec] = await handle.db.select({ text: recommendations.text }).from(recommendations).where(eq(recommendations.id, demo.inProgress));
    const saved = await post("an.bd", demo.currentVisit, { recommendationId: demo.inProgress, value: "not_met", note: "Chưa bố trí máy quét.", revision: 1 });
    expect(saved.status).toBe(200);
    const at = { path: `/visits/${demo.currentVisit}/findings`, params: { visitId: String(demo.currentVisit) } };
    const sourcesOf = async () => ((await load(findingsRoute, { ...at, cookie: cookies["an.bd"] })).data as FindingsData).sources.carriedNotMet;
    const [proposal] = await sourcesOf();
    // The returned one was answered "met" by the teammate: only the in-progress one is proposed.
    expect((await sourcesOf()).map((c) => c.recommendationId)).toEqual([demo.inProgress]);
    expect(proposal.proposal).toBe(`Kiến nghị tại Thông báo số 12/TB-HĐND ngày 05/4/2024 chưa được khắc phục: ${rec.text.replace(/[.;\s]+$/u, "")} (Chưa bố trí máy quét).`);
    expect(proposal.proposed).toBe(false);
    const created = await act(findingsRoute, { ...at, cookie: cookies["an.bd"], form: { ...emptyFinding("shortcoming"), text: proposal.proposal } });
    expect(created.status).toBe(200);
    expect((await sourcesOf())[0].proposed).toBe(true);
  });

  it("refuses to answer on a completed visit and carries nothing more into it", async () => {
    await handle.db.update(visits).set({ status: "completed" }).where(eq(visits.id, demo.currentVisit));
    const newer = await makeRecommendation(handle.db, { visitId: demo.oldVisit, noticeId: demo.notice12, addressedUnitId: demo.ubnd, text: "Kiến nghị sau khi buổi giám sát kết thúc.", deadline: addDays(today, 40), position: 6 });
    const before = await snapshot();
    const result = await post("an.bd", demo.currentVisit, { recommendationId: demo.inProgress, value: "met", note: "Xong.", revision: 2 });
    expect(result.status).toBe(409);
    expect(rootError(result)).toBe(CARRIED_CLOSED);
    expect(await handle.db.transaction((tx) => carryOpenRecommendations(tx, demo.currentVisit))).toEqual([]);
    const page = await openChecklist("an.bd", demo.currentVisit);
    expect((page.data as ChecklistData).carried!.canAnswer).toBe(false);
    expect(await carriedIds(demo.currentVisit)).not.toContain(newer.id);
    expect(await snapshot()).toEqual(before);
  });
});
