/**
 * User administration through the model functions: unique user names, the committee's unit, no
 * password hash leaving the model, no self-lockout, sessions ended when powers change, and the
 * audit trail.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { auditLog, users } from "#db/schema";
import type { Actor } from "~/auth/actor";
import { verifyPassword } from "~/auth/password.server";
import { DomainError } from "~/models/errors.server";
import { createSession, getActorForSession } from "~/models/session.server";
import { createUser, getUser, listUsers, resetPassword, updateUser, verifyLogin } from "~/models/user.server";
import type { UserCreateValues, UserUpdateValues } from "~/schemas/user";
import { makeUnit, makeUser } from "#tests/factories";
import { actorFor } from "#tests/support/actors";
import { freshDatabase } from "#tests/support/database";
import { refusedBy, rejectionOf } from "#tests/support/failures";

let handle: DatabaseHandle;
let admin: Actor;
let secondAdmin: Actor;
let committee: Actor;
let unitActor: Actor;
const unitIds = {} as Record<"province" | "ward" | "council" | "ban" | "ubnd" | "oneStop" | "otherUbnd", number>;
let serial = 0;

function username(prefix: string) {
  serial += 1;
  return `${prefix}.${serial}`;
}

function createValues(values: Partial<UserCreateValues> = {}): UserCreateValues {
  return {
    username: username("nguoi.dung"),
    fullName: "Nguyễn Văn A",
    title: "",
    unitId: unitIds.ubnd,
    role: "unit",
    email: "",
    active: true,
    password: "mat-khau-ban-dau",
    ...values,
  };
}

/** A user that already exists (factory: cached password hash, no audit row). */
async function existingUser(values: { username?: string; role?: UserCreateValues["role"]; unitId?: number; password?: string } = {}) {
  return makeUser(handle.db, {
    username: values.username ?? username("co.san"),
    fullName: "Nguyễn Văn A",
    role: values.role ?? "unit",
    unitId: values.unitId ?? unitIds.ubnd,
    password: values.password,
  });
}

/** The form of an existing user, as the edit page would send it back. */
async function updateValuesOf(userId: number, changes: Partial<UserUpdateValues> = {}): Promise<UserUpdateValues> {
  const [row] = await handle.db.select().from(users).where(eq(users.id, userId));
  return {
    username: row.username,
    fullName: row.fullName,
    title: row.title,
    unitId: row.unitId,
    role: row.role,
    email: row.email ?? "",
    active: row.active,
    ...changes,
  };
}

async function userRow(id: number) {
  const [row] = await handle.db.select().from(users).where(eq(users.id, id));
  return row;
}

async function auditFor(id: number) {
  return handle.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, "user"), eq(auditLog.entityId, String(id))))
    .orderBy(asc(auditLog.id));
}

async function auditCount() {
  const [row] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(auditLog);
  return Number(row.n);
}

async function expectDomainError(work: Promise<unknown>, field: string | undefined, message: string | RegExp, status = 400) {
  const error = await rejectionOf(work);
  expect(error).toBeInstanceOf(DomainError);
  const domain = error as DomainError;
  expect(domain.field).toBe(field);
  expect(domain.status).toBe(status);
  if (typeof message === "string") expect(domain.message).toBe(message);
  else expect(domain.message).toMatch(message);
}

