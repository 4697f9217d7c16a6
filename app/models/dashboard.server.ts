/**
 * The standing committee's follow-up dashboard (Tổng hợp theo dõi kiến nghị): counts of followed-up
 * recommendations (noticeId set) by unit and by plan, a monthly series, and the units with the most
 * overdue items, all within the actor's scope (visibleUnitCondition on the addressed unit).
 *
 * Definitions are those of app/domain/follow-up-stats.ts. What does not depend on today (items
 * followed up, completed on time, completed late) is read from follow_up_cells, which a trigger on
 * recommendations keeps per (unit, plan) in the writing transaction (migration 0008): a province's
 * ten years are a few thousand cells, not ninety thousand items. What does (open and overdue, days
 * overdue) is counted live over the open items only, through recommendations_open_by_unit_idx. The
 * unit, plan and total rows are sums of those cells; the integration test compares them with a
 * recount from the items and with the series' current month, which the pure functions compute.
 *
 * The monthly series is computed in TypeScript by `monthlySeries` on minimal rows (status,
 * deadlines, notice date, completion date) of the open items and of those completed inside the
 * window (recommendations_completed_by_unit_idx): nothing completed earlier is open at any of its
 * month ends. That keeps the month-end rules (Vietnam dates, the current month ending today, leap
 * years, extensions) in one tested pure function.
 */
import { type SQL, and, eq, gt, gte, inArray, isNotNull, like, ne, sql } from "drizzle-orm";
import { type Db, rowsOf } from "#db/client";
import { conclusionNotices, followUpCells, recommendations, supervisionPlans, units, visits } from "#db/schema";
import type { Actor } from "~/auth/actor";
import { getDb } from "~/db.server";
import { type FollowUpCounts, type FollowUpStatus, type FollowUpSummary, type MonthPoint, monthWindow, monthlySeries, onTimeRate } from "~/domain/follow-up-stats";
import { formatDocumentNumber } from "~/domain/numbering";
import { type IsoDate, vietnamDate } from "~/domain/vietnamese";
import { visibleUnitCondition } from "./scope.server";

const effective = sql<string>`coalesce(${recommendations.extendedDeadline}, ${recommendations.deadline})`;

/** Completion date of an accepted item (the accepted report's Vietnam date, else the acceptance's); null while open. */
const completion = sql<string | null>`${recommendations.completedOn}`;

export type DashboardCounts = FollowUpCounts;

export type UnitRow = DashboardCounts & { unitId: number; unitName: string; maxDaysOverdue: number };
export type PlanRow = DashboardCounts & { planId: number; reference: string; subject: string; issueDate: IsoDate | null };
export type MostOverdueRow = { unitId: number; unitName: string; overdue: number; maxDaysOverdue: number };
export type PlanChoice = { id: number; reference: string; subject: string };

/**
 * A province's committee sees hundreds of units and thousands of plans over ten years: the page
 * lists the units with the most open items and the newest plans, and says how many it left out.
 */
export const UNIT_ROWS = 100;
export const PLAN_ROWS = 30;
export const PLAN_CHOICES = 100;

