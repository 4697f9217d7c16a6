import { randomBytes } from "node:crypto";
import { and, eq, gt, inArray, lt, ne } from "drizzle-orm";
import { sessions, units, users } from "#db/schema";
import type { Actor } from "~/auth/actor";
import { getDb } from "~/db.server";
import { recordAudit } from "./audit.server";

export const SESSION_DAYS = 30;

export async function createSession(userId: number, userAgent: string | null): Promise<string> {
  const db = await getDb();
  const id = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000);
  // Sign-ins are rare enough to sweep expired sessions here (an indexed range delete).
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
  await db.insert(sessions).values({ id, userId, expiresAt, userAgent: userAgent?.slice(0, 300) ?? null });
  return id;
}

/** Sign-out: the session row goes, and the audit log records who left. */
export async function deleteSession(sessionId: string) {
  const db = await getDb();
  const deleted = await db.delete(sessions).where(eq(sessions.id, sessionId)).returning({ userId: sessions.userId });
  if (deleted[0]) await recordAudit(db, { id: deleted[0].userId }, "logout", "user", deleted[0].userId);
}

/** Ends every session of a user but, optionally, the one in use (a password change keeps the changer signed in). */
export async function deleteOtherSessions(userId: number, keepSessionId?: string) {
  const db = await getDb();
  await db
    .delete(sessions)
    .where(keepSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)) : eq(sessions.userId, userId));
}

const SCOPE_ANCHOR_KINDS = new Set(["commune", "province"]);

/**
 * The actor behind a session: one query for session, user and unit, one for the unit's ancestors
 * when the user is on the standing committee (their scope is the locality above the council).
 */
export async function getActorForSession(sessionId: string): Promise<Actor | null> {
  const db = await getDb();
  const [row] = await db
    .select({
      id: users.id,
      username: users.username,
      fullName: users.fullName,
      title: users.title,
      role: users.role,
      unitId: users.unitId,
      unitName: units.name,
      unitPath: units.path,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(units, eq(units.id, users.unitId))
    .where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, new Date()), eq(users.active, true)));
  if (!row) return null;
  const { unitPath, ...rest } = row;
  let scopePath = unitPath;
  if (row.role === "admin") scopePath = "/";
  if (row.role === "committee") {
    const ancestorIds = unitPath.split("/").filter(Boolean).map(Number);
    const ancestors = await db
      .select({ path: units.path, kind: units.kind })
      .from(units)
      .where(inArray(units.id, ancestorIds));
    const anchor = ancestors
      .filter((a) => SCOPE_ANCHOR_KINDS.has(a.kind))
      .sort((a, b) => b.path.length - a.path.length)[0];
    scopePath = anchor?.path ?? `/${ancestorIds[0]}/`;
  }
  return { ...rest, scopePath };
}
