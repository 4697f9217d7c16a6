import { and, asc, eq, ilike, or, sql } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import { units, users } from "#db/schema";
import type { Actor } from "~/auth/actor";
import { decoyHash, hashPassword, verifyPassword } from "~/auth/password.server";
import type { Role } from "~/auth/roles";
import { getDb } from "~/db.server";
import { cleanText } from "~/domain/vietnamese";
import { COUNCIL_KINDS, type UnitKind } from "~/schemas/unit";
import type { UserCreateValues, UserUpdateValues } from "~/schemas/user";
import { recordAudit } from "./audit.server";
import { DomainError, UNIQUE_VIOLATION, pgErrorCode } from "./errors.server";
import { deleteOtherSessions } from "./session.server";

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

/** Columns safe to send to a page: never the password hash. */
const publicColumns = {
  id: users.id,
  username: users.username,
  fullName: users.fullName,
  title: users.title,
  unitId: users.unitId,
  role: users.role,
  email: users.email,
  active: users.active,
  lockedUntil: users.lockedUntil,
  failedLoginCount: users.failedLoginCount,
  createdAt: users.createdAt,
};

function requireAdmin(actor: Actor) {
  if (actor.role !== "admin") throw new DomainError("Chỉ quản trị hệ thống được quản lý người dùng.", undefined, 403);
}

export type UserFilter = { q?: string; role?: Role; unitId?: number };

