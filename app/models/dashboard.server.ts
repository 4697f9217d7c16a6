/**
 * The standing committee's follow-up dashboard (Tổng hợp theo dõi kiến nghị): counts of followed-up
 * recommendations (noticeId set) by unit and by plan, a monthly series, and the units with the most
 * overdue items, all within the actor's scope (visibleUnitCondition on the addressed unit).
 *
 * Definitions are those of app/domain/follow-up-stats.ts, written once more in SQL so that the
 * counts are one GROUP BY (unit, plan) with count(*) FILTER (WHERE …) in the database, one pass over
 * the scope whatever its size; the unit, plan and total rows are sums of those few cells. The
 * integration test checks the SQL figures against the series' current month, which the pure
 * functions compute.
 *
 * The monthly series is computed in TypeScript by `monthlySeries` on minimal rows (status,
 * deadlines, notice date, completion date): only items still open or completed inside the window
 * can count in any of its months, so the fetch is bounded by the open backlog plus the window's
 * completions, not by the table. That keeps the month-end rules (Vietnam dates, the current month
 * ending today, leap years, extensions) in one tested pure function. A SQL rendition (the rows
 * cross-joined with the twelve month ends) measured no faster on 300 000 rows of which 200 000
 * were open (about 2 s either way on a loaded 2-CPU machine), and an unmaterialized version of it
 * re-ran the completion subquery per month: twenty times slower.
 */
import { type SQL, and, eq, isNotNull, or, sql } from "drizzle-orm";
import { conclusionNotices, recommendations, supervisionPlans, units, visits } from "#db/schema";
import type { Actor } from "~/auth/actor";
import { getDb } from "~/db.server";
import { type FollowUpCounts, type FollowUpStatus, type FollowUpSummary, type MonthPoint, monthWindow, monthlySeries, onTimeRate } from "~/domain/follow-up-stats";
import { formatDocumentNumber } from "~/domain/numbering";
import { type IsoDate, VIETNAM_TIME_ZONE, vietnamDate } from "~/domain/vietnamese";
import { visibleUnitCondition } from "./scope.server";

const ZONE = sql.raw(`'${VIETNAM_TIME_ZONE}'`);

const effective = sql<string>`coalesce(${recommendations.extendedDeadline}, ${recommendations.deadline})`;

/** Completion date of an accepted item (the accepted report's Vietnam date, else the acceptance's); null while open. */
const completion = sql<string | null>`${recommendations.completedOn}`;

export type DashboardCounts = FollowUpCounts;

export type UnitRow = DashboardCounts & { unitId: number; unitName: string; maxDaysOverdue: number };
export type PlanRow = DashboardCounts & { planId: number; reference: string; subject: string; issueDate: IsoDate | null };
export type MostOverdueRow = { unitId: number; unitName: string; overdue: number; maxDaysOverdue: number };
export type PlanChoice = { id: number; reference: string; subject: string };

export type FollowUpDashboard = {
  today: IsoDate;
  planId: number | null;
  totals: FollowUpSummary;
  byUnit: UnitRow[];
  byPlan: PlanRow[];
  series: MonthPoint[];
  mostOverdue: MostOverdueRow[];
  plans: PlanChoice[];
};

function planReference(plan: { number: number | null; symbol: string }): string {
  return plan.number === null ? "Kế hoạch dự thảo" : formatDocumentNumber(plan.number, plan.symbol);
}

/** Followed-up items the actor may see, optionally of one plan. */
function scopeCondition(db: Awaited<ReturnType<typeof getDb>>, actor: Actor, planId: number | null): SQL {
  return and(
    isNotNull(recommendations.noticeId),
    visibleUnitCondition(db, actor, recommendations.addressedUnitId),
    planId === null ? undefined : eq(visits.planId, planId),
  ) as SQL;
}

