import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { makeUnit, makeUser } from "#tests/factories";
import { freshDatabase } from "#tests/support/database";
import { act, load, signIn } from "#tests/support/requests";
import * as home from "~/routes/_index";
import * as accountPassword from "~/routes/account.password";
import * as logout from "~/routes/logout";

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await freshDatabase();
  const ward = await makeUnit(handle.db, { name: "Phường Thử", kind: "commune" });
  const committee = await makeUnit(handle.db, { name: "UBND phường Thử", kind: "people_committee", parentId: ward.id });
  await makeUser(handle.db, { username: "donvi.thu", fullName: "Người Thử", role: "unit", unitId: committee.id, password: "mat-khau-cu-1" });
});

afterAll(async () => {
  await handle?.close();
});

describe("changing one's own password", () => {
  it("refuses a wrong current password with a Vietnamese message and changes nothing", async () => {
    const cookie = await signIn("donvi.thu", "mat-khau-cu-1");
    const result = await act(accountPassword, { path: "/account/password", cookie, form: { current: "sai-roi-123", password: "mat-khau-moi-2", confirm: "mat-khau-moi-2" } });
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.data)).toContain("Mật khẩu hiện tại không đúng.");
    await expect(signIn("donvi.thu", "mat-khau-cu-1")).resolves.toMatch(/=/);
  });

  it("refuses a confirmation that does not match", async () => {
    const cookie = await signIn("donvi.thu", "mat-khau-cu-1");
    const result = await act(accountPassword, { path: "/account/password", cookie, form: { current: "mat-khau-cu-1", password: "mat-khau-moi-2", confirm: "mat-khau-moi-3" } });
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.data)).toContain("Hai lần nhập mật khẩu không khớp.");
  });

  it("keeps the session that changed it and ends the others", async () => {
    const here = await signIn("donvi.thu", "mat-khau-cu-1");
    const elsewhere = await signIn("donvi.thu", "mat-khau-cu-1");
    const result = await act(accountPassword, { path: "/account/password", cookie: here, form: { current: "mat-khau-cu-1", password: "mat-khau-moi-2", confirm: "mat-khau-moi-2" } });
    expect(result.status).toBe(200);
    expect((await load(home, { path: "/", cookie: here })).status).toBe(200);
    const other = await load(home, { path: "/", cookie: elsewhere });
    expect(other.status).toBe(302);
    expect(other.location).toBe("/login");
    await expect(signIn("donvi.thu", "mat-khau-cu-1")).rejects.toThrow(/sign-in of donvi.thu failed: 401/);
    await expect(signIn("donvi.thu", "mat-khau-moi-2")).resolves.toMatch(/=/);
  });
});

describe("signing out", () => {
  it("is a POST that ends the session on the server, not only in the browser", async () => {
    const cookie = await signIn("donvi.thu", "mat-khau-moi-2");
    const viaGet = await load(logout, { path: "/logout", cookie });
    expect(viaGet.status).toBe(302);
    expect((await load(home, { path: "/", cookie })).status).toBe(200);
    const result = await act(logout, { path: "/logout", cookie });
    expect(result.status).toBe(302);
    expect(result.location).toBe("/login");
    // The old cookie, replayed, no longer opens anything.
    const replay = await load(home, { path: "/", cookie });
    expect(replay.status).toBe(302);
  });
});