beforeAll(async () => {
  handle = await freshDatabase();
  const db = handle.db;
  unitIds.province = (await makeUnit(db, { name: "Tỉnh Thử Nghiệm", kind: "province" })).id;
  unitIds.ward = (await makeUnit(db, { name: "Phường Hòa Bình", kind: "commune", parentId: unitIds.province })).id;
  unitIds.council = (await makeUnit(db, { name: "HĐND phường Hòa Bình", kind: "people_council", parentId: unitIds.ward })).id;
  unitIds.ban = (await makeUnit(db, { name: "Ban Kinh tế - Xã hội", kind: "council_committee", parentId: unitIds.council })).id;
  unitIds.ubnd = (await makeUnit(db, { name: "UBND phường Hòa Bình", kind: "people_committee", parentId: unitIds.ward })).id;
  unitIds.oneStop = (await makeUnit(db, { name: "Bộ phận Một cửa phường Hòa Bình", kind: "public_service_center", parentId: unitIds.ubnd })).id;
  unitIds.otherUbnd = (await makeUnit(db, { name: "UBND xã Tân Lập", kind: "people_committee", parentId: unitIds.province })).id;
  admin = await actorFor((await makeUser(db, { username: "qt.users", fullName: "Quản trị", role: "admin", unitId: unitIds.province })).id);
  secondAdmin = await actorFor((await makeUser(db, { username: "qt.hai", fullName: "Quản trị hai", role: "admin", unitId: unitIds.province })).id);
  committee = await actorFor((await makeUser(db, { username: "tt.users", fullName: "Thường trực", role: "committee", unitId: unitIds.council })).id);
  unitActor = await actorFor((await makeUser(db, { username: "dv.users", fullName: "Đơn vị", role: "unit", unitId: unitIds.ubnd })).id);
});

afterAll(async () => {
  await handle?.close();
});

describe("user names are unique whatever their case", () => {
  it("createUser refuses a name that differs only in case, on field username", async () => {
    const first = await createUser(admin, createValues({ username: "tran.thi.b" }));
    expect(first.username).toBe("tran.thi.b");
    const auditBefore = await auditCount();
    await expectDomainError(createUser(admin, createValues({ username: "Tran.Thi.B" })), "username", "Tên đăng nhập này đã được dùng.");
    await expectDomainError(createUser(admin, createValues({ username: "tran.thi.b" })), "username", "Tên đăng nhập này đã được dùng.");
    const [{ n }] = await handle.db
      .select({ n: sql<number>`count(*)::int` })
      .from(users)
      .where(sql`lower(${users.username}) = 'tran.thi.b'`);
    expect(Number(n)).toBe(1);
    expect(await auditCount()).toBe(auditBefore);
  });

  it("the database itself refuses a name that differs only in case", async () => {
    await existingUser({ username: "le.van.c" });
    // Bypass the model's lower-casing: the unique index on lower(username) still holds.
    const refusal = await refusedBy(
      handle.db.execute(
        sql`insert into users (username, full_name, unit_id, role, password_hash) values ('LE.VAN.C', 'x', ${unitIds.ubnd}, 'unit', 'x')`,
      ),
    );
    // The shape check (lower case only) or the unique index: either way the database says no.
    expect(["23505", "23514"]).toContain(refusal.code);
    const dup = await refusedBy(handle.db.execute(sql`update users set username = 'le.van.c' where username = 'tran.thi.b'`));
    expect(dup).toMatchObject({ code: "23505", constraint: "users_username_key" });
  });

  it("updateUser refuses renaming a user to a taken name, and keeps the old name", async () => {
    await existingUser({ username: "pham.d" });
    const other = await existingUser({ username: "pham.e" });
    await expectDomainError(
      updateUser(admin, other.id, await updateValuesOf(other.id, { username: "PHAM.D" })),
      "username",
      "Tên đăng nhập này đã được dùng.",
    );
    expect((await userRow(other.id)).username).toBe("pham.e");
  });

  it("stores the user name in lower case and the full name NFC", async () => {
    const user = await createUser(admin, createValues({ username: "Hoang.Thi.G", fullName: "Hoàng Thị Giang".normalize("NFD") }));
    const row = await userRow(user.id);
    expect(row.username).toBe("hoang.thi.g");
    expect(row.fullName).toBe("Hoàng Thị Giang");
  });
});

