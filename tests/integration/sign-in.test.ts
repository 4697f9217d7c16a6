/**
 * verifyLogin against a real database: answers, the failure counter, the 15-minute lock (also
 * under parallel guessing), and NFC normalisation of Vietnamese passwords.
 */
import { and, asc, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { auditLog, users } from "#db/schema";
import type * as PasswordModule from "~/auth/password.server";
import { LOCK_MINUTES, MAX_FAILED_LOGINS, verifyLogin } from "~/models/user.server";
import { makeUnit, makeUser } from "#tests/factories";
import { freshDatabase } from "#tests/support/database";

/**
 * verifyPassword is the real one; a test may hold one call back until it is released, to play
 * a guess that read the account before a lock was set and finishes after it.
 */
const gate = vi.hoisted(() => ({ holdNext: null as Promise<void> | null, held: 0 }));
vi.mock("~/auth/password.server", async (importOriginal) => {
  const real = await importOriginal<typeof PasswordModule>();
  return {
    ...real,
    verifyPassword: async (password: string, stored: string) => {
      const hold = gate.holdNext;
      gate.holdNext = null;
      if (hold) gate.held += 1;
      const result = await real.verifyPassword(password, stored);
      if (hold) await hold;
      return result;
    },
  };
});

const PASSWORD = "Giám sát 2024";
const MINUTE = 60_000;
let handle: DatabaseHandle;
let unitId: number;
let serial = 0;

async function account(options: { password?: string; active?: boolean } = {}) {
  serial += 1;
  const user = await makeUser(handle.db, {
    username: `dang.nhap.${serial}`,
    fullName: "Người đăng nhập",
    role: "unit",
    unitId,
    password: options.password ?? PASSWORD,
  });
  if (options.active === false) await handle.db.update(users).set({ active: false }).where(eq(users.id, user.id));
  return user;
}

async function row(id: number) {
  const [r] = await handle.db.select().from(users).where(eq(users.id, id));
  return r;
}

async function auditActions(id: number) {
  const rows = await handle.db
    .select({ action: auditLog.action, actorId: auditLog.actorId })
    .from(auditLog)
    .where(and(eq(auditLog.entity, "user"), eq(auditLog.entityId, String(id))))
    .orderBy(asc(auditLog.id));
  return rows;
}

beforeAll(async () => {
  handle = await freshDatabase();
  unitId = (await makeUnit(handle.db, { name: "UBND phường Hòa Bình", kind: "people_committee" })).id;
});

afterAll(async () => {
  await handle?.close();
});

afterEach(() => {
  gate.holdNext = null;
  gate.held = 0;
});

describe("answers", () => {
  it("accepts the right password, whatever the case and spaces around the user name", async () => {
    const user = await account();
    expect(await verifyLogin(user.username, PASSWORD)).toEqual({ ok: true, userId: user.id });
    expect(await verifyLogin(`  ${user.username.toUpperCase()} `, PASSWORD)).toEqual({ ok: true, userId: user.id });
    expect(await auditActions(user.id)).toEqual([
      { action: "login", actorId: user.id },
      { action: "login", actorId: user.id },
    ]);
  });

  it("refuses a wrong password as invalid and counts it", async () => {
    const user = await account();
    expect(await verifyLogin(user.username, "sai mật khẩu")).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyLogin(user.username, PASSWORD.toUpperCase())).toEqual({ ok: false, reason: "invalid" });
    expect((await row(user.id)).failedLoginCount).toBe(2);
    expect((await row(user.id)).lockedUntil).toBeNull();
    expect(await auditActions(user.id)).toEqual([
      { action: "login_failed", actorId: null },
      { action: "login_failed", actorId: null },
    ]);
  });

  it("the right password resets the failure counter", async () => {
    const user = await account();
    for (let i = 0; i < MAX_FAILED_LOGINS - 1; i++) await verifyLogin(user.username, "sai");
    expect((await row(user.id)).failedLoginCount).toBe(MAX_FAILED_LOGINS - 1);
    expect((await verifyLogin(user.username, PASSWORD)).ok).toBe(true);
    expect((await row(user.id)).failedLoginCount).toBe(0);
    // So the next wrong guess starts again from one instead of locking the account.
    expect(await verifyLogin(user.username, "sai")).toEqual({ ok: false, reason: "invalid" });
    expect((await row(user.id)).failedLoginCount).toBe(1);
  });

  it("answers an unknown user name as invalid", async () => {
    expect(await verifyLogin("khong.ton.tai", PASSWORD)).toEqual({ ok: false, reason: "invalid" });
  });

  it("answers an inactive user as invalid, even with the right password", async () => {
    const user = await account({ active: false });
    expect(await verifyLogin(user.username, PASSWORD)).toEqual({ ok: false, reason: "invalid" });
    expect((await row(user.id)).failedLoginCount).toBe(0);
    expect(await auditActions(user.id)).toEqual([]);
  });
});

