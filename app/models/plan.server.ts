import { and, asc, count, desc, eq, ilike, inArray, sql } from "drizzle-orm";
import { planMembers, supervisionPlans, units, visits } from "#db/schema";
import type { Actor } from "~/auth/actor";
import { getDb } from "~/db.server";
import { visiblePlanCondition } from "./scope.server";

export type PlanStatus = (typeof supervisionPlans.$inferSelect)["status"];

export type PlanFilter = { q?: string; status?: PlanStatus; year?: number };

const planColumns = {
  id: supervisionPlans.id,
  number: supervisionPlans.number,
  symbol: supervisionPlans.symbol,
  issueDate: supervisionPlans.issueDate,
  subject: supervisionPlans.subject,
  status: supervisionPlans.status,
  periodStart: supervisionPlans.periodStart,
  periodEnd: supervisionPlans.periodEnd,
  issuingUnitId: supervisionPlans.issuingUnitId,
  issuingUnitName: units.name,
};

export async function listPlans(actor: Actor, filter: PlanFilter = {}, limit = 100) {
  const db = await getDb();
  const conditions = [visiblePlanCondition(db, actor, supervisionPlans.id, supervisionPlans.issuingUnitId)];
  if (filter.status) conditions.push(eq(supervisionPlans.status, filter.status));
  if (filter.year) conditions.push(sql`extract(year from ${supervisionPlans.issueDate}) = ${filter.year}`);
  if (filter.q) {
    conditions.push(ilike(supervisionPlans.subject, `%${filter.q.normalize("NFC").replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  }
  return db
    .select(planColumns)
    .from(supervisionPlans)
    .innerJoin(units, eq(units.id, supervisionPlans.issuingUnitId))
    .where(and(...conditions))
    .orderBy(desc(supervisionPlans.issueDate), desc(supervisionPlans.id))
    .limit(limit);
}

/** A plan with its team and visits, or null when it does not exist or the actor may not see it. */
export async function getPlan(actor: Actor, planId: number) {
  const db = await getDb();
  const [plan] = await db
    .select({ ...planColumns, legalBasis: supervisionPlans.legalBasis, reportingOutline: supervisionPlans.reportingOutline })
    .from(supervisionPlans)
    .innerJoin(units, eq(units.id, supervisionPlans.issuingUnitId))
    .where(and(eq(supervisionPlans.id, planId), visiblePlanCondition(db, actor, supervisionPlans.id, supervisionPlans.issuingUnitId)));
  if (!plan) return null;
  const [members, planVisits] = await Promise.all([
    db
      .select({ id: planMembers.id, fullName: planMembers.fullName, title: planMembers.title, role: planMembers.role })
      .from(planMembers)
      .where(eq(planMembers.planId, planId))
      .orderBy(asc(planMembers.position), asc(planMembers.id)),
    db
      .select({ id: visits.id, unitId: visits.unitId, unitName: units.name, status: visits.status, scheduledAt: visits.scheduledAt })
      .from(visits)
      .innerJoin(units, eq(units.id, visits.unitId))
      .where(eq(visits.planId, planId))
      .orderBy(asc(visits.scheduledAt), asc(units.name)),
  ]);
  return { ...plan, members, visits: planVisits };
}

export async function countPlansByStatus(actor: Actor) {
  const db = await getDb();
  const rows = await db
    .select({ status: supervisionPlans.status, n: count() })
    .from(supervisionPlans)
    .where(visiblePlanCondition(db, actor, supervisionPlans.id, supervisionPlans.issuingUnitId))
    .groupBy(supervisionPlans.status);
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])) as Partial<Record<PlanStatus, number>>;
}

/** Upcoming and current visits the actor takes part in or is visited by. */
export async function listUpcomingVisits(actor: Actor, limit = 10) {
  const db = await getDb();
  return db
    .select({
      id: visits.id,
      planId: visits.planId,
      unitName: units.name,
      status: visits.status,
      scheduledAt: visits.scheduledAt,
      subject: supervisionPlans.subject,
    })
    .from(visits)
    .innerJoin(supervisionPlans, eq(supervisionPlans.id, visits.planId))
    .innerJoin(units, eq(units.id, visits.unitId))
    .where(
      and(
        visiblePlanCondition(db, actor, supervisionPlans.id, supervisionPlans.issuingUnitId),
        inArray(visits.status, ["scheduled", "in_progress"]),
        actor.role === "unit" ? sql`${units.path} LIKE ${`${actor.scopePath}%`}` : sql`true`,
      ),
    )
    .orderBy(asc(visits.scheduledAt))
    .limit(limit);
}
