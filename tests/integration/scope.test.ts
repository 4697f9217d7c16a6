/**
 * Who sees what. Two wards built with the factories; each role's actor is loaded from a real
 * session so scopePath is computed by the app, and visibility is checked through the public model
 * functions (never by calling the scope conditions directly).
 */
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { recommendations, sessions, users } from "#db/schema";
import type { Actor } from "~/auth/actor";
import { getPlan, listPlans } from "~/models/plan.server";
import { countOpenRecommendations, listOpenRecommendations } from "~/models/recommendation.server";
import { createSession, getActorForSession } from "~/models/session.server";
import { getVisibleUnit } from "~/models/unit.server";
import { addMember, makeNotice, makePlan, makeRecommendation, makeUnit, makeUser, makeVisit } from "#tests/factories";
import { actorFor } from "#tests/support/actors";
import { freshDatabase } from "#tests/support/database";

let handle: DatabaseHandle;

type UnitName =
  | "province"
  | "provinceCouncil"
  | "city"
  | "wardA"
  | "councilA"
  | "banA"
  | "ubndA"
  | "oneStopA"
  | "frontA"
  | "wardB"
  | "councilB"
  | "ubndB"
  | "oneStopB";
const unit = {} as Record<UnitName, { id: number; path: string; name: string }>;

type ActorName = "admin" | "committeeA" | "banA" | "committeeB" | "provinceCommittee" | "unitA" | "oneStopA" | "unitB" | "memberA";
const actor = {} as Record<ActorName, Actor>;
const userId = {} as Record<ActorName, number>;

type PlanName = "A1" | "A2" | "B1" | "P1";
const plan = {} as Record<PlanName, number>;
const planNameById = new Map<number, PlanName>();

type RecName = "r1" | "r2draft" | "r3accepted" | "r4returned" | "r5extended" | "r6";
const rec = {} as Record<RecName, number>;
const recNameById = new Map<number, RecName>();

