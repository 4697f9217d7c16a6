/**
 * Bad input, property-based: every action of the administration, the account and sign-in pages and
 * the notifications, each intent on its own, posted by an actor allowed to post there with forms
 * whose fields are replaced by hostile values (tests/support/hostile-values.ts). Every answer is a
 * success or a Vietnamese refusal that wrote nothing; stored text is NFC without control characters.
 */
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { checklistItems, checklistSections, notifications, units, users } from "#db/schema";
import { DEMO_PASSWORD, ensureDemoData } from "#db/seed";
import { makeChecklistTemplate, makeUnit, makeUser } from "#tests/factories";
import { freshDatabase } from "#tests/support/database";
import { type HostileFormCase, assertHostileForms, postAndJudge, talliesReport } from "#tests/support/hostile-values";
import { signIn } from "#tests/support/requests";
import * as accountPassword from "~/routes/account.password";
import * as adminSettings from "~/routes/admin.settings";
import * as templatePage from "~/routes/admin.templates.$templateId";
import * as unitEdit from "~/routes/admin.units.$unitId";
import * as unitNew from "~/routes/admin.units.new";
import * as userPassword from "~/routes/admin.users.$userId.password";
import * as userEdit from "~/routes/admin.users.$userId";
import * as userNew from "~/routes/admin.users.new";
import * as login from "~/routes/login";
import * as logout from "~/routes/logout";
import * as notificationsPage from "~/routes/notifications._index";
import { setVietnameseZodMessages } from "~/schemas/zod-vietnamese";

const RUNS = 20;

let handle: DatabaseHandle;
const cookies: Record<string, string> = {};
const ids: Record<string, number> = {};

beforeAll(async () => {
  // As the server does at start (app/entry.server.tsx): what the schemas leave to zod is Vietnamese too.
  setVietnameseZodMessages();
  handle = await freshDatabase();
  await ensureDemoData(handle.db);
  const db = handle.db;
  const [ward] = await db.select().from(units).where(eq(units.name, "Phường Bình An"));
  ids.ward = ward.id;
  const [committee] = await db.select().from(units).where(eq(units.name, "UBND phường Bình An"));
  ids.committee = committee.id;
  ids.unit = (await makeUnit(db, { name: "Tổ dân phố thử nghiệm", kind: "other", parentId: ward.id, placeName: "Bình An" })).id;
  ids.user = (await makeUser(db, { username: "thu.nghiem", fullName: "Người dùng thử nghiệm", role: "unit", unitId: committee.id })).id;
  const template = await makeChecklistTemplate(db, {
    code: "thu-nghiem-dau-vao",
    title: "Phiếu thử dữ liệu xấu",
    sections: [{ code: "A", title: "Phần A", items: [1, 2, 3, 4, 5, 6].map((n) => ({ code: `A${n}`, text: `Tiêu chí ${n}` })) }],
  });
  ids.template = template.template.id;
  const [section] = await db.select().from(checklistSections).where(eq(checklistSections.templateId, ids.template));
  ids.section = section.id;
  const [lan] = await db.select().from(users).where(eq(users.username, "motcua.binhan"));
  ids.lan = lan.id;
  await db.insert(notifications).values([1, 2, 3, 4, 5, 6].map((n) => ({ userId: lan.id, title: `Nhắc việc ${n}`, body: "Kiến nghị sắp đến hạn.", link: "/recommendations" })));
  for (const name of ["quantri", "tt.phochau", "motcua.binhan"]) cookies[name] = await signIn(name, DEMO_PASSWORD);
}, 120_000);

afterAll(async () => {
  console.info(talliesReport());
  await handle?.close();
});

async function lastItemId() {
  const [item] = await handle.db
    .select({ id: checklistItems.id })
    .from(checklistItems)
    .where(eq(checklistItems.sectionId, ids.section))
    .orderBy(desc(checklistItems.id))
    .limit(1);
  return item?.id ?? 1;
}

async function lastNotificationId(unread: boolean) {
  const rows = await handle.db.select().from(notifications).where(eq(notifications.userId, ids.lan)).orderBy(desc(notifications.id));
  return (rows.find((row) => (unread ? row.readAt === null : true)) ?? rows[0]).id;
}

const admin = (c: Omit<HostileFormCase, "cookie" | "encoding">): HostileFormCase => ({ ...c, cookie: cookies.quantri, encoding: "json" });

function templateCase(intent: string, base: () => Promise<Record<string, unknown>> | Record<string, unknown>): HostileFormCase {
  return admin({
    name: `admin.templates.$templateId ${intent}`,
    route: templatePage,
    path: `/admin/templates/${ids.template}`,
    params: { templateId: String(ids.template) },
    base,
  });
}

