import { and, desc, eq, gte, lt } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import { auditLog, users } from "#db/schema";
import type { Actor } from "~/auth/actor";
import { roleHas } from "~/auth/roles";
import { getDb } from "~/db.server";
import { addDays } from "~/domain/deadlines";
import { DomainError } from "./errors.server";

/** Append one line to the audit log, in the caller's transaction: no change without its trail. */
export async function recordAudit(
  tx: DbOrTx,
  actor: Pick<Actor, "id"> | null,
  action: string,
  entity: string,
  entityId: string | number | null,
  data: Record<string, unknown> = {},
) {
  await tx.insert(auditLog).values({
    actorId: actor?.id ?? null,
    action,
    entity,
    entityId: entityId === null ? null : String(entityId),
    data,
  });
}

export async function listAuditFor(db: DbOrTx, entity: string, entityId: string | number, limit = 50) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, String(entityId))))
    .orderBy(desc(auditLog.id))
    .limit(limit);
}

export type AuditFilter = { entity?: string; actorId?: number; day?: string };

/**
 * The trail for the administrator, newest first. Only the administrator reads it whole: entries
 * are not scoped by unit, so other roles see history only through the records they may open.
 */
export async function listAudit(actor: Actor, filter: AuditFilter = {}, limit = 200) {
  if (!roleHas(actor.role, "audit:read")) throw new DomainError("Bạn không có quyền xem nhật ký.", undefined, 403);
  const db = await getDb();
  const conditions = [];
  if (filter.entity) conditions.push(eq(auditLog.entity, filter.entity));
  if (filter.actorId) conditions.push(eq(auditLog.actorId, filter.actorId));
  if (filter.day) {
    // A Vietnam calendar day, whatever the server's zone.
    conditions.push(gte(auditLog.at, new Date(`${filter.day}T00:00:00+07:00`)));
    conditions.push(lt(auditLog.at, new Date(`${addDays(filter.day, 1)}T00:00:00+07:00`)));
  }
  return db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      entity: auditLog.entity,
      entityId: auditLog.entityId,
      data: auditLog.data,
      actorName: users.fullName,
      actorUsername: users.username,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(...conditions))
    .orderBy(desc(auditLog.id))
    .limit(limit);
}