beforeAll(async () => {
  handle = await freshDatabase();
  const db = handle.db;
  const u = async (name: UnitName, label: string, kind: Parameters<typeof makeUnit>[1]["kind"], parent?: UnitName) => {
    unit[name] = await makeUnit(db, { name: label, kind, parentId: parent ? unit[parent].id : null });
  };
  // Ward A sits directly under the province; ward B under a former city (a pre-2025 tree).
  await u("province", "Tỉnh Thử Nghiệm", "province");
  await u("provinceCouncil", "HĐND tỉnh Thử Nghiệm", "people_council", "province");
  await u("wardA", "Phường An Phú", "commune", "province");
  await u("councilA", "HĐND phường An Phú", "people_council", "wardA");
  await u("banA", "Ban Kinh tế - Xã hội HĐND phường An Phú", "council_committee", "councilA");
  await u("ubndA", "UBND phường An Phú", "people_committee", "wardA");
  await u("oneStopA", "Bộ phận Một cửa phường An Phú", "public_service_center", "ubndA");
  await u("frontA", "UBMTTQ phường An Phú", "fatherland_front", "wardA");
  await u("city", "Thành phố cũ", "other", "province");
  await u("wardB", "Phường Bình Đông", "commune", "city");
  await u("councilB", "HĐND phường Bình Đông", "people_council", "wardB");
  await u("ubndB", "UBND phường Bình Đông", "people_committee", "wardB");
  await u("oneStopB", "Bộ phận Một cửa phường Bình Đông", "public_service_center", "ubndB");

  const person = async (name: ActorName, role: "admin" | "committee" | "team_member" | "unit", unitName: UnitName) => {
    const user = await makeUser(db, { username: name.toLowerCase(), fullName: `Người ${name}`, role, unitId: unit[unitName].id });
    userId[name] = user.id;
  };
  await person("admin", "admin", "province");
  await person("committeeA", "committee", "councilA");
  await person("banA", "committee", "banA");
  await person("committeeB", "committee", "councilB");
  await person("provinceCommittee", "committee", "provinceCouncil");
  await person("unitA", "unit", "ubndA");
  await person("oneStopA", "unit", "oneStopA");
  await person("unitB", "unit", "ubndB");
  await person("memberA", "team_member", "frontA");
  for (const name of Object.keys(userId) as ActorName[]) actor[name] = await actorFor(userId[name]);

  const p = async (name: PlanName, issuer: UnitName, number: number, visited: UnitName) => {
    const row = await makePlan(db, {
      issuingUnitId: unit[issuer].id,
      subject: `Kế hoạch ${name}`,
      periodStart: "2023-01-01",
      periodEnd: "2023-12-31",
      number,
      issueDate: "2024-03-01",
    });
    plan[name] = row.id;
    planNameById.set(row.id, name);
    return makeVisit(db, { planId: row.id, unitId: unit[visited].id, scheduledAt: new Date("2099-01-01T02:00:00Z") });
  };
  const visitA1 = await p("A1", "councilA", 1, "ubndA");
  await p("A2", "councilA", 2, "oneStopA");
  const visitB1 = await p("B1", "councilB", 1, "ubndB");
  await p("P1", "provinceCouncil", 1, "ubndB");
  await addMember(db, { planId: plan.A1, fullName: "Người memberA", role: "member", userId: userId.memberA });
  await addMember(db, { planId: plan.A1, fullName: "Ủy viên MTTQ không có tài khoản", role: "member", position: 2 });

  const notice = (planName: PlanName, visitId: number, issuer: UnitName) =>
    makeNotice(db, {
      planId: plan[planName],
      visitId,
      issuingUnitId: unit[issuer].id,
      placeName: "Thử Nghiệm",
      signerName: "Chủ tịch",
      number: 1,
      issueDate: "2024-04-05",
      issuedBy: userId.committeeA,
    });
  const noticeA1 = await notice("A1", visitA1.id, "councilA");
  const noticeB1 = await notice("B1", visitB1.id, "councilB");

  const r = async (name: RecName, input: Omit<Parameters<typeof makeRecommendation>[1], "text">) => {
    const row = await makeRecommendation(db, { ...input, text: `Kiến nghị ${name}` });
    rec[name] = row.id;
    recNameById.set(row.id, name);
  };
  await r("r1", { visitId: visitA1.id, addressedUnitId: unit.ubndA.id, deadline: "2024-08-30", noticeId: noticeA1.id });
  await r("r2draft", { visitId: visitA1.id, addressedUnitId: unit.ubndA.id, deadline: "2024-08-01" });
  await r("r3accepted", {
    visitId: visitA1.id,
    addressedUnitId: unit.ubndA.id,
    deadline: "2024-05-01",
    noticeId: noticeA1.id,
    status: "accepted",
    acceptedBy: userId.committeeA,
  });
  await r("r4returned", { visitId: visitA1.id, addressedUnitId: unit.oneStopA.id, deadline: "2024-07-31", noticeId: noticeA1.id, status: "returned" });
  await r("r5extended", { visitId: visitA1.id, addressedUnitId: unit.ubndA.id, deadline: "2024-06-30", noticeId: noticeA1.id, status: "in_progress" });
  await db.update(recommendations).set({ extendedDeadline: "2024-09-30" }).where(eq(recommendations.id, rec.r5extended));
  await r("r6", { visitId: visitB1.id, addressedUnitId: unit.ubndB.id, deadline: "2024-08-15", noticeId: noticeB1.id });
});