describe("a committee user sits in a council", () => {
  it.each([
    ["people_council", "council"],
    ["council_committee", "ban"],
  ] as const)("createUser accepts a committee user in a %s", async (_kind, unit) => {
    const user = await createUser(admin, createValues({ role: "committee", unitId: unitIds[unit] }));
    expect(user.role).toBe("committee");
    expect(user.unitId).toBe(unitIds[unit]);
  });

  it.each([
    ["people_committee", "ubnd"],
    ["public_service_center", "oneStop"],
    ["commune", "ward"],
    ["province", "province"],
  ] as const)("createUser refuses a committee user in a %s, on field unitId", async (_kind, unit) => {
    const name = username("tt.sai");
    await expectDomainError(
      createUser(admin, createValues({ username: name, role: "committee", unitId: unitIds[unit] })),
      "unitId",
      "Người dùng Thường trực HĐND phải thuộc một HĐND hoặc Ban của HĐND.",
    );
    expect(await handle.db.select().from(users).where(eq(users.username, name))).toEqual([]);
  });

  it("updateUser refuses making a unit user a committee user without moving them to a council", async () => {
    const user = await existingUser();
    await expectDomainError(
      updateUser(admin, user.id, await updateValuesOf(user.id, { role: "committee" })),
      "unitId",
      "Người dùng Thường trực HĐND phải thuộc một HĐND hoặc Ban của HĐND.",
    );
    expect((await userRow(user.id)).role).toBe("unit");
    // Moving them to the council in the same edit is accepted.
    const updated = await updateUser(admin, user.id, await updateValuesOf(user.id, { role: "committee", unitId: unitIds.council }));
    expect(updated).toMatchObject({ role: "committee", unitId: unitIds.council });
  });

  it("updateUser refuses moving a committee user out of the council", async () => {
    const user = await existingUser({ role: "committee", unitId: unitIds.ban });
    await expectDomainError(
      updateUser(admin, user.id, await updateValuesOf(user.id, { unitId: unitIds.ubnd })),
      "unitId",
      "Người dùng Thường trực HĐND phải thuộc một HĐND hoặc Ban của HĐND.",
    );
    expect((await userRow(user.id)).unitId).toBe(unitIds.ban);
  });

  it("refuses a unit that does not exist, on field unitId", async () => {
    await expectDomainError(createUser(admin, createValues({ unitId: 999_999 })), "unitId", "Đơn vị không tồn tại.");
  });
});

describe("the password hash never leaves the model", () => {
  it("listUsers, getUser, createUser and updateUser return no hash", async () => {
    const created = await createUser(admin, createValues({ password: "mot-mat-khau-rieng" }));
    const stored = (await userRow(created.id)).passwordHash;
    expect(stored).toMatch(/^scrypt\$/);
    expect(await verifyPassword("mot-mat-khau-rieng", stored)).toBe(true);

    const updated = await updateUser(admin, created.id, await updateValuesOf(created.id, { fullName: "Tên mới" }));
    const listed = await listUsers(admin);
    const found = await getUser(admin, created.id);
    expect(listed.some((u) => u.id === created.id)).toBe(true);
    expect(found).not.toBeNull();

    for (const value of [created, updated, found, ...listed]) {
      expect(value).not.toHaveProperty("passwordHash");
      expect(value).not.toHaveProperty("password");
      expect(JSON.stringify(value)).not.toContain("scrypt$");
    }
  });

  it("listUsers filters by name, role and unit", async () => {
    await createUser(admin, createValues({ username: "loc.ten", fullName: "Đặng Thị Hạnh", unitId: unitIds.otherUbnd }));
    const byName = await listUsers(admin, { q: "Hạnh".normalize("NFD") });
    expect(byName.map((u) => u.username)).toEqual(["loc.ten"]);
    const byUnit = await listUsers(admin, { unitId: unitIds.otherUbnd });
    expect(byUnit.map((u) => u.username)).toEqual(["loc.ten"]);
    const admins = await listUsers(admin, { role: "admin" });
    expect(new Set(admins.map((u) => u.username))).toEqual(new Set(["qt.users", "qt.hai"]));
  });
});