export async function listUsers(actor: Actor, filter: UserFilter = {}) {
  requireAdmin(actor);
  const db = await getDb();
  const conditions = [];
  if (filter.q) {
    const pattern = `%${filter.q.normalize("NFC").replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(users.username, pattern), ilike(users.fullName, pattern), ilike(units.name, pattern)));
  }
  if (filter.role) conditions.push(eq(users.role, filter.role));
  if (filter.unitId) conditions.push(eq(users.unitId, filter.unitId));
  return db
    .select({ ...publicColumns, unitName: units.name })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(and(...conditions))
    .orderBy(asc(units.name), asc(users.fullName))
    .limit(500);
}

export async function getUser(actor: Actor, userId: number) {
  requireAdmin(actor);
  const db = await getDb();
  const [row] = await db.select(publicColumns).from(users).where(eq(users.id, userId));
  return row ?? null;
}

/** A committee user must sit in a council; the scope of their powers is computed from it. */
async function checkRoleFitsUnit(tx: DbOrTx, role: Role, unitId: number) {
  const [unit] = await tx.select({ kind: units.kind }).from(units).where(eq(units.id, unitId));
  if (!unit) throw new DomainError("Đơn vị không tồn tại.", "unitId");
  if (role === "committee" && !COUNCIL_KINDS.includes(unit.kind as UnitKind)) {
    throw new DomainError("Người dùng Thường trực HĐND phải thuộc một HĐND hoặc Ban của HĐND.", "unitId");
  }
}

function translateUniqueError(error: unknown): never {
  if (pgErrorCode(error) === UNIQUE_VIOLATION) throw new DomainError("Tên đăng nhập này đã được dùng.", "username");
  throw error;
}

function profile(values: UserUpdateValues) {
  return {
    username: values.username.toLowerCase(),
    fullName: cleanText(values.fullName),
    title: cleanText(values.title),
    unitId: values.unitId,
    role: values.role,
    email: values.email ? values.email.trim() : null,
    active: values.active,
  };
}

export async function createUser(actor: Actor, values: UserCreateValues, tx?: DbOrTx) {
  requireAdmin(actor);
  const data = profile(values);
  const passwordHash = await hashPassword(values.password);
  const run = async (t: DbOrTx) => {
    await checkRoleFitsUnit(t, data.role, data.unitId);
    const [user] = await t.insert(users).values({ ...data, passwordHash }).returning(publicColumns);
    await recordAudit(t, actor, "create", "user", user.id, data);
    return user;
  };
  try {
    return tx ? await run(tx) : await (await getDb()).transaction(run);
  } catch (error) {
    return translateUniqueError(error);
  }
}

export async function updateUser(actor: Actor, userId: number, values: UserUpdateValues) {
  requireAdmin(actor);
  const data = profile(values);
  if (userId === actor.id && (!data.active || data.role !== "admin")) {
    throw new DomainError("Bạn không thể tự khóa hoặc tự bỏ quyền quản trị của mình.", "role");
  }
  const db = await getDb();
  try {
    const user = await db.transaction(async (tx) => {
      const [before] = await tx.select(publicColumns).from(users).where(eq(users.id, userId)).for("update");
      if (!before) throw new DomainError("Người dùng không tồn tại.", undefined, 404);
      await checkRoleFitsUnit(tx, data.role, data.unitId);
      const [after] = await tx.update(users).set(data).where(eq(users.id, userId)).returning(publicColumns);
      await recordAudit(tx, actor, "update", "user", userId, { before, after: data });
      return { before, after };
    });
    // A changed role, unit or a deactivation must not leave old sessions with old powers.
    const { before, after } = user;
    if (!after.active || before.role !== after.role || before.unitId !== after.unitId) await deleteOtherSessions(userId);
    return after;
  } catch (error) {
    return translateUniqueError(error);
  }
}

/** An administrator sets a new password: the user's sessions end, and any lock is lifted. */
export async function resetPassword(actor: Actor, userId: number, password: string) {
  requireAdmin(actor);
  const passwordHash = await hashPassword(password);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: new Date(), failedLoginCount: 0, lockedUntil: null })
      .where(eq(users.id, userId))
      .returning({ id: users.id });
    if (updated.length === 0) throw new DomainError("Người dùng không tồn tại.", undefined, 404);
    await recordAudit(tx, actor, "reset_password", "user", userId);
  });
  await deleteOtherSessions(userId);
}

export type LoginResult =
  | { ok: true; userId: number }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; until: Date };

/**
 * Checks a password. After MAX_FAILED_LOGINS failures in a row the account is locked for
 * LOCK_MINUTES; the counter is updated atomically, so parallel guesses cannot slip past it.
 */
export async function verifyLogin(username: string, password: string, now = new Date()): Promise<LoginResult> {
  const db = await getDb();
  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash, lockedUntil: users.lockedUntil, active: users.active })
    .from(users)
    .where(sql`lower(${users.username}) = ${username.trim().toLowerCase()}`);
  if (!user || !user.active) {
    await verifyPassword(password, await decoyHash());
    return { ok: false, reason: "invalid" };
  }
  if (user.lockedUntil && user.lockedUntil > now) return { ok: false, reason: "locked", until: user.lockedUntil };
  if (await verifyPassword(password, user.passwordHash)) {
    await db.update(users).set({ failedLoginCount: 0, lockedUntil: null }).where(eq(users.id, user.id));
    await recordAudit(db, { id: user.id }, "login", "user", user.id);
    return { ok: true, userId: user.id };
  }
  const lockUntil = new Date(now.getTime() + LOCK_MINUTES * 60_000);
  // One statement decides on the row as it is now, not as it was read before the slow password
  // check: a guess that started before another one set the lock must not lift it. The failure that
  // reaches the limit sets the lock and restarts the count, so counting starts afresh after the lock.
  const lockInForce = sql`(${users.lockedUntil} IS NOT NULL AND ${users.lockedUntil} > ${now.toISOString()}::timestamptz)`;
  const reachesLimit = sql`${users.failedLoginCount} + 1 >= ${MAX_FAILED_LOGINS}`;
  const [after] = await db
    .update(users)
    .set({
      failedLoginCount: sql`CASE WHEN ${lockInForce} THEN ${users.failedLoginCount} WHEN ${reachesLimit} THEN 0 ELSE ${users.failedLoginCount} + 1 END`,
      lockedUntil: sql`CASE WHEN ${lockInForce} THEN ${users.lockedUntil} WHEN ${reachesLimit} THEN ${lockUntil.toISOString()}::timestamptz ELSE NULL END`,
    })
    .where(eq(users.id, user.id))
    .returning({ failed: users.failedLoginCount, lockedUntil: users.lockedUntil });
  const locked = after.lockedUntil !== null && after.lockedUntil > now;
  await recordAudit(
    db,
    null,
    "login_failed",
    "user",
    user.id,
    locked ? { lockedUntil: after.lockedUntil!.toISOString() } : { failed: after.failed },
  );
  if (locked) return { ok: false, reason: "locked", until: after.lockedUntil! };
  return { ok: false, reason: "invalid" };
}

/** A user changes their own password: the current one is checked, other sessions end, this one stays. */
export async function changeOwnPassword(actor: Actor, current: string, next: string, keepSessionId: string) {
  const db = await getDb();
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, actor.id));
  if (!user || !(await verifyPassword(current, user.passwordHash))) {
    throw new DomainError("Mật khẩu hiện tại không đúng.", "current");
  }
  const passwordHash = await hashPassword(next);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, passwordChangedAt: new Date() }).where(eq(users.id, actor.id));
    await recordAudit(tx, actor, "change_password", "user", actor.id);
  });
  await deleteOtherSessions(actor.id, keepSessionId);
}