afterAll(async () => {
  await handle?.close();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("getActorForSession computes the scope", () => {
  it.each([
    ["admin", () => "/"],
    ["committeeA", () => unit.wardA.path],
    ["banA", () => unit.wardA.path],
    ["committeeB", () => unit.wardB.path],
    ["provinceCommittee", () => unit.province.path],
    ["unitA", () => unit.ubndA.path],
    ["oneStopA", () => unit.oneStopA.path],
    ["unitB", () => unit.ubndB.path],
    ["memberA", () => unit.frontA.path],
  ] as [ActorName, () => string][])("%s", async (name, expected) => {
    expect(actor[name].scopePath).toBe(expected());
    expect(actor[name].id).toBe(userId[name]);
  });

  it("reads the user's own unit: committee of a ward council is the council, scoped to the ward", () => {
    expect(actor.committeeA).toMatchObject({ role: "committee", unitId: unit.councilA.id, unitName: "HĐND phường An Phú" });
    // Ward B hangs under a former city (kind "other"): the scope stops at the ward, not the city.
    expect(actor.committeeB.scopePath).not.toBe(unit.city.path);
  });

  it("gives null for an expired session", async () => {
    const id = "phien-da-het-han-" + "x".repeat(20);
    await handle.db.insert(sessions).values({ id, userId: userId.unitA, expiresAt: new Date(Date.now() - 1_000) });
    expect(await getActorForSession(id)).toBeNull();
    const fresh = "phien-con-han-" + "x".repeat(20);
    await handle.db.insert(sessions).values({ id: fresh, userId: userId.unitA, expiresAt: new Date(Date.now() + 60_000) });
    expect(await getActorForSession(fresh)).not.toBeNull();
  });

  it("gives null for an unknown session", async () => {
    expect(await getActorForSession("khong-co-phien-nay")).toBeNull();
  });

  it("gives null for an inactive user, and an actor again once reactivated", async () => {
    const user = await makeUser(handle.db, { username: "tam.nghi", fullName: "Tạm nghỉ", role: "unit", unitId: unit.ubndB.id });
    const sid = await createSession(user.id, null);
    expect(await getActorForSession(sid)).not.toBeNull();
    await handle.db.update(users).set({ active: false }).where(eq(users.id, user.id));
    expect(await getActorForSession(sid)).toBeNull();
    await handle.db.update(users).set({ active: true }).where(eq(users.id, user.id));
    expect(await getActorForSession(sid)).not.toBeNull();
  });
});

describe("getVisibleUnit", () => {
  const ALL: UnitName[] = ["province", "provinceCouncil", "city", "wardA", "councilA", "banA", "ubndA", "oneStopA", "frontA", "wardB", "councilB", "ubndB", "oneStopB"];
  const WARD_A: UnitName[] = ["wardA", "councilA", "banA", "ubndA", "oneStopA", "frontA"];
  const WARD_B: UnitName[] = ["wardB", "councilB", "ubndB", "oneStopB"];
  const province: UnitName[] = ["province", "provinceCouncil", "city", ...WARD_A, ...WARD_B];

  it.each([
    ["admin", ALL],
    ["provinceCommittee", province],
    ["committeeA", WARD_A],
    ["banA", WARD_A],
    ["committeeB", WARD_B],
    ["unitA", ["ubndA", "oneStopA"]],
    ["oneStopA", ["oneStopA"]],
    ["unitB", ["ubndB", "oneStopB"]],
    // Their own unit, and the units visited by the plans they belong to.
    ["memberA", ["frontA", "ubndA"]],
  ] as [ActorName, UnitName[]][])("%s sees exactly its units", async (name, expected) => {
    const seen: UnitName[] = [];
    for (const unitName of ALL) {
      const row = await getVisibleUnit(actor[name], unit[unitName].id);
      if (row) {
        expect(row.id).toBe(unit[unitName].id);
        seen.push(unitName);
      }
    }
    expect(seen.sort()).toEqual([...expected].sort());
  });
});

describe("plans", () => {
  async function visiblePlans(name: ActorName) {
    const rows = await listPlans(actor[name]);
    return rows.map((r) => planNameById.get(r.id)).sort();
  }

  it.each([
    ["admin", []],
    ["provinceCommittee", ["A1", "A2", "B1", "P1"]],
    ["committeeA", ["A1", "A2"]],
    ["banA", ["A1", "A2"]],
    ["committeeB", ["B1"]],
    // A unit sees the plans that visit it or a unit under it.
    ["unitA", ["A1", "A2"]],
    ["oneStopA", ["A2"]],
    ["unitB", ["B1", "P1"]],
    ["memberA", ["A1"]],
  ] as [ActorName, PlanName[]][])("listPlans for %s", async (name, expected) => {
    expect(await visiblePlans(name)).toEqual([...expected].sort());
  });

  it("getPlan answers the plan with its team and visits to those who may see it, null to the others", async () => {
    for (const name of ["committeeA", "banA", "unitA", "memberA", "provinceCommittee"] as ActorName[]) {
      const found = await getPlan(actor[name], plan.A1);
      expect(found?.id).toBe(plan.A1);
      expect(found?.members.map((m) => m.fullName)).toEqual(["Người memberA", "Ủy viên MTTQ không có tài khoản"]);
      expect(found?.visits.map((v) => v.unitId)).toEqual([unit.ubndA.id]);
    }
    for (const name of ["admin", "committeeB", "oneStopA", "unitB"] as ActorName[]) {
      expect(await getPlan(actor[name], plan.A1)).toBeNull();
    }
    expect(await getPlan(actor.committeeA, 999_999)).toBeNull();
  });

  it("listPlans filters within the scope", async () => {
    const rows = await listPlans(actor.provinceCommittee, { q: "A2" });
    expect(rows.map((r) => r.id)).toEqual([plan.A2]);
    expect(await listPlans(actor.committeeB, { q: "A2" })).toEqual([]);
    expect((await listPlans(actor.provinceCommittee, { year: 2024 })).length).toBe(4);
    expect(await listPlans(actor.provinceCommittee, { year: 2023 })).toEqual([]);
  });
});

describe("open recommendations", () => {
  async function openFor(name: ActorName, today = "2024-08-30") {
    const rows = await listOpenRecommendations(actor[name], { today });
    return rows.map((r) => recNameById.get(r.id));
  }

  it.each([
    ["admin", ["r4returned", "r6", "r1", "r5extended"]],
    ["provinceCommittee", ["r4returned", "r6", "r1", "r5extended"]],
    ["committeeA", ["r4returned", "r1", "r5extended"]],
    ["banA", ["r4returned", "r1", "r5extended"]],
    ["committeeB", ["r6"]],
    ["unitA", ["r4returned", "r1", "r5extended"]],
    ["oneStopA", ["r4returned"]],
    ["unitB", ["r6"]],
    ["memberA", ["r1", "r5extended"]],
  ] as [ActorName, RecName[]][])("%s: issued, not accepted, in scope, soonest deadline first", async (name, expected) => {
    // Never a draft recommendation (no notice yet) nor an accepted one.
    expect(await openFor(name)).toEqual(expected);
  });

  it("orders by the deadline in force and reports its state on the given day", async () => {
    const rows = await listOpenRecommendations(actor.committeeA, { today: "2024-08-31" });
    const byName = new Map(rows.map((r) => [recNameById.get(r.id), r]));
    expect(byName.get("r1")).toMatchObject({ effectiveDeadline: "2024-08-30", state: "overdue", daysLeft: -1 });
    expect(byName.get("r4returned")).toMatchObject({ effectiveDeadline: "2024-07-31", state: "overdue", daysLeft: -31 });
    expect(byName.get("r5extended")).toMatchObject({
      deadline: "2024-06-30",
      extendedDeadline: "2024-09-30",
      effectiveDeadline: "2024-09-30",
      state: "on_track",
      daysLeft: 30,
    });
    const onTheDay = await listOpenRecommendations(actor.committeeA, { today: "2024-08-30" });
    expect(onTheDay.find((r) => r.id === rec.r1)).toMatchObject({ state: "due_soon", daysLeft: 0 });
  });

  it("filters by addressed unit within the scope", async () => {
    const rows = await listOpenRecommendations(actor.committeeA, { today: "2024-08-30", addressedUnitId: unit.oneStopA.id });
    expect(rows.map((r) => r.id)).toEqual([rec.r4returned]);
    expect(await listOpenRecommendations(actor.committeeB, { today: "2024-08-30", addressedUnitId: unit.oneStopA.id })).toEqual([]);
  });

  it.each([
    ["2024-07-31", { open: 3, overdue: 0, returned: 1 }],
    ["2024-08-01", { open: 3, overdue: 1, returned: 1 }],
    // A deadline is met on its own day, overdue from the next.
    ["2024-08-30", { open: 3, overdue: 1, returned: 1 }],
    ["2024-08-31", { open: 3, overdue: 2, returned: 1 }],
    // The extension, not the original deadline, decides.
    ["2024-09-30", { open: 3, overdue: 2, returned: 1 }],
    ["2024-10-01", { open: 3, overdue: 3, returned: 1 }],
  ])("countOpenRecommendations for ward A on %s", async (today, expected) => {
    expect(await countOpenRecommendations(actor.committeeA, today)).toEqual(expected);
  });

  it("counts per scope", async () => {
    expect(await countOpenRecommendations(actor.committeeB, "2024-08-16")).toEqual({ open: 1, overdue: 1, returned: 0 });
    expect(await countOpenRecommendations(actor.oneStopA, "2024-08-16")).toEqual({ open: 1, overdue: 1, returned: 1 });
    expect(await countOpenRecommendations(actor.admin, "2024-08-16")).toEqual({ open: 4, overdue: 2, returned: 1 });
  });

  it("by default counts on today's date in Vietnam, not the server's", async () => {
    // 20:00 UTC on 30/8: already 31/8 in Vietnam, still 30/8 on this test host (America/New_York).
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2024-08-30T20:00:00Z"));
    expect(new Date().getDate()).toBe(30);
    expect(await countOpenRecommendations(actor.committeeA)).toEqual({ open: 3, overdue: 2, returned: 1 });
    const rows = await listOpenRecommendations(actor.committeeA);
    expect(rows.find((r) => r.id === rec.r1)).toMatchObject({ state: "overdue", daysLeft: -1 });
  });

  it("an accepted recommendation leaves the list, a draft one joins it when its notice is issued", async () => {
    const [draft] = await handle.db.select().from(recommendations).where(eq(recommendations.id, rec.r2draft));
    const [issued] = await handle.db.select().from(recommendations).where(eq(recommendations.id, rec.r1));
    // A copy of r1, accepted: an accepted recommendation is frozen, so the test closes a copy, not r1.
    const { id: _id, ...fields } = issued;
    const [copy] = await handle.db
      .insert(recommendations)
      .values({ ...fields, status: "accepted", acceptedAt: new Date(), acceptedBy: userId.committeeA })
      .returning({ id: recommendations.id });
    await handle.db.update(recommendations).set({ noticeId: issued.noticeId }).where(eq(recommendations.id, rec.r2draft));
    try {
      expect(await openFor("unitA")).toEqual(["r4returned", "r2draft", "r1", "r5extended"]);
      expect((await listOpenRecommendations(actor.unitA, { today: "2024-08-30" })).some((r) => r.id === copy.id)).toBe(false);
      expect(await countOpenRecommendations(actor.unitA, "2024-08-30")).toEqual({ open: 4, overdue: 2, returned: 1 });
    } finally {
      await handle.db.update(recommendations).set({ noticeId: draft.noticeId }).where(eq(recommendations.id, rec.r2draft));
    }
    expect(await openFor("unitA")).toEqual(["r4returned", "r1", "r5extended"]);
  });
});
