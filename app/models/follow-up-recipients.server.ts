import { and, eq, inArray, sql } from "drizzle-orm";
import { type DbOrTx, rowsOf } from "#db/client";
import { notifications, units, users } from "#db/schema";

export type Recipient = { id: number; email: string | null };

/** The active unit users of the unit a recommendation is addressed to. */
export async function unitUsersOf(db: DbOrTx, unitId: number): Promise<Recipient[]> {
  return db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(and(eq(users.unitId, unitId), eq(users.role, "unit"), eq(users.active, true)));
}

/**
 * The active standing-committee users of the locality (commune or province) the unit belongs to:
 * the same locality their sign-in scope is anchored at (models/session.server.ts).
 */
export async function committeeUsersOver(db: DbOrTx, unitId: number): Promise<Recipient[]> {
  const rows = await db.execute(sql`
    with anchor as (
      select a.path from ${units} u
      join ${units} a on u.path like a.path || '%' and a.kind in ('commune', 'province')
      where u.id = ${unitId}
      order by length(a.path) desc
      limit 1
    )
    select ${users.id} as id, ${users.email} as email
    from ${users} join ${units} on ${units.id} = ${users.unitId}, anchor
    where ${users.role} = 'committee' and ${users.active} and ${units.path} like anchor.path || '%'
  `);
  return rowsOf<{ id: number; email: string | null }>(rows).map((r) => ({ id: Number(r.id), email: r.email }));
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