describe("an administrator cannot lock themself out", () => {
  it("refuses deactivating oneself, and changes nothing", async () => {
    const before = await userRow(admin.id);
    await expectDomainError(
      updateUser(admin, admin.id, await updateValuesOf(admin.id, { active: false })),
      "role",
      "Bạn không thể tự khóa hoặc tự bỏ quyền quản trị của mình.",
    );
    expect(await userRow(admin.id)).toEqual(before);
  });

  it.each(["committee", "team_member", "unit"] as const)("refuses demoting oneself to %s", async (role) => {
    const before = await userRow(admin.id);
    await expectDomainError(
      updateUser(admin, admin.id, await updateValuesOf(admin.id, { role, unitId: unitIds.council })),
      "role",
      "Bạn không thể tự khóa hoặc tự bỏ quyền quản trị của mình.",
    );
    expect(await userRow(admin.id)).toEqual(before);
  });

  it("still lets an administrator edit their own profile, and another administrator demote them", async () => {
    const own = await updateUser(admin, admin.id, await updateValuesOf(admin.id, { title: "Chuyên viên" }));
    expect(own.title).toBe("Chuyên viên");
    const target = await existingUser({ role: "admin", unitId: unitIds.province });
    const demoted = await updateUser(secondAdmin, target.id, await updateValuesOf(target.id, { role: "unit" }));
    expect(demoted.role).toBe("unit");
  });
});

describe("sessions end when a user's powers change", () => {
  async function userWithSessions() {
    const user = await existingUser({ password: "mat-khau-cu-123" });
    const sessions = [await createSession(user.id, "máy tính bảng"), await createSession(user.id, "máy tính")];
    for (const sid of sessions) expect(await getActorForSession(sid)).not.toBeNull();
    return { user, sessions };
  }

  async function bystanderSessions() {
    const bystander = await existingUser();
    const sid = await createSession(bystander.id, null);
    const adminSid = await createSession(admin.id, null);
    return [sid, adminSid];
  }

  async function expectEnded(sessions: string[]) {
    for (const sid of sessions) expect(await getActorForSession(sid)).toBeNull();
  }

  async function expectAlive(sessions: string[]) {
    for (const sid of sessions) expect(await getActorForSession(sid)).not.toBeNull();
  }

  it("resetPassword ends the user's sessions only, sets the new password and lifts a lock", async () => {
    const { user, sessions } = await userWithSessions();
    const others = await bystanderSessions();
    await handle.db.update(users).set({ failedLoginCount: 3, lockedUntil: new Date(Date.now() + 600_000) }).where(eq(users.id, user.id));

    await resetPassword(admin, user.id, "mat-khau-moi-456");

    await expectEnded(sessions);
    await expectAlive(others);
    const row = await userRow(user.id);
    expect(row.failedLoginCount).toBe(0);
    expect(row.lockedUntil).toBeNull();
    expect(await verifyLogin(user.username, "mat-khau-cu-123")).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyLogin(user.username, "mat-khau-moi-456")).toEqual({ ok: true, userId: user.id });
  });

  it("deactivation ends the user's sessions only", async () => {
    const { user, sessions } = await userWithSessions();
    const others = await bystanderSessions();
    await updateUser(admin, user.id, await updateValuesOf(user.id, { active: false }));
    await expectEnded(sessions);
    await expectAlive(others);
    // Reactivating does not bring the old sessions back.
    await updateUser(admin, user.id, await updateValuesOf(user.id, { active: true }));
    await expectEnded(sessions);
  });

  it("a role change ends the user's sessions only", async () => {
    const { user, sessions } = await userWithSessions();
    const others = await bystanderSessions();
    await updateUser(admin, user.id, await updateValuesOf(user.id, { role: "team_member" }));
    await expectEnded(sessions);
    await expectAlive(others);
  });

  it("a unit change ends the user's sessions only", async () => {
    const { user, sessions } = await userWithSessions();
    const others = await bystanderSessions();
    await updateUser(admin, user.id, await updateValuesOf(user.id, { unitId: unitIds.oneStop }));
    await expectEnded(sessions);
    await expectAlive(others);
  });

  it("a change of name, title or e-mail keeps the sessions", async () => {
    const { user, sessions } = await userWithSessions();
    await updateUser(admin, user.id, await updateValuesOf(user.id, { fullName: "Tên khác", title: "Công chức", email: "a@example.vn" }));
    await expectAlive(sessions);
  });
});