describe("hostile forms to the administration", { timeout: 180_000 }, () => {
  it("follow-up settings", async () => {
    const c = admin({
      name: "admin.settings",
      route: adminSettings,
      path: "/admin/settings",
      base: () => ({ dueSoonDays: "7", remindDaysBefore: "7, 1", overdueEveryDays: "7", escalateAfterDays: "7" }),
    });
    expect((await postAndJudge(handle.db, c, await c.base())).refused).toBe(false);
    await assertHostileForms(handle.db, c, RUNS);
  });

  it("new unit and unit edit", async () => {
    const unitForm = () => ({ name: "Tổ dân phố số 3", kind: "other", parentId: ids.ward, placeName: "Bình An", code: "TDP-3", active: true });
    const create = admin({ name: "admin.units.new", route: unitNew, path: "/admin/units/new", base: unitForm });
    expect((await postAndJudge(handle.db, create, unitForm())).refused).toBe(false);
    await assertHostileForms(handle.db, create, RUNS);
    const editForm = () => ({ ...unitForm(), name: "Tổ dân phố thử nghiệm", code: "" });
    const edit = admin({ name: "admin.units.$unitId", route: unitEdit, path: `/admin/units/${ids.unit}`, params: { unitId: String(ids.unit) }, base: editForm });
    expect((await postAndJudge(handle.db, edit, editForm())).refused).toBe(false);
    await assertHostileForms(handle.db, edit, RUNS);
  });

  it("new user, user edit and password reset", async () => {
    const userForm = () => ({ username: "nguoi.dung.moi", fullName: "Nguyễn Thị Mới", title: "Chuyên viên", unitId: ids.committee, role: "unit", email: "moi@example.vn", active: true });
    const create = admin({ name: "admin.users.new", route: userNew, path: "/admin/users/new", base: () => ({ ...userForm(), password: "MatKhau@2025" }) });
    expect((await postAndJudge(handle.db, create, await create.base())).refused).toBe(false);
    await assertHostileForms(handle.db, create, RUNS);
    const edit = admin({
      name: "admin.users.$userId",
      route: userEdit,
      path: `/admin/users/${ids.user}`,
      params: { userId: String(ids.user) },
      base: () => ({ ...userForm(), username: "thu.nghiem" }),
    });
    expect((await postAndJudge(handle.db, edit, await edit.base())).refused).toBe(false);
    await assertHostileForms(handle.db, edit, RUNS);
    const reset = admin({
      name: "admin.users.$userId.password",
      route: userPassword,
      path: `/admin/users/${ids.user}/password`,
      params: { userId: String(ids.user) },
      base: () => ({ password: "MatKhauMoi@2025", confirm: "MatKhauMoi@2025" }),
    });
    expect((await postAndJudge(handle.db, reset, await reset.base())).refused).toBe(false);
    await assertHostileForms(handle.db, reset, RUNS);
  });

  // Publish and retire last: a retired version takes no more edits in place.
  const TEMPLATE_INTENTS: [string, () => Promise<Record<string, unknown>> | Record<string, unknown>][] = [
    ["edit_item", async () => ({ intent: "edit_item", itemId: await lastItemId(), text: "Tiêu chí đã sửa", guidance: "Xem sổ theo dõi.", legalBasis: "", targetPercent: null })],
    [
      "add_item",
      () => ({ intent: "add_item", sectionId: ids.section, code: "Z1", text: "Tiêu chí mới", guidance: "", answerType: "tri_state", legalBasis: "", indicatorCode: null, targetPercent: null }),
    ],
    ["edit_title", () => ({ intent: "edit_title", title: "Phiếu thử dữ liệu xấu (sửa)", description: "Mô tả" })],
    ["remove_item", async () => ({ intent: "remove_item", itemId: await lastItemId() })],
    ["publish", () => ({ intent: "publish" })],
    ["retire", () => ({ intent: "retire" })],
  ];
  for (const [intent, base] of TEMPLATE_INTENTS) {
    it(`checklist template: ${intent}`, async () => {
      const c = templateCase(intent, base);
      expect((await postAndJudge(handle.db, c, await c.base())).result.status, c.name).toBeLessThan(500);
      await assertHostileForms(handle.db, c, RUNS);
    });
  }
});

describe("hostile forms to the account, sign-in and notification pages", { timeout: 180_000 }, () => {
  it("own password change", async () => {
    const c: HostileFormCase = {
      name: "account.password",
      route: accountPassword,
      path: "/account/password",
      cookie: cookies["tt.phochau"],
      encoding: "json",
      base: () => ({ current: DEMO_PASSWORD, password: "MatKhauMoi@2025", confirm: "MatKhauMoi@2025" }),
    };
    await assertHostileForms(handle.db, c, RUNS);
  });

  it("sign-in: a failed attempt is counted, nothing else is written", async () => {
    const c: HostileFormCase = {
      name: "login",
      route: login,
      path: "/login",
      encoding: "json",
      base: () => ({ username: "an.bd", password: DEMO_PASSWORD, redirectTo: "/plans" }),
      // Wrong passwords count towards the lock (users) and are audited; a malformed form writes nothing (400).
      mayWriteWhenRefused: ["users", "audit_log"],
      signedOutAllowed: true,
    };
    await assertHostileForms(handle.db, c, 15);
    const [anBd] = await handle.db.select().from(users).where(and(eq(users.username, "an.bd")));
    expect(anBd.active).toBe(true);
  });

  it("sign-out with any body", async () => {
    const c: HostileFormCase = { name: "logout", route: logout, path: "/logout", encoding: "json", base: () => ({}), signedOutAllowed: true };
    await assertHostileForms(handle.db, c, 10);
  });

  it("notifications: read, open, read all", async () => {
    const lan = (intent: string, base: () => Promise<Record<string, unknown>> | Record<string, unknown>): HostileFormCase => ({
      name: `notifications._index ${intent}`,
      route: notificationsPage,
      path: "/notifications",
      cookie: cookies["motcua.binhan"],
      encoding: "json",
      base,
    });
    await assertHostileForms(handle.db, lan("read", async () => ({ intent: "read", id: await lastNotificationId(true) })), RUNS);
    await assertHostileForms(handle.db, lan("open", async () => ({ intent: "open", id: await lastNotificationId(false) })), RUNS);
    await assertHostileForms(handle.db, lan("read_all", () => ({ intent: "read_all" })), 10);
  });
});