describe("locking after repeated failures", () => {
  it(`locks for ${LOCK_MINUTES} minutes at the ${MAX_FAILED_LOGINS}th wrong password in a row`, async () => {
    const user = await account();
    const now = new Date("2024-05-02T02:00:00Z");
    for (let i = 1; i < MAX_FAILED_LOGINS; i++) {
      expect(await verifyLogin(user.username, `sai ${i}`, now)).toEqual({ ok: false, reason: "invalid" });
    }
    const result = await verifyLogin(user.username, "sai lần cuối", now);
    expect(result.ok).toBe(false);
    expect(result).toMatchObject({ reason: "locked" });
    const until = (result as { until: Date }).until;
    expect(until).toBeInstanceOf(Date);
    expect(Math.abs(until.getTime() - (now.getTime() + LOCK_MINUTES * MINUTE))).toBeLessThan(1_000);
    expect((await row(user.id)).lockedUntil?.getTime()).toBe(until.getTime());
  });

  it("refuses the right password while locked, and accepts it once the lock has run out", async () => {
    const user = await account();
    const now = new Date("2024-05-02T02:00:00Z");
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) await verifyLogin(user.username, "sai", now);
    const until = (await row(user.id)).lockedUntil!;
    expect(until).not.toBeNull();

    for (const later of [1, LOCK_MINUTES - 1]) {
      const result = await verifyLogin(user.username, PASSWORD, new Date(now.getTime() + later * MINUTE));
      expect(result).toEqual({ ok: false, reason: "locked", until });
    }
    const afterLock = new Date(now.getTime() + (LOCK_MINUTES + 1) * MINUTE);
    expect(await verifyLogin(user.username, PASSWORD, afterLock)).toEqual({ ok: true, userId: user.id });
    const after = await row(user.id);
    expect(after.failedLoginCount).toBe(0);
    expect(after.lockedUntil).toBeNull();
  });

  it("counts afresh once a lock has run out: one wrong guess does not lock again", async () => {
    const user = await account();
    const now = new Date("2024-05-02T02:00:00Z");
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) await verifyLogin(user.username, "sai", now);
    const afterLock = new Date(now.getTime() + (LOCK_MINUTES + 1) * MINUTE);
    expect(await verifyLogin(user.username, "sai", afterLock)).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyLogin(user.username, PASSWORD, afterLock)).toEqual({ ok: true, userId: user.id });
  });

  it("a locked account answers locked without checking the password", async () => {
    const user = await account();
    const now = new Date("2024-05-02T02:00:00Z");
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) await verifyLogin(user.username, "sai", now);
    const before = await auditActions(user.id);
    const result = await verifyLogin(user.username, "sai nữa", new Date(now.getTime() + MINUTE));
    expect(result).toMatchObject({ ok: false, reason: "locked" });
    // Guesses during the lock are not even tried, so they leave no trail and change nothing.
    expect(await auditActions(user.id)).toEqual(before);
  });

  it("8 wrong passwords fired in parallel still end with the account locked", async () => {
    const user = await account();
    const now = new Date("2024-05-02T02:00:00Z");
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => verifyLogin(user.username, `song song ${i}`, now)));
    expect(results.every((r) => !r.ok)).toBe(true);
    expect(results.some((r) => !r.ok && r.reason === "locked")).toBe(true);

    const locked = await row(user.id);
    expect(locked.lockedUntil).not.toBeNull();
    expect(locked.lockedUntil!.getTime()).toBeGreaterThan(now.getTime());
    const later = new Date(now.getTime() + MINUTE);
    expect(await verifyLogin(user.username, PASSWORD, later)).toMatchObject({ ok: false, reason: "locked" });
  });

  it("a guess that read the account before the lock and finishes after it does not lift the lock", async () => {
    const user = await account();
    const now = new Date("2024-05-02T02:00:00Z");
    let release!: () => void;
    gate.holdNext = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The straggler reads the unlocked account first, then waits inside the password check.
    const straggler = verifyLogin(user.username, "kẻ đến muộn", now);
    await vi.waitFor(() => expect(gate.held).toBe(1));
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) await verifyLogin(user.username, `sai ${i}`, now);
    expect((await row(user.id)).lockedUntil).not.toBeNull();

    release();
    const late = await straggler;
    expect(late.ok).toBe(false);
    const after = await row(user.id);
    expect(after.lockedUntil).not.toBeNull();
    expect(after.lockedUntil!.getTime()).toBe(now.getTime() + LOCK_MINUTES * MINUTE);
    expect(await verifyLogin(user.username, PASSWORD, new Date(now.getTime() + MINUTE))).toMatchObject({ ok: false, reason: "locked" });
  });
});

describe("Vietnamese passwords", () => {
  it("accepts the decomposed (NFD) form of a composed password, and the reverse", async () => {
    const composed = "Hội đồng nhân dân phường Bình An";
    const decomposed = composed.normalize("NFD");
    expect(decomposed).not.toBe(composed);

    const storedComposed = await account({ password: composed });
    expect(await verifyLogin(storedComposed.username, decomposed)).toEqual({ ok: true, userId: storedComposed.id });

    const storedDecomposed = await account({ password: decomposed });
    expect(await verifyLogin(storedDecomposed.username, composed)).toEqual({ ok: true, userId: storedDecomposed.id });
  });

  it("still tells apart passwords that differ only in their marks", async () => {
    const user = await account({ password: "mật khẩu" });
    expect(await verifyLogin(user.username, "mat khau")).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyLogin(user.username, "mắt khẩu")).toEqual({ ok: false, reason: "invalid" });
  });
});
