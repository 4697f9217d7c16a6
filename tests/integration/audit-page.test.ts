import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { makeUnit, makeUser } from "#tests/factories";
import { freshDatabase } from "#tests/support/database";
import { act, load, signIn } from "#tests/support/requests";
import { addDays } from "~/domain/deadlines";
import { vietnamDate } from "~/domain/vietnamese";
import * as auditPage from "~/routes/admin.audit";
import * as unitsNew from "~/routes/admin.units.new";

let handle: DatabaseHandle;
let admin: string;

type Entry = { action: string; entity: string; entityId: string | null; actorName: string | null; data: string };
const entriesOf = (data: unknown) => (data as { entries: Entry[] }).entries;

beforeAll(async () => {
  handle = await freshDatabase();
  const root = await makeUnit(handle.db, { name: "Tỉnh Thử", kind: "province" });
  const council = await makeUnit(handle.db, { name: "HĐND tỉnh Thử", kind: "people_council", parentId: root.id });
  await makeUser(handle.db, { username: "qt.thu", fullName: "Quản Trị Thử", role: "admin", unitId: council.id, password: "mat-khau-qt-1" });
  admin = await signIn("qt.thu", "mat-khau-qt-1");
  const created = await act(unitsNew, {
    path: "/admin/units/new",
    cookie: admin,
    form: { name: "Phường Nhật Ký", kind: "commune", parentId: root.id, placeName: "Nhật Ký", code: "", active: true },
  });
  expect(created.status).toBe(302);
});

afterAll(async () => {
  await handle?.close();
});

describe("the audit log page", () => {
  it("shows who created what, newest first", async () => {
    const result = await load(auditPage, { path: "/admin/audit", cookie: admin });
    const entries = entriesOf(result.data);
    expect(entries[0]).toMatchObject({ action: "create", entity: "unit", actorName: "Quản Trị Thử" });
    expect(entries[0].data).toContain("Phường Nhật Ký");
    expect(entries.some((e) => e.action === "login" && e.entity === "user")).toBe(true);
  });

  it("filters by kind of record", async () => {
    const result = await load(auditPage, { path: "/admin/audit?entity=user", cookie: admin });
    const entries = entriesOf(result.data);
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((e) => e.entity === "user")).toBe(true);
  });

  it("filters by a Vietnam calendar day", async () => {
    const today = vietnamDate();
    const todays = entriesOf((await load(auditPage, { path: `/admin/audit?day=${today}`, cookie: admin })).data);
    expect(todays.some((e) => e.action === "create" && e.entity === "unit")).toBe(true);
    const yesterday = entriesOf((await load(auditPage, { path: `/admin/audit?day=${addDays(today, -1)}`, cookie: admin })).data);
    expect(yesterday).toEqual([]);
  });

  it("ignores a malformed filter instead of failing", async () => {
    const result = await load(auditPage, { path: "/admin/audit?day=31/12/2024&entity=%27%3B--", cookie: admin });
    expect(result.status).toBe(200);
    expect(entriesOf(result.data)).toEqual([]);
  });
});