export type FollowUpDashboard = {
  today: IsoDate;
  planId: number | null;
  /** Units and plans in scope, of which byUnit and byPlan list at most UNIT_ROWS and PLAN_ROWS. */
  unitCount: number;
  planCount: number;
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


// Made once: localeCompare with a locale builds a collator on every call, thousands per page.
const byVietnameseName = new Intl.Collator("vi");
/** ISO dates compare as plain strings. */
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The rows monthlySeries needs, for the items matching `where` (which names visits only with a plan). */
function seriesRows(db: Db, where: SQL | undefined, byPlan: boolean) {
  const rows = db
    .select({
      status: recommendations.status,
      deadline: sql<string>`${recommendations.deadline}::text`.as("deadline"),
      extendedDeadline: sql<string | null>`${recommendations.extendedDeadline}::text`.as("extended_deadline"),
      issueDate: sql<string>`${conclusionNotices.issueDate}::text`.as("issue_date"),
      completionDate: sql<string | null>`(${completion})::text`.as("completion_date"),
    })
    .from(recommendations)
    .innerJoin(conclusionNotices, eq(conclusionNotices.id, recommendations.noticeId))
    .$dynamic();
  const query = (byPlan ? rows.innerJoin(visits, eq(visits.id, recommendations.visitId)) : rows).where(where);
  // Tens of thousands of rows at province scale: read as the driver gives them, without drizzle's
  // per-field mapping (a third of the page's CPU in a profile).
  return db.execute(query.getSQL()).then((result) =>
    rowsOf<{ status: FollowUpStatus; deadline: string; extended_deadline: string | null; issue_date: string; completion_date: string | null }>(result).map((row) => ({
      status: row.status,
      deadline: row.deadline,
      extendedDeadline: row.extended_deadline,
      issueDate: row.issue_date,
      completionDate: row.completion_date,
    })),
  );
}

/**
 * The cells of the actor's units: the subtree's ids first (units_path_idx), then the cells by their
 * key, which the planner does not find on its own from an IN subquery (it hashes every cell).
 * Team members never see the dashboard; should they, visibleUnitCondition applies.
 */
function cellsInScope(db: Db, actor: Actor): SQL {
  if (actor.role === "team_member") return visibleUnitCondition(db, actor, followUpCells.unitId);
  return sql`${followUpCells.unitId} = any(array(select ${units.id} from ${units} where ${like(units.path, `${actor.scopePath}%`)}))`;
}

/** With a plan chosen, the filter still offers every plan with followed-up items in scope. */
async function planChoicesInScope(db: Db, actor: Actor): Promise<PlanChoice[]> {
  const rows = await db
    .selectDistinct({ id: supervisionPlans.id, number: supervisionPlans.number, symbol: supervisionPlans.symbol, subject: supervisionPlans.subject, issueDate: supervisionPlans.issueDate })
    .from(followUpCells)
    .innerJoin(supervisionPlans, eq(supervisionPlans.id, followUpCells.planId))
    .where(and(cellsInScope(db, actor), gt(followUpCells.total, 0)));
  return rows
    .sort((a, b) => compareText(b.issueDate ?? "", a.issueDate ?? "") || b.id - a.id)
    .map((plan) => ({ id: plan.id, reference: planReference(plan), subject: plan.subject }));
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

  const todayDate = sql`${today}::date`;
  const inScope = (unitColumn: typeof recommendations.addressedUnitId | typeof followUpCells.unitId) => visibleUnitCondition(db, actor, unitColumn);
  const openItems = and(isNotNull(recommendations.noticeId), ne(recommendations.status, "accepted"), inScope(recommendations.addressedUnitId), planId === null ? undefined : eq(visits.planId, planId));
  const isOverdue = sql`${effective} < ${todayDate}`;

  const [cells, openCells, openRows, completedRows] = await Promise.all([
    // What does not depend on today, from the cells the trigger keeps (a few per visit).
    db
      .select({
        unitId: followUpCells.unitId,
        planId: followUpCells.planId,
        total: followUpCells.total,
        completedOnTime: followUpCells.completedOnTime,
        completedLate: followUpCells.completedLate,
      })
      .from(followUpCells)
      .where(and(cellsInScope(db, actor), gt(followUpCells.total, 0), planId === null ? undefined : eq(followUpCells.planId, planId))),
    // What does: the open items, counted live (recommendations_open_by_unit_idx).
    db
      .select({
        unitId: recommendations.addressedUnitId,
        planId: visits.planId,
        overdue: sql<number>`(count(*) filter (where ${isOverdue}))::int`,
        maxDaysOverdue: sql<number>`coalesce(max(${todayDate} - ${effective}) filter (where ${isOverdue}), 0)::int`,
      })
      .from(recommendations)
      .innerJoin(visits, eq(visits.id, recommendations.visitId))
      .where(openItems)
      .groupBy(recommendations.addressedUnitId, visits.planId),
    // Minimal rows for the monthly series: the open items, and those completed since the window
    // began (nothing completed earlier is open at any month end of the window).
    seriesRows(db, openItems, planId !== null),
    seriesRows(
      db,
      and(
        isNotNull(recommendations.noticeId),
        eq(recommendations.status, "accepted"),
        gte(recommendations.completedOn, windowStart),
        inScope(recommendations.addressedUnitId),
        planId === null ? undefined : eq(visits.planId, planId),
      ),
      planId !== null,
    ),
  ]);
  const live = new Map(openCells.map((cell) => [`${cell.unitId}/${cell.planId}`, cell]));
  // Names of the few hundred units and few thousand plans the cells mention, by primary key.
  const unitIds = [...new Set(cells.map((cell) => cell.unitId))];
  const planIds = [...new Set(cells.map((cell) => cell.planId))];
  const [unitRows, planRows] = await Promise.all([
    unitIds.length === 0 ? [] : db.select({ id: units.id, name: units.name, path: units.path }).from(units).where(inArray(units.id, unitIds)),
    planIds.length === 0
      ? []
      : db
          .select({ id: supervisionPlans.id, number: supervisionPlans.number, symbol: supervisionPlans.symbol, subject: supervisionPlans.subject, issueDate: supervisionPlans.issueDate })
          .from(supervisionPlans)
          .where(inArray(supervisionPlans.id, planIds)),
  ]);
  const unitOf = new Map(unitRows.map((unit) => [unit.id, unit]));
  const planOf = new Map(planRows.map((plan) => [plan.id, plan]));
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
  for (const row of cells) {
    const open = live.get(`${row.unitId}/${row.planId}`);
    const cell = {
      ...row,
      open: row.total - row.completedOnTime - row.completedLate,
      overdue: open?.overdue ?? 0,
      maxDaysOverdue: open?.maxDaysOverdue ?? 0,
    };
    const unitId = Number(cell.unitId);
    const unit = byUnitId.get(unitId) ?? { unitId, unitName: unitOf.get(unitId)!.name, path: unitOf.get(unitId)!.path, ...zero(), maxDaysOverdue: 0 };
    add(unit, cell);
    unit.maxDaysOverdue = Math.max(unit.maxDaysOverdue, Number(cell.maxDaysOverdue));
    byUnitId.set(unitId, unit);
    const id = Number(cell.planId);
    const info = planOf.get(id)!;
    const plan = byPlanId.get(id) ?? {
      planId: id,
      reference: planReference(info),
      subject: info.subject,
      issueDate: info.issueDate,
      number: info.number,
      symbol: info.symbol,
      ...zero(),
    };
    add(plan, cell);
    byPlanId.set(id, plan);
    add(sum, cell);
  }

  // Units in tree order; plans newest first.
  const allUnits = [...byUnitId.values()];
  // Beyond UNIT_ROWS, keep those with the most open items; list them in tree order.
  const shownUnits = allUnits.length <= UNIT_ROWS ? allUnits : [...allUnits].sort((a, b) => b.open - a.open || b.overdue - a.overdue).slice(0, UNIT_ROWS);
  const byUnit: UnitRow[] = shownUnits
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map(({ path: _path, ...row }) => row);
  const newestFirst = <T extends { id: number; issueDate: IsoDate | null }>(a: T, b: T) =>
    compareText(b.issueDate ?? "", a.issueDate ?? "") || b.id - a.id;
  const allPlans: PlanRow[] = [...byPlanId.values()]
    .sort((a, b) => newestFirst({ id: a.planId, issueDate: a.issueDate }, { id: b.planId, issueDate: b.issueDate }))
    .map(({ number: _number, symbol: _symbol, ...row }) => row);
  const byPlan = allPlans.slice(0, PLAN_ROWS);
  const totals: FollowUpSummary = { ...sum, onTimeRate: onTimeRate(sum) };

  const mostOverdue = allUnits
    .filter((row) => row.overdue > 0)
    .sort((a, b) => b.overdue - a.overdue || b.maxDaysOverdue - a.maxDaysOverdue || byVietnameseName.compare(a.unitName, b.unitName))
    .slice(0, 5)
    .map(({ unitId, unitName, overdue, maxDaysOverdue }) => ({ unitId, unitName, overdue, maxDaysOverdue }));

  const series = monthlySeries(
    [...openRows, ...completedRows].map((row) => ({
      status: row.status as FollowUpStatus,
      deadline: row.deadline,
      extendedDeadline: row.extendedDeadline,
      issueDate: row.issueDate,
      completionDate: row.completionDate,
    })),
    { today, months },
  );

  const choices: PlanChoice[] = planId === null ? allPlans.map((plan) => ({ id: plan.planId, reference: plan.reference, subject: plan.subject })) : await planChoicesInScope(db, actor);
  // The filter offers the newest plans, and the chosen one wherever it is.
  const plans = choices.filter((plan, index) => index < PLAN_CHOICES || plan.id === planId);

  return { today, planId, unitCount: allUnits.length, planCount: allPlans.length, totals, byUnit, byPlan, series, mostOverdue, plans };
}
