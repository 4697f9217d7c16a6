import { and, asc, eq, isNotNull, ne, sql } from "drizzle-orm";
import { recommendations, units, visits } from "#db/schema";
import type { Actor } from "~/auth/actor";
import { getDb } from "~/db.server";
import { deadlineState } from "~/domain/deadlines";
import { vietnamDate } from "~/domain/vietnamese";
import { visibleUnitCondition } from "./scope.server";
import { getFollowUpSettings } from "./settings.server";

const effectiveDeadline = sql<string>`coalesce(${recommendations.extendedDeadline}, ${recommendations.deadline})`;

/** Issued, not yet accepted recommendations addressed to units the actor may see, soonest first. */
export async function listOpenRecommendations(
  actor: Actor,
  options: { limit?: number; today?: string; addressedUnitId?: number } = {},
) {
  const db = await getDb();
  const today = options.today ?? vietnamDate();
  const { dueSoonDays } = await getFollowUpSettings(db);
  const rows = await db
    .select({
      id: recommendations.id,
      text: recommendations.text,
      status: recommendations.status,
      deadline: recommendations.deadline,
      extendedDeadline: recommendations.extendedDeadline,
      effectiveDeadline,
      addressedUnitId: recommendations.addressedUnitId,
      addressedUnitName: units.name,
      addressedRole: recommendations.addressedRole,
      planId: visits.planId,
    })
    .from(recommendations)
    .innerJoin(units, eq(units.id, recommendations.addressedUnitId))
    .innerJoin(visits, eq(visits.id, recommendations.visitId))
    .where(
      and(
        isNotNull(recommendations.noticeId),
        ne(recommendations.status, "accepted"),
        visibleUnitCondition(db, actor, recommendations.addressedUnitId),
        options.addressedUnitId ? eq(recommendations.addressedUnitId, options.addressedUnitId) : undefined,
      ),
    )
    .orderBy(asc(effectiveDeadline), asc(recommendations.id))
    .limit(options.limit ?? 50);
  return rows.map((r) => ({ ...r, ...deadlineState(r.effectiveDeadline, { today, dueSoonDays }) }));
}

export async function countOpenRecommendations(actor: Actor, today = vietnamDate()) {
  const db = await getDb();
  const [row] = await db
    .select({
      open: sql<number>`count(*)::int`,
      overdue: sql<number>`count(*) filter (where ${effectiveDeadline} < ${today}::date)::int`,
      returned: sql<number>`count(*) filter (where ${recommendations.status} = 'returned')::int`,
    })
    .from(recommendations)
    .where(
      and(
        isNotNull(recommendations.noticeId),
        ne(recommendations.status, "accepted"),
        visibleUnitCondition(db, actor, recommendations.addressedUnitId),
      ),
    );
  return { open: Number(row.open), overdue: Number(row.overdue), returned: Number(row.returned) };
}
