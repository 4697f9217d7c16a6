import { and, eq, inArray, sql } from "drizzle-orm";
import { type DbOrTx, rowsOf } from "#db/client";
import { notifications, users } from "#db/schema";

export type Recipient = { id: number; email: string | null };

/** The active unit users of the unit a recommendation is addressed to. */
export async function unitUsersOf(db: DbOrTx, unitId: number): Promise<Recipient[]> {
  return db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(and(eq(users.unitId, unitId), eq(users.role, "unit"), eq(users.active, true)))
    .orderBy(users.id);
}

/**
 * Active committee users of the council over the unit. A committee user's scope is computed as in
 * getActorForSession: the nearest ancestor-or-self of their unit that is a commune or province (else
 * the root of their branch). Of the scopes containing the addressed unit, only the nearest (the
 * longest path) counts: a ward's items go to the ward's council, not to every council above.
 */
export async function committeeUsersOver(db: DbOrTx, unitId: number): Promise<Recipient[]> {
  return rowsOf<Recipient>(
    await db.execute(sql`
      WITH scoped AS (
        SELECT u.id, u.email, coalesce(
          (SELECT a.path FROM units a
            WHERE a.kind IN ('commune', 'province') AND cu.path LIKE a.path || '%'
            ORDER BY length(a.path) DESC LIMIT 1),
          '/' || split_part(cu.path, '/', 2) || '/') AS scope
        FROM users u JOIN units cu ON cu.id = u.unit_id
        WHERE u.role = 'committee' AND u.active
      ), over_unit AS (
        SELECT s.* FROM scoped s, units t WHERE t.id = ${unitId} AND t.path LIKE s.scope || '%'
      )
      SELECT id, email FROM over_unit
      WHERE length(scope) = (SELECT max(length(scope)) FROM over_unit)
      ORDER BY id`),
  ).map((r) => ({ id: Number(r.id), email: r.email }));
}

/** In-app notifications, in the caller's transaction, one per user. */
export async function notify(
  tx: DbOrTx,
  userIds: number[],
  message: { title: string; body?: string; link?: string },
): Promise<void> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return;
  await tx.insert(notifications).values(ids.map((userId) => ({ userId, title: message.title, body: message.body ?? "", link: message.link ?? null })));
}

/** Users by id still active (for a notification to one who acted earlier). */
export async function activeUsers(db: DbOrTx, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db.select({ id: users.id }).from(users).where(and(inArray(users.id, ids), eq(users.active, true)));
  return rows.map((r) => r.id);
}
