/**
 * The unit tree through the administrator's model functions: paths, moves of whole subtrees,
 * refusals in Vietnamese that leave the database as it was, and the audit trail.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { auditLog, units } from "#db/schema";
import type { Actor } from "~/auth/actor";
import { DomainError } from "~/models/errors.server";
import { createUnit, updateUnit } from "~/models/unit.server";
import type { UnitFormValues } from "~/schemas/unit";
import { makeUnit, makeUser } from "#tests/factories";
import { actorFor } from "#tests/support/actors";
import { freshDatabase } from "#tests/support/database";
import { rejectionOf } from "#tests/support/failures";

let handle: DatabaseHandle;
let admin: Actor;
let committee: Actor;
let teamMember: Actor;
let unitUser: Actor;
let province: { id: number; path: string };

function form(values: Partial<UnitFormValues> & Pick<UnitFormValues, "name">): UnitFormValues {
  return { kind: "other", parentId: null, placeName: "", code: "", active: true, ...values };
}

async function unitRow(id: number) {
  const [row] = await handle.db.select().from(units).where(eq(units.id, id));
  return row;
}

async function allUnits() {
  return handle.db.select().from(units).orderBy(asc(units.id));
}

async function auditCount() {
  const [row] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(auditLog);
  return Number(row.n);
}

async function auditFor(id: number) {
  return handle.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, "unit"), eq(auditLog.entityId, String(id))))
    .orderBy(asc(auditLog.id));
}

beforeAll(async () => {
  handle = await freshDatabase();
  const db = handle.db;
  province = await makeUnit(db, { name: "Tỉnh Thử Nghiệm", kind: "province", code: "TN" });
  const ward = await makeUnit(db, { name: "Phường Hòa Bình", kind: "commune", parentId: province.id });
  const council = await makeUnit(db, { name: "HĐND phường Hòa Bình", kind: "people_council", parentId: ward.id });
  const ubnd = await makeUnit(db, { name: "UBND phường Hòa Bình", kind: "people_committee", parentId: ward.id });
  const adminUser = await makeUser(db, { username: "qt.units", fullName: "Quản trị", role: "admin", unitId: province.id });
  const committeeUser = await makeUser(db, { username: "tt.units", fullName: "Thường trực", role: "committee", unitId: council.id });
  const memberUser = await makeUser(db, { username: "tv.units", fullName: "Thành viên", role: "team_member", unitId: council.id });
  const unitAccount = await makeUser(db, { username: "dv.units", fullName: "Đơn vị", role: "unit", unitId: ubnd.id });
  admin = await actorFor(adminUser.id);
  committee = await actorFor(committeeUser.id);
  teamMember = await actorFor(memberUser.id);
  unitUser = await actorFor(unitAccount.id);
});

afterAll(async () => {
  await handle?.close();
});

describe("createUnit", () => {
  it("gives a root unit the path /<id>/", async () => {
    const unit = await createUnit(admin, form({ name: "Tỉnh Mới", kind: "province" }));
    expect(unit.path).toBe(`/${unit.id}/`);
    expect((await unitRow(unit.id)).path).toBe(`/${unit.id}/`);
  });

  it("gives a child the path of its parent followed by its own id", async () => {
    const ward = await createUnit(admin, form({ name: "Phường Tân Mỹ", kind: "commune", parentId: province.id }));
    expect(ward.path).toBe(`${province.path}${ward.id}/`);
    const ubnd = await createUnit(admin, form({ name: "UBND phường Tân Mỹ", kind: "people_committee", parentId: ward.id }));
    expect(ubnd.path).toBe(`/${province.id}/${ward.id}/${ubnd.id}/`);
    expect(ubnd.parentId).toBe(ward.id);
  });

  it("stores decomposed (NFD) text composed (NFC)", async () => {
    const nfcName = "Phường Bình An";
    const nfdName = nfcName.normalize("NFD");
    expect(nfdName).not.toBe(nfcName);
    const unit = await createUnit(
      admin,
      form({ name: nfdName, placeName: "Bình An".normalize("NFD"), kind: "commune", parentId: province.id, code: "NFD-TEST" }),
    );
    const row = await unitRow(unit.id);
    expect(row.name).toBe(nfcName);
    expect(row.placeName).toBe("Bình An");
    expect(row.name.normalize("NFC")).toBe(row.name);
  });

  it("keeps names NFC when a unit is renamed with decomposed text", async () => {
    const unit = await createUnit(admin, form({ name: "Xã Lộc", kind: "commune", parentId: province.id }));
    const renamed = await updateUnit(admin, unit.id, form({ name: "Xã Lộc Hưng".normalize("NFD"), kind: "commune", parentId: province.id }));
    expect(renamed.name).toBe("Xã Lộc Hưng");
    expect((await unitRow(unit.id)).name).toBe("Xã Lộc Hưng");
  });

  it("refuses a parent that does not exist, on field parentId", async () => {
    const error = await rejectionOf(createUnit(admin, form({ name: "Mồ côi", parentId: 999_999 })));
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).field).toBe("parentId");
    expect((error as DomainError).message).toBe("Đơn vị cấp trên không tồn tại.");
  });
});

describe("updateUnit moving a unit", () => {
  it("rewrites the paths of the whole subtree and nothing else", async () => {
    // province → A → B → C → D, and a second root X; move B under X.
    const a = await createUnit(admin, form({ name: "Đơn vị A", parentId: province.id }));
    const b = await createUnit(admin, form({ name: "Đơn vị B", parentId: a.id }));
    const c = await createUnit(admin, form({ name: "Đơn vị C", parentId: b.id }));
    const d = await createUnit(admin, form({ name: "Đơn vị D", parentId: c.id }));
    const c2 = await createUnit(admin, form({ name: "Đơn vị C2", parentId: b.id }));
    const sibling = await createUnit(admin, form({ name: "Đơn vị A2", parentId: a.id }));
    const x = await createUnit(admin, form({ name: "Đơn vị X", kind: "province" }));
    const before = await allUnits();

    const moved = await updateUnit(admin, b.id, form({ name: "Đơn vị B", parentId: x.id }));
    expect(moved.parentId).toBe(x.id);
    expect(moved.path).toBe(`/${x.id}/${b.id}/`);

    const after = new Map((await allUnits()).map((u) => [u.id, u]));
    expect(after.get(b.id)!.path).toBe(`/${x.id}/${b.id}/`);
    expect(after.get(c.id)!.path).toBe(`/${x.id}/${b.id}/${c.id}/`);
    expect(after.get(d.id)!.path).toBe(`/${x.id}/${b.id}/${c.id}/${d.id}/`);
    expect(after.get(c2.id)!.path).toBe(`/${x.id}/${b.id}/${c2.id}/`);
    // Parent links inside the subtree do not change; only B's does.
    expect(after.get(c.id)!.parentId).toBe(b.id);
    expect(after.get(d.id)!.parentId).toBe(c.id);
    // Every unit outside the subtree is untouched.
    const subtree = new Set([b.id, c.id, d.id, c2.id]);
    for (const unit of before.filter((u) => !subtree.has(u.id))) expect(after.get(unit.id)).toEqual(unit);
    expect(after.get(sibling.id)!.path).toBe(`${a.path}${sibling.id}/`);
    // Every path still matches its parent's.
    for (const unit of after.values()) {
      const expected = unit.parentId === null ? `/${unit.id}/` : `${after.get(unit.parentId)!.path}${unit.id}/`;
      expect(unit.path).toBe(expected);
    }
  });

  it("moves a subtree to the root", async () => {
    const a = await createUnit(admin, form({ name: "Gốc cũ", parentId: province.id }));
    const b = await createUnit(admin, form({ name: "Con", parentId: a.id }));
    await updateUnit(admin, a.id, form({ name: "Gốc cũ", parentId: null }));
    expect((await unitRow(a.id)).path).toBe(`/${a.id}/`);
    expect((await unitRow(b.id)).path).toBe(`/${a.id}/${b.id}/`);
  });

  it.each([
    ["under itself", "self"],
    ["under its child", "child"],
    ["under a deeper descendant", "grandchild"],
  ] as const)("refuses a move %s on field parentId and changes nothing", async (_label, target) => {
    const a = await createUnit(admin, form({ name: "Cha", parentId: province.id }));
    const child = await createUnit(admin, form({ name: "Con", parentId: a.id }));
    const grandchild = await createUnit(admin, form({ name: "Cháu", parentId: child.id }));
    const parentId = { self: a.id, child: child.id, grandchild: grandchild.id }[target];
    const unitsBefore = await allUnits();
    const auditBefore = await auditCount();

    const error = await rejectionOf(updateUnit(admin, a.id, form({ name: "Cha đổi tên", parentId })));
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).field).toBe("parentId");
    expect((error as DomainError).status).toBe(400);
    expect((error as DomainError).message).toBe("Không thể chuyển đơn vị vào chính nó hoặc đơn vị cấp dưới của nó.");

    expect(await allUnits()).toEqual(unitsBefore);
    expect(await auditCount()).toBe(auditBefore);
  });
});

describe("unit codes", () => {
  it("refuses a duplicate code on create, in Vietnamese, on field code", async () => {
    await createUnit(admin, form({ name: "Có mã", code: "MA-TRUNG" }));
    const countBefore = (await allUnits()).length;
    const auditBefore = await auditCount();
    const error = await rejectionOf(createUnit(admin, form({ name: "Trùng mã", code: "MA-TRUNG" })));
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).field).toBe("code");
    expect((error as DomainError).message).toBe("Mã đơn vị này đã được dùng.");
    expect((await allUnits()).length).toBe(countBefore);
    expect(await auditCount()).toBe(auditBefore);
  });

  it("refuses a duplicate code on update, on field code, and keeps the old code", async () => {
    await createUnit(admin, form({ name: "Mã một", code: "MA-MOT" }));
    const other = await createUnit(admin, form({ name: "Mã hai", code: "MA-HAI" }));
    const error = await rejectionOf(updateUnit(admin, other.id, form({ name: "Mã hai", code: "MA-MOT" })));
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).field).toBe("code");
    expect((error as DomainError).message).toBe("Mã đơn vị này đã được dùng.");
    expect((await unitRow(other.id)).code).toBe("MA-HAI");
  });

  it("allows many units without a code", async () => {
    const one = await createUnit(admin, form({ name: "Không mã 1", code: "" }));
    const two = await createUnit(admin, form({ name: "Không mã 2", code: "" }));
    expect(one.code).toBeNull();
    expect(two.code).toBeNull();
  });
});

describe("audit trail", () => {
  it("appends one row per create and per update, naming the actor", async () => {
    const start = await auditCount();
    const unit = await createUnit(admin, form({ name: "Được ghi vết", code: "AUDIT-1" }));
    expect(await auditCount()).toBe(start + 1);
    await updateUnit(admin, unit.id, form({ name: "Được ghi vết (đổi tên)", code: "AUDIT-1" }));
    expect(await auditCount()).toBe(start + 2);

    const rows = await auditFor(unit.id);
    expect(rows.map((r) => [r.actorId, r.action, r.entity, r.entityId])).toEqual([
      [admin.id, "create", "unit", String(unit.id)],
      [admin.id, "update", "unit", String(unit.id)],
    ]);
    expect(rows[0].data).toMatchObject({ name: "Được ghi vết", code: "AUDIT-1" });
    expect(rows[1].data).toMatchObject({
      before: { name: "Được ghi vết" },
      after: { name: "Được ghi vết (đổi tên)" },
    });
  });

  it("records a move", async () => {
    const a = await createUnit(admin, form({ name: "Sẽ chuyển", parentId: province.id }));
    const target = await createUnit(admin, form({ name: "Nơi đến" }));
    await updateUnit(admin, a.id, form({ name: "Sẽ chuyển", parentId: target.id }));
    const rows = await auditFor(a.id);
    expect(rows.at(-1)).toMatchObject({ actorId: admin.id, action: "update", entity: "unit" });
    expect(rows.at(-1)!.data).toMatchObject({ before: { parentId: province.id }, after: { parentId: target.id } });
  });
});

describe("only the administrator manages units", () => {
  it.each([
    ["committee", () => committee],
    ["team member", () => teamMember],
    ["unit", () => unitUser],
  ])("a %s actor gets 403 and nothing is written", async (_role, actor) => {
    const target = await createUnit(admin, form({ name: "Mục tiêu", parentId: province.id }));
    const unitsBefore = await allUnits();
    const auditBefore = await auditCount();

    for (const attempt of [
      () => createUnit(actor(), form({ name: "Lén tạo" })),
      () => updateUnit(actor(), target.id, form({ name: "Lén đổi tên", parentId: province.id })),
      () => updateUnit(actor(), target.id, form({ name: "Mục tiêu", parentId: null })),
    ]) {
      const error = await rejectionOf(attempt);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).status).toBe(403);
      expect((error as DomainError).message).toMatch(/quản trị/);
    }
    expect(await allUnits()).toEqual(unitsBefore);
    expect(await auditCount()).toBe(auditBefore);
  });
});