export async function getFollowUpDashboard(
  actor: Actor,
  options: { today?: IsoDate; planId?: number | null; months?: number } = {},
): Promise<FollowUpDashboard> {
  const db = await getDb();
  const today = options.today ?? vietnamDate();
  const planId = options.planId ?? null;
  const months = options.months ?? 12;
  const windowStart = monthWindow(today, months)[0].start;

  const scoped = db
    .select({
      unitId: sql<number>`${recommendations.addressedUnitId}`.as("scoped_unit_id"),
      planId: sql<number>`${visits.planId}`.as("scoped_plan_id"),
      status: sql<string>`${recommendations.status}`.as("scoped_status"),
      effective: effective.as("scoped_effective"),
      completion: completion.as("scoped_completion"),
    })
    .from(recommendations)
    .innerJoin(visits, eq(visits.id, recommendations.visitId))
    .where(scopeCondition(db, actor, planId))
    // Drizzle refers to these columns by their alias alone: prefixed so no joined table has them.
    .as("scoped");

  const todayDate = sql`${today}::date`;
  const isOpen = sql`${scoped.status} <> 'accepted'`;
  const isOverdue = sql`${isOpen} and ${scoped.effective} < ${todayDate}`;

  const [cells, seriesRows, planChoices] = await Promise.all([
    // One pass over the scope, one row per (unit, plan): the unit, plan and total figures are sums of these.
    db
      .select({
        unitId: scoped.unitId,
        unitName: units.name,
        unitPath: units.path,
        planId: scoped.planId,
        planNumber: supervisionPlans.number,
        planSymbol: supervisionPlans.symbol,
        planSubject: supervisionPlans.subject,
        planIssueDate: supervisionPlans.issueDate,
        total: sql<number>`count(*)::int`,
        completedOnTime: sql<number>`(count(*) filter (where not ${isOpen} and ${scoped.completion} <= ${scoped.effective}))::int`,
        completedLate: sql<number>`(count(*) filter (where not ${isOpen} and ${scoped.completion} > ${scoped.effective}))::int`,
        open: sql<number>`(count(*) filter (where ${isOpen}))::int`,
        overdue: sql<number>`(count(*) filter (where ${isOverdue}))::int`,
        maxDaysOverdue: sql<number>`coalesce(max(${todayDate} - ${scoped.effective}) filter (where ${isOverdue}), 0)::int`,
      })
      .from(scoped)
      .innerJoin(units, eq(units.id, scoped.unitId))
      .innerJoin(supervisionPlans, eq(supervisionPlans.id, scoped.planId))
      .groupBy(scoped.unitId, scoped.planId, units.id, supervisionPlans.id),
    // Minimal rows for the monthly series: open items, and those accepted since the window began
    // (an item completes no later than it is accepted, so nothing completed in the window is missed;
    // monthlySeries ignores the few whose accepted report predates the window).
    db
      .select({
        status: recommendations.status,
        deadline: sql<string>`${recommendations.deadline}::text`,
        extendedDeadline: sql<string | null>`${recommendations.extendedDeadline}::text`,
        issueDate: sql<string>`${conclusionNotices.issueDate}::text`,
        completionDate: sql<string | null>`(${completion})::text`,
      })
      .from(recommendations)
      .innerJoin(visits, eq(visits.id, recommendations.visitId))
      .innerJoin(conclusionNotices, eq(conclusionNotices.id, recommendations.noticeId))
      .where(
        and(
          scopeCondition(db, actor, planId),
          or(
            sql`${recommendations.status} <> 'accepted'`,
            sql`${recommendations.acceptedAt} >= (${windowStart}::date::timestamp at time zone ${ZONE})`,
          ),
        ),
      ),
    // The filter offers every plan with followed-up items in scope; unfiltered, those are the cells' plans.
    planId === null
      ? Promise.resolve(null)
      : db
          .selectDistinct({ id: supervisionPlans.id, number: supervisionPlans.number, symbol: supervisionPlans.symbol, subject: supervisionPlans.subject, issueDate: supervisionPlans.issueDate })
          .from(recommendations)
          .innerJoin(visits, eq(visits.id, recommendations.visitId))
          .innerJoin(supervisionPlans, eq(supervisionPlans.id, visits.planId))
          .where(scopeCondition(db, actor, null)),
  ]);

  const zero = (): DashboardCounts => ({ total: 0, completedOnTime: 0, completedLate: 0, open: 0, overdue: 0 });
  const add = (into: DashboardCounts, cell: DashboardCounts) => {
    into.total += Number(cell.total);
    into.completedOnTime += Number(cell.completedOnTime);
    into.completedLate += Number(cell.completedLate);
    into.open += Number(cell.open);
    into.overdue += Number(cell.overdue);
  };

  const byUnitId = new Map<number, UnitRow & { path: string }>();
  const byPlanId = new Map<number, PlanRow & { number: number | null; symbol: string }>();
  const sum = zero();
  for (const cell of cells) {
    const unitId = Number(cell.unitId);
    const unit = byUnitId.get(unitId) ?? { unitId, unitName: cell.unitName, path: cell.unitPath, ...zero(), maxDaysOverdue: 0 };
    add(unit, cell);
    unit.maxDaysOverdue = Math.max(unit.maxDaysOverdue, Number(cell.maxDaysOverdue));
    byUnitId.set(unitId, unit);
    const id = Number(cell.planId);
    const plan = byPlanId.get(id) ?? {
      planId: id,
      reference: planReference({ number: cell.planNumber, symbol: cell.planSymbol }),
      subject: cell.planSubject,
      issueDate: cell.planIssueDate,
      number: cell.planNumber,
      symbol: cell.planSymbol,
      ...zero(),
    };
    add(plan, cell);
    byPlanId.set(id, plan);
    add(sum, cell);
  }

  // Units in tree order; plans newest first.
  const byUnit: UnitRow[] = [...byUnitId.values()]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map(({ path: _path, ...row }) => row);
  const newestFirst = <T extends { id: number; issueDate: IsoDate | null }>(a: T, b: T) =>
    (b.issueDate ?? "").localeCompare(a.issueDate ?? "") || b.id - a.id;
  const byPlan: PlanRow[] = [...byPlanId.values()]
    .sort((a, b) => newestFirst({ id: a.planId, issueDate: a.issueDate }, { id: b.planId, issueDate: b.issueDate }))
    .map(({ number: _number, symbol: _symbol, ...row }) => row);
  const totals: FollowUpSummary = { ...sum, onTimeRate: onTimeRate(sum) };

  const mostOverdue = byUnit
    .filter((row) => row.overdue > 0)
    .sort((a, b) => b.overdue - a.overdue || b.maxDaysOverdue - a.maxDaysOverdue || a.unitName.localeCompare(b.unitName, "vi"))
    .slice(0, 5)
    .map(({ unitId, unitName, overdue, maxDaysOverdue }) => ({ unitId, unitName, overdue, maxDaysOverdue }));

  const series = monthlySeries(
    seriesRows.map((row) => ({
      status: row.status as FollowUpStatus,
      deadline: row.deadline,
      extendedDeadline: row.extendedDeadline,
      issueDate: row.issueDate,
      completionDate: row.completionDate,
    })),
    { today, months },
  );

  const plans: PlanChoice[] = planChoices
    ? [...planChoices]
        .sort(newestFirst)
        .map((plan) => ({ id: plan.id, reference: planReference(plan), subject: plan.subject }))
    : byPlan.map((plan) => ({ id: plan.planId, reference: plan.reference, subject: plan.subject }));

  return { today, planId, totals, byUnit, byPlan, series, mostOverdue, plans };
}
