/**
 * Every role against every route of this issue, on the demo data: the expected answer comes from
 * one table, and a refused write must leave the database as it was.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, rowsOf } from "#db/client";
import { checklistTemplates, supervisionPlans, units, users, visits } from "#db/schema";
import { DEMO_PASSWORD, ensureDemoData } from "#db/seed";
import * as home from "~/routes/_index";
import * as accountPassword from "~/routes/account.password";
import * as auditPage from "~/routes/admin.audit";
import * as templateJson from "~/routes/admin.templates.$templateId.json";
import * as templatePage from "~/routes/admin.templates.$templateId";
import * as templatesIndex from "~/routes/admin.templates._index";
import * as templateImport from "~/routes/admin.templates.import";
import * as unitsEdit from "~/routes/admin.units.$unitId";
import * as unitsIndex from "~/routes/admin.units._index";
import * as unitsNew from "~/routes/admin.units.new";
import * as usersEdit from "~/routes/admin.users.$userId";
import * as usersPassword from "~/routes/admin.users.$userId.password";
import * as usersIndex from "~/routes/admin.users._index";
import * as usersNew from "~/routes/admin.users.new";
import * as plan from "~/routes/plans.$planId";
import * as planPdf from "~/routes/plans.$planId.pdf";
import * as planEdit from "~/routes/plans.$planId_.edit";
import * as plansIndex from "~/routes/plans._index";
import * as plansNew from "~/routes/plans.new";
import * as noticesIndex from "~/routes/notices._index";
import * as unitPage from "~/routes/units.$unitId";
import * as checklistPage from "~/routes/visits.$visitId";
import * as visitAnswers from "~/routes/visits.$visitId.answers";
import * as visitReport from "~/routes/visits.$visitId_.report";
import * as adminSettings from "~/routes/admin.settings";
import * as dashboard from "~/routes/dashboard";
import * as notificationsPage from "~/routes/notifications._index";
import * as unitRemediationPage from "~/routes/notices.$noticeId_.remediation";
import * as unitRemediationPdf from "~/routes/notices.$noticeId_.remediation[.]pdf";
import * as recommendationPage from "~/routes/recommendations.$recommendationId";
import * as trackerPage from "~/routes/recommendations._index";
import * as trackerXlsx from "~/routes/recommendations.export[.]xlsx";
import * as followUpPdf from "~/routes/recommendations.report[.]pdf";
import { freshDatabase } from "#tests/support/database";
import { act, load, signIn } from "#tests/support/requests";

/** This year's plan of HĐND phường Bình An (issued, in progress): an.bd leads, nhung.vt is a member. */
const CURRENT_PLAN = "Giám sát việc thực hiện kiến nghị sau giám sát và hoạt động của Trung tâm Phục vụ hành chính công phường";

const ACTORS = ["anonymous", "quantri", "trang.ttt", "tt.dian", "nhung.vt", "hung.nv", "ubnd.binhan", "motcua.binhan", "ubnd.phochau"] as const;
type ActorName = (typeof ACTORS)[number];
type Outcome = "ok" | "forbidden" | "login";

let handle: DatabaseHandle;
const cookies = new Map<ActorName, string | undefined>();
const ids: Record<string, number> = {};

async function unitId(name: string) {
  const [row] = await handle.db.select({ id: units.id }).from(units).where(eq(units.name, name));
  return row.id;
}

