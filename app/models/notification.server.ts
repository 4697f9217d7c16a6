import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { notifications } from "#db/schema";
import type { Actor } from "~/auth/actor";
import { getDb } from "~/db.server";

/**
 * In-app notifications (reminders of deadlines, for now). Every function is scoped by the actor's
 * own user id: nobody reads or marks anyone else's, whatever id a form posts. Marking read is the
 * reader's own state, not a change of record, so it is not audited.
 */

export const NOTIFICATIONS_PAGE_SIZE = 50;

export async function listNotifications(actor: Pick<Actor, "id">, options: { page?: number } = {}) {
  const db = await getDb();
  const page = Math.max(1, Math.floor(options.page ?? 1));
  const rows = await db
    .select({
      id: notifications.id,
      title: notifications.title,
      body: notifications.body,
      link: notifications.link,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
    })
    .from(notifications)
    .where(eq(notifications.userId, actor.id))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(NOTIFICATIONS_PAGE_SIZE + 1)
    .offset((page - 1) * NOTIFICATIONS_PAGE_SIZE);
  return { page, items: rows.slice(0, NOTIFICATIONS_PAGE_SIZE), hasMore: rows.length > NOTIFICATIONS_PAGE_SIZE };
}

export async function countUnreadNotifications(actor: Pick<Actor, "id">): Promise<number> {
  const db = await getDb();
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, actor.id), isNull(notifications.readAt)));
  return Number(row?.n ?? 0);
}

/** Marks one of the actor's notifications read; false when it is not theirs (or does not exist). */
export async function markNotificationRead(actor: Pick<Actor, "id">, id: number): Promise<boolean> {
  const opened = await openNotification(actor, id);
  return opened !== null;
}

/** Marks it read and answers its link (null when it is not the actor's); the read time is kept once set. */
export async function openNotification(actor: Pick<Actor, "id">, id: number): Promise<{ link: string | null } | null> {
  const db = await getDb();
  const [row] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.id, id), eq(notifications.userId, actor.id)))
    .returning({ link: notifications.link });
  return row ?? null;
}

export async function markAllNotificationsRead(actor: Pick<Actor, "id">): Promise<number> {
  const db = await getDb();
  const rows = await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.userId, actor.id), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}