describe("audit trail", () => {
  it("records create, update and password reset with the actor, and never the password", async () => {
    const user = await createUser(admin, createValues({ password: "bi-mat-khong-ghi" }));
    await updateUser(admin, user.id, await updateValuesOf(user.id, { fullName: "Đổi tên" }));
    await updateUser(admin, user.id, await updateValuesOf(user.id, { active: false }));
    await resetPassword(admin, user.id, "bi-mat-moi-khong-ghi");

    const rows = await auditFor(user.id);
    expect(rows.map((r) => [r.actorId, r.action, r.entity])).toEqual([
      [admin.id, "create", "user"],
      [admin.id, "update", "user"],
      [admin.id, "update", "user"],
      [admin.id, "reset_password", "user"],
    ]);
    expect(rows[0].data).toMatchObject({ username: user.username, role: "unit" });
    expect(rows[1].data).toMatchObject({ before: { fullName: "Nguyễn Văn A" }, after: { fullName: "Đổi tên" } });
    expect(rows[2].data).toMatchObject({ before: { active: true }, after: { active: false } });
    const text = JSON.stringify(rows.map((r) => r.data));
    expect(text).not.toContain("bi-mat");
    expect(text).not.toContain("scrypt$");
  });

  it("a refused change leaves no audit row", async () => {
    const before = await auditCount();
    await rejectionOf(updateUser(admin, admin.id, await updateValuesOf(admin.id, { active: false })));
    await rejectionOf(createUser(admin, createValues({ role: "committee", unitId: unitIds.ubnd })));
    expect(await auditCount()).toBe(before);
  });

  it("updating or resetting a user that does not exist is a 404", async () => {
    await expectDomainError(updateUser(admin, 999_999, createValues()), undefined, "Người dùng không tồn tại.", 404);
    await expectDomainError(resetPassword(admin, 999_999, "mat-khau-moi-1"), undefined, "Người dùng không tồn tại.", 404);
  });
});

describe("only the administrator manages users", () => {
  it.each([
    ["committee", () => committee],
    ["unit", () => unitActor],
  ])("a %s actor gets 403 from every user function and nothing changes", async (_role, actor) => {
    const target = await existingUser();
    const before = await userRow(target.id);
    const sid = await createSession(target.id, null);
    const auditBefore = await auditCount();
    for (const attempt of [
      () => listUsers(actor()),
      () => getUser(actor(), target.id),
      () => createUser(actor(), createValues({ role: "admin" })),
      () => updateUser(actor(), target.id, { ...createValues(), username: target.username, role: "admin" }),
      () => updateUser(actor(), actor().id, { ...createValues(), username: actor().username, role: "admin", unitId: actor().unitId }),
      () => resetPassword(actor(), target.id, "chiem-quyen-123"),
    ]) {
      const error = await rejectionOf(attempt);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).status).toBe(403);
      expect((error as DomainError).message).toBe("Chỉ quản trị hệ thống được quản lý người dùng.");
    }
    expect(await userRow(target.id)).toEqual(before);
    expect(await getActorForSession(sid)).not.toBeNull();
    expect(await auditCount()).toBe(auditBefore);
  });
});