beforeAll(async () => {
  handle = await freshDatabase();
  await ensureDemoData(handle.db);
  ids.ubndBinhAn = await unitId("UBND phường Bình An");
  ids.oneStopBinhAn = await unitId("Bộ phận Một cửa phường Bình An");
  ids.ubndPhoChau = await unitId("UBND xã Phổ Châu");
  ids.ubndDiAn = await unitId("UBND phường Dĩ An");
  const [p] = await handle.db.select({ id: supervisionPlans.id }).from(supervisionPlans).where(eq(supervisionPlans.number, 5));
  ids.plan05 = p.id;
  const [current] = await handle.db.select({ id: supervisionPlans.id }).from(supervisionPlans).where(eq(supervisionPlans.subject, CURRENT_PLAN));
  ids.currentPlan = current.id;
  const [v] = await handle.db.select({ id: visits.id }).from(visits).where(eq(visits.planId, current.id));
  ids.currentVisit = v.id;
  const [t] = await handle.db.select({ id: checklistTemplates.id }).from(checklistTemplates).limit(1);
  ids.template = t.id;
  const [u] = await handle.db.select({ id: users.id }).from(users).where(eq(users.username, "ubnd.phochau"));
  ids.userPhoChau = u.id;
  const [rec] = rowsOf<{ id: number; notice_id: number }>(
    await handle.db.execute(sql`select r.id, r.notice_id from recommendations r join units u on u.id = r.addressed_unit_id where u.name = 'UBND phường Bình An' and r.notice_id is not null order by r.id limit 1`),
  );
  ids.binhAnRecommendation = rec.id;
  ids.seed001Notice = rec.notice_id;
  for (const name of ACTORS) cookies.set(name, name === "anonymous" ? undefined : await signIn(name, DEMO_PASSWORD));
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

const ADMIN_ONLY: Record<ActorName, Outcome> = {
  anonymous: "login",
  quantri: "ok",
  "trang.ttt": "forbidden",
  "tt.dian": "forbidden",
  "nhung.vt": "forbidden",
  "hung.nv": "forbidden",
  "ubnd.binhan": "forbidden",
  "motcua.binhan": "forbidden",
  "ubnd.phochau": "forbidden",
};

type Case = {
  name: string;
  route: Parameters<typeof load>[0];
  path: () => string;
  params?: () => Record<string, string>;
  expect: Record<ActorName, Outcome>;
};

const READS: Case[] = [
  {
    name: "home page",
    route: home,
    path: () => "/",
    expect: { ...ADMIN_ONLY, quantri: "ok", "trang.ttt": "ok", "tt.dian": "ok", "nhung.vt": "ok", "hung.nv": "ok", "ubnd.binhan": "ok", "motcua.binhan": "ok", "ubnd.phochau": "ok" },
  },
  {
    name: "own password change",
    route: accountPassword,
    path: () => "/account/password",
    expect: { anonymous: "login", quantri: "ok", "trang.ttt": "ok", "tt.dian": "ok", "nhung.vt": "ok", "hung.nv": "ok", "ubnd.binhan": "ok", "motcua.binhan": "ok", "ubnd.phochau": "ok" },
  },
  { name: "audit log", route: auditPage, path: () => "/admin/audit", expect: ADMIN_ONLY },
  { name: "units administration", route: unitsIndex, path: () => "/admin/units", expect: ADMIN_ONLY },
  { name: "new unit form", route: unitsNew, path: () => "/admin/units/new", expect: ADMIN_ONLY },
  { name: "unit edit form", route: unitsEdit, path: () => `/admin/units/${ids.ubndBinhAn}`, params: () => ({ unitId: String(ids.ubndBinhAn) }), expect: ADMIN_ONLY },
  { name: "checklist templates", route: templatesIndex, path: () => "/admin/templates", expect: ADMIN_ONLY },
  { name: "checklist template import form", route: templateImport, path: () => "/admin/templates/import", expect: ADMIN_ONLY },
  { name: "checklist template page", route: templatePage, path: () => `/admin/templates/${ids.template}`, params: () => ({ templateId: String(ids.template) }), expect: ADMIN_ONLY },
  { name: "checklist template export", route: templateJson, path: () => `/admin/templates/${ids.template}/json`, params: () => ({ templateId: String(ids.template) }), expect: ADMIN_ONLY },
  { name: "users administration", route: usersIndex, path: () => "/admin/users", expect: ADMIN_ONLY },
  { name: "new user form", route: usersNew, path: () => "/admin/users/new", expect: ADMIN_ONLY },
  { name: "user edit form", route: usersEdit, path: () => `/admin/users/${ids.userPhoChau}`, params: () => ({ userId: String(ids.userPhoChau) }), expect: ADMIN_ONLY },
  { name: "password reset form", route: usersPassword, path: () => `/admin/users/${ids.userPhoChau}/password`, params: () => ({ userId: String(ids.userPhoChau) }), expect: ADMIN_ONLY },
  {
    name: "plan list",
    route: plansIndex,
    path: () => "/plans",
    expect: { anonymous: "login", quantri: "forbidden", "trang.ttt": "ok", "tt.dian": "ok", "nhung.vt": "ok", "hung.nv": "ok", "ubnd.binhan": "ok", "motcua.binhan": "ok", "ubnd.phochau": "ok" },
  },
  {
    name: "register of conclusion notices",
    route: noticesIndex,
    path: () => "/notices",
    expect: { anonymous: "login", quantri: "forbidden", "trang.ttt": "ok", "tt.dian": "ok", "nhung.vt": "ok", "hung.nv": "ok", "ubnd.binhan": "ok", "motcua.binhan": "ok", "ubnd.phochau": "ok" },
  },
  {
    name: "plan 05/KH-HĐND of ward Bình An",
    route: plan,
    path: () => `/plans/${ids.plan05}`,
    params: () => ({ planId: String(ids.plan05) }),
    expect: { anonymous: "login", quantri: "forbidden", "trang.ttt": "ok", "tt.dian": "forbidden", "nhung.vt": "ok", "hung.nv": "forbidden", "ubnd.binhan": "ok", "motcua.binhan": "forbidden", "ubnd.phochau": "forbidden" },
  },
  {
    name: "new plan form",
    route: plansNew,
    path: () => "/plans/new",
    expect: { anonymous: "login", quantri: "forbidden", "trang.ttt": "ok", "tt.dian": "ok", "nhung.vt": "forbidden", "hung.nv": "forbidden", "ubnd.binhan": "forbidden", "motcua.binhan": "forbidden", "ubnd.phochau": "forbidden" },
  },
  {
    name: "edit form of this year's Bình An plan",
    route: planEdit,
    path: () => `/plans/${ids.currentPlan}/edit`,
    params: () => ({ planId: String(ids.currentPlan) }),
    expect: { anonymous: "login", quantri: "forbidden", "trang.ttt": "ok", "tt.dian": "forbidden", "nhung.vt": "forbidden", "hung.nv": "forbidden", "ubnd.binhan": "forbidden", "motcua.binhan": "forbidden", "ubnd.phochau": "forbidden" },
  },
  {
    name: "PDF of plan 05/KH-HĐND",
    route: planPdf,
    path: () => `/plans/${ids.plan05}/pdf`,
    params: () => ({ planId: String(ids.plan05) }),
    expect: { anonymous: "login", quantri: "forbidden", "trang.ttt": "ok", "tt.dian": "forbidden", "nhung.vt": "ok", "hung.nv": "forbidden", "ubnd.binhan": "ok", "motcua.binhan": "forbidden", "ubnd.phochau": "forbidden" },
  },
  {
    name: "checklist of this year's Bình An visit",
    route: checklistPage,
    path: () => `/visits/${ids.currentVisit}`,
    params: () => ({ visitId: String(ids.currentVisit) }),
    expect: { anonymous: "login", quantri: "forbidden", "trang.ttt": "ok", "tt.dian": "forbidden", "nhung.vt": "ok", "hung.nv": "forbidden", "ubnd.binhan": "forbidden", "motcua.binhan": "forbidden", "ubnd.phochau": "forbidden" },
  },
  {
    name: "answers of this year's Bình An visit (tablet sync)",
    route: visitAnswers,
    path: () => `/visits/${ids.currentVisit}/answers`,
    params: () => ({ visitId: String(ids.currentVisit) }),
    expect: { anonymous: "login", quantri: "forbidden", "trang.ttt": "ok", "tt.dian": "forbidden", "nhung.vt": "ok", "hung.nv": "forbidden", "ubnd.binhan": "forbidden", "motcua.binhan": "forbidden", "ubnd.phochau": "forbidden" },
  },
  {
    name: "unit's report for this year's Bình An visit",
    route: visitReport,
    path: () => `/visits/${ids.currentVisit}/report`,
    params: () => ({ visitId: String(ids.currentVisit) }),
    expect: { anonymous: "login", quantri: "forbidden", "trang.ttt": "ok", "tt.dian": "forbidden", "nhung.vt": "ok", "hung.nv": "forbidden", "ubnd.binhan": "ok", "motcua.binhan": "ok", "ubnd.phochau": "forbidden" },
  },
  {
    name: "page of UBND phường Bình An",
    route: unitPage,
    path: () => `/units/${ids.ubndBinhAn}`,
    params: () => ({ unitId: String(ids.ubndBinhAn) }),
    expect: { anonymous: "login", quantri: "ok", "trang.ttt": "ok", "tt.dian": "forbidden", "nhung.vt": "ok", "hung.nv": "forbidden", "ubnd.binhan": "ok", "motcua.binhan": "forbidden", "ubnd.phochau": "forbidden" },
  },
  {
    name: "page of the one-stop-shop of Bình An (under UBND)",
    route: unitPage,
    path: () => `/units/${ids.oneStopBinhAn}`,
    params: () => ({ unitId: String(ids.oneStopBinhAn) }),
    expect: { anonymous: "login", quantri: "ok", "trang.ttt": "ok", "tt.dian": "forbidden", "nhung.vt": "ok", "hung.nv": "forbidden", "ubnd.binhan": "ok", "motcua.binhan": "ok", "ubnd.phochau": "forbidden" },
  },
  {
    name: "page of UBND xã Phổ Châu",
    route: unitPage,
    path: () => `/units/${ids.ubndPhoChau}`,
    params: () => ({ unitId: String(ids.ubndPhoChau) }),
    expect: { anonymous: "login", quantri: "ok", "trang.ttt": "forbidden", "tt.dian": "forbidden", "nhung.vt": "forbidden", "hung.nv": "forbidden", "ubnd.binhan": "forbidden", "motcua.binhan": "forbidden", "ubnd.phochau": "ok" },
  },
];

const SIGNED_IN = { anonymous: "login", quantri: "ok", "trang.ttt": "ok", "tt.dian": "ok", "nhung.vt": "ok", "hung.nv": "ok", "ubnd.binhan": "ok", "motcua.binhan": "ok", "ubnd.phochau": "ok" } as const;
const COMMITTEE_ONLY = { ...ADMIN_ONLY, quantri: "forbidden", "trang.ttt": "ok", "tt.dian": "ok" } as const;
const BINH_AN_UNIT_ONLY = { ...ADMIN_ONLY, quantri: "forbidden", "ubnd.binhan": "ok" } as const;

READS.push(
  { name: "follow-up settings", route: adminSettings, path: () => "/admin/settings", expect: ADMIN_ONLY },
  { name: "notifications", route: notificationsPage, path: () => "/notifications", expect: SIGNED_IN },
  { name: "dashboard", route: dashboard, path: () => "/dashboard", expect: COMMITTEE_ONLY },
  { name: "tracker", route: trackerPage, path: () => "/recommendations", expect: { ...SIGNED_IN, quantri: "forbidden" } },
  { name: "tracker Excel export", route: trackerXlsx, path: () => "/recommendations/export.xlsx", expect: { ...SIGNED_IN, quantri: "forbidden" } },
  { name: "follow-up report PDF", route: followUpPdf, path: () => "/recommendations/report.pdf", expect: COMMITTEE_ONLY },
  {
    name: "a recommendation of UBND phường Bình An",
    route: recommendationPage,
    path: () => `/recommendations/${ids.binhAnRecommendation}`,
    params: () => ({ recommendationId: String(ids.binhAnRecommendation) }),
    expect: { ...ADMIN_ONLY, quantri: "forbidden", "trang.ttt": "ok", "nhung.vt": "ok", "ubnd.binhan": "ok" },
  },
  {
    name: "the unit's remediation report page for 12/TB-HĐND",
    route: unitRemediationPage,
    path: () => `/notices/${ids.seed001Notice}/remediation`,
    params: () => ({ noticeId: String(ids.seed001Notice) }),
    expect: BINH_AN_UNIT_ONLY,
  },
  {
    name: "the unit's draft remediation report PDF for 12/TB-HĐND",
    route: unitRemediationPdf,
    path: () => `/notices/${ids.seed001Notice}/remediation.pdf`,
    params: () => ({ noticeId: String(ids.seed001Notice) }),
    expect: BINH_AN_UNIT_ONLY,
  },
);

function classify(result: { status: number; location: string | null }): Outcome | string {
  if (result.status === 200) return "ok";
  if (result.status === 403) return "forbidden";
  if (result.status === 302 && result.location?.startsWith("/login")) return "login";
  return `status ${result.status}`;
}

describe.each(READS)("GET $name", (c) => {
  it.each(ACTORS)("as %s", async (actor) => {
    const result = await load(c.route, { path: c.path(), params: c.params?.(), cookie: cookies.get(actor) });
    expect(classify(result)).toBe(c.expect[actor]);
    if (c.expect[actor] === "forbidden") {
      // A refusal carries a message, never the data.
      expect(typeof result.data).toBe("string");
      expect(String(result.data)).toMatch(/quyền/);
    }
  });
});

async function snapshot() {
  const [row] = rowsOf<{ units: string; users: string; audit: string }>(
    await handle.db.execute(sql`select (select md5(string_agg(u::text, ',' order by id)) from units u) as units,
               (select md5(string_agg(u::text, ',' order by id)) from users u) as users,
               (select count(*) from audit_log)::text as audit`),
  );
  return row;
}

const WRITES: { name: string; route: Case["route"]; path: () => string; params?: () => Record<string, string>; form: () => Record<string, unknown> }[] = [
  {
    name: "create a unit",
    route: unitsNew,
    path: () => "/admin/units/new",
    form: () => ({ name: "Đơn vị lạ", kind: "other", parentId: null, placeName: "", code: "", active: true }),
  },
  {
    name: "rename UBND xã Phổ Châu",
    route: unitsEdit,
    path: () => `/admin/units/${ids.ubndPhoChau}`,
    params: () => ({ unitId: String(ids.ubndPhoChau) }),
    form: () => ({ name: "Bị đổi tên", kind: "people_committee", parentId: null, placeName: "", code: "", active: true }),
  },
  {
    name: "create a user",
    route: usersNew,
    path: () => "/admin/users/new",
    form: () => ({ username: "ke.la", fullName: "Kẻ Lạ", title: "", unitId: ids.ubndPhoChau, role: "admin", email: "", password: "mat-khau-moi-1", active: true }),
  },
  {
    name: "make the Phổ Châu user an administrator",
    route: usersEdit,
    path: () => `/admin/users/${ids.userPhoChau}`,
    params: () => ({ userId: String(ids.userPhoChau) }),
    form: () => ({ username: "ubnd.phochau", fullName: "Phạm Thị Hoa", title: "", unitId: ids.ubndPhoChau, role: "admin", email: "", active: true }),
  },
  {
    name: "reset the Phổ Châu user's password",
    route: usersPassword,
    path: () => `/admin/users/${ids.userPhoChau}/password`,
    params: () => ({ userId: String(ids.userPhoChau) }),
    form: () => ({ password: "chiem-quyen-123", confirm: "chiem-quyen-123" }),
  },
];

describe.each(WRITES)("POST $name", (w) => {
  it.each(ACTORS.filter((a) => a !== "quantri"))("is refused to %s and changes nothing", async (actor) => {
    const before = await snapshot();
    const result = await act(w.route, { path: w.path(), params: w.params?.(), cookie: cookies.get(actor), form: w.form() });
    expect(classify(result)).toBe(actor === "anonymous" ? "login" : "forbidden");
    expect(await snapshot()).toEqual(before);
  });
});

describe("what each role's lists contain", () => {
  it("a unit user's plan list holds only plans that visit their unit", async () => {
    const result = await load(plansIndex, { path: "/plans", cookie: cookies.get("ubnd.phochau") });
    const plans = (result.data as { plans: { subject: string; issuingUnitName: string }[] }).plans;
    expect(plans.length).toBe(1);
    expect(plans[0].issuingUnitName).toBe("HĐND xã Phổ Châu");
  });

  it("a team member's plan list holds only the plans they belong to", async () => {
    const result = await load(plansIndex, { path: "/plans", cookie: cookies.get("nhung.vt") });
    const plans = (result.data as { plans: { issuingUnitName: string }[] }).plans;
    expect(plans.length).toBe(2);
    expect(new Set(plans.map((p) => p.issuingUnitName))).toEqual(new Set(["HĐND phường Bình An"]));
  });

  it("the committee of one ward sees the recommendations of its ward only", async () => {
    const result = await load(home, { path: "/", cookie: cookies.get("tt.dian") });
    const data = result.data as { home: { role: string; open: { addressedUnitName: string }[] } };
    expect(data.home.role).toBe("committee");
    expect(data.home.open.length).toBeGreaterThan(0);
    expect(new Set(data.home.open.map((r) => r.addressedUnitName))).toEqual(new Set(["UBND phường Dĩ An"]));
  });

  it("a unit user's home lists only recommendations addressed to their unit", async () => {
    const result = await load(home, { path: "/", cookie: cookies.get("ubnd.binhan") });
    const data = result.data as { home: { role: string; open: { addressedUnitName: string; text: string }[] } };
    expect(data.home.role).toBe("unit");
    // Seed 001's notice: three recommendations, one already accepted.
    expect(data.home.open.map((r) => r.addressedUnitName)).toEqual(["UBND phường Bình An", "UBND phường Bình An"]);
  });
});
