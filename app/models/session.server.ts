import { randomBytes } from "node:crypto";
import { and, eq, gt, lt, ne, sql } from "drizzle-orm";
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

/**
 * The actor behind a session, in one query: session, user, unit and, for the standing committee,
 * the nearest commune or province above the user's unit (their scope is that locality).
 */
export async function getActorForSession(sessionId: string): Promise<Actor | null> {
  const db = await getDb();
  const anchorPath = sql<string | null>`(
    select anchor.path from units anchor
    where anchor.kind in ('commune', 'province')
      and anchor.id = any(string_to_array(btrim(${units.path}, '/'), '/')::int[])
    order by length(anchor.path) desc limit 1)`;
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
      anchorPath: sql<string | null>`case when ${users.role} = 'committee' then ${anchorPath} end`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(units, eq(units.id, users.unitId))
    .where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, new Date()), eq(users.active, true)));
  if (!row) return null;
  const { unitPath, anchorPath: anchor, ...rest } = row;
  let scopePath = unitPath;
  if (row.role === "admin") scopePath = "/";
  if (row.role === "committee") scopePath = anchor ?? `/${unitPath.split("/").filter(Boolean)[0]}/`;
  return { ...rest, scopePath };
}
