import { and, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import { auditLog } from "#db/schema";
import type { Actor } from "~/auth/actor";

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
