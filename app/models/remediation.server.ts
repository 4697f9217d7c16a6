/**
 * Remediation follow-up, read side: the tracker across plans (what a committee follows and what a
 * unit must remedy) and one recommendation with its reports, evidence and extension requests.
 * Everything is scoped by visibleUnitCondition on the addressed unit: a unit sees only its own.
 */
import { type SQL, and, asc, count, desc, eq, gt, gte, ilike, inArray, isNotNull, like, lt, lte, ne, or, sql } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import {
  attachments,
  conclusionNotices,
  extensionRequests,
  followUpCells,
  recommendations,
  remediationReports,
  supervisionPlans,
  units,
  users,
} from "#db/schema";
import type { Actor } from "~/auth/actor";
import { roleHas } from "~/auth/roles";
import { getDb } from "~/db.server";
import { addDays, deadlineState } from "~/domain/deadlines";
import { attachmentStore } from "~/storage/attachment-store.server";
import { type IsoDate, vietnamDate } from "~/domain/vietnamese";
import { visibleUnitCondition } from "./scope.server";
import { getFollowUpSettings } from "./settings.server";
import { containsPattern } from "./text-search.server";

export const RECOMMENDATION_STATUSES = ["not_started", "in_progress", "reported", "accepted", "returned"] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];

export type TrackerFilter = {
  planId?: number;
  unitId?: number;
  /** A status, or "open" for everything not accepted. */
  status?: RecommendationStatus | "open";
  /** overdue: past the deadline in force; due_week: due within the next 7 days. */
  state?: "overdue" | "due_week";
  q?: string;
  sort?: "overdue" | "recent";
};

export const effectiveDeadlineSql = sql<string>`coalesce(${recommendations.extendedDeadline}, ${recommendations.deadline})`;

/**
 * The tracker's conditions on `recommendations` alone (plan and text filters as subqueries), so the
 * page's ids and the total are found without joining anything: at national scale the joins cost
 * more than the filtering (docs/scaling.md).
 */
function trackerConditions(db: DbOrTx, actor: Actor, filter: TrackerFilter, today: IsoDate): SQL | undefined {
  const open = ne(recommendations.status, "accepted");
  const pattern = filter.q ? containsPattern(filter.q) : null;
  return and(
    isNotNull(recommendations.noticeId),
    visibleUnitCondition(db, actor, recommendations.addressedUnitId),
    filter.planId
      ? inArray(recommendations.noticeId, db.select({ id: conclusionNotices.id }).from(conclusionNotices).where(eq(conclusionNotices.planId, filter.planId)))
      : undefined,
    filter.unitId ? eq(recommendations.addressedUnitId, filter.unitId) : undefined,
    filter.status === "open" ? open : filter.status ? eq(recommendations.status, filter.status) : undefined,
    filter.state === "overdue" ? and(open, lt(effectiveDeadlineSql, today)) : undefined,
    filter.state === "due_week" ? and(open, gte(effectiveDeadlineSql, today), lte(effectiveDeadlineSql, addDays(today, 6))) : undefined,
    pattern
      ? or(ilike(recommendations.text, pattern), inArray(recommendations.addressedUnitId, db.select({ id: units.id }).from(units).where(ilike(units.name, pattern))))
      : undefined,
  );
}

/** The completion day of an accepted item: the Vietnam date of the accepted report, else of the acceptance. */
export const completionDateSql = sql<string | null>`${recommendations.completedOn}::text`;

const lastReportAt = sql<string | null>`(select max(${remediationReports.submittedAt}) from ${remediationReports} where ${remediationReports.recommendationId} = ${recommendations.id})`;

/**
 * The tracker's total, and how many of those are open when that is known cheaply. Filters by plan,
 * unit and open/accepted are read from follow_up_cells (a few rows per visit); the others are
 * counted over the items (they narrow the scan: overdue, due soon, one status, text).
 */
async function trackerCounts(db: DbOrTx, actor: Actor, filter: TrackerFilter, where: SQL | undefined): Promise<{ total: number; open: number | null }> {
  const fromCells = !filter.state && !filter.q && (filter.status === undefined || filter.status === "open" || filter.status === "accepted");
  if (!fromCells) {
    const [{ total }] = await db.select({ total: count() }).from(recommendations).where(where);
    return { total: Number(total), open: null };
  }
  const scope =
    actor.role === "team_member" ? visibleUnitCondition(db, actor, followUpCells.unitId) : like(units.path, `${actor.scopePath}%`);
  const [sums] = await db
    .select({
      all: sql<number>`coalesce(sum(${followUpCells.total}), 0)::int`,
      completed: sql<number>`coalesce(sum(${followUpCells.completedOnTime} + ${followUpCells.completedLate}), 0)::int`,
    })
    .from(followUpCells)
    .innerJoin(units, eq(units.id, followUpCells.unitId))
    .where(
      and(
        scope,
        filter.planId ? eq(followUpCells.planId, filter.planId) : undefined,
        filter.unitId ? eq(followUpCells.unitId, filter.unitId) : undefined,
      ),
    );
  const open = Number(sums.all) - Number(sums.completed);
  const total = filter.status === "open" ? open : filter.status === "accepted" ? Number(sums.completed) : Number(sums.all);
  return { total, open };
}

/**
 * The tracker: one row per followed-up recommendation the actor may see, most overdue first (open
 * items by the deadline in force, accepted ones last), with the total for paging.
 */
export async function listTracker(
  actor: Actor,
  filter: TrackerFilter = {},
  options: { today?: IsoDate; limit?: number; offset?: number } = {},
) {
  const db = await getDb();
  const today = options.today ?? vietnamDate();
  const where = trackerConditions(db, actor, filter, today);
  const order =
    filter.sort === "recent"
      ? [desc(conclusionNotices.issueDate), asc(recommendations.position), asc(recommendations.id)]
      : [sql`(${recommendations.status} = 'accepted')`, asc(effectiveDeadlineSql), asc(recommendations.id)];
  const limit = options.limit ?? 100;
  const offset = options.offset ?? 0;
  const { total, open } = await trackerCounts(db, actor, filter, where);
  // Open items come first: a page inside them reads only open items (recommendations_open_by_unit_idx),
  // a page past them only accepted ones, instead of sorting ten years of a province.
  let pageWhere = where;
  let pageOffset = offset;
  if (filter.sort !== "recent" && open !== null && !filter.status) {
    if (offset + limit <= open) pageWhere = and(where, ne(recommendations.status, "accepted"));
    else if (offset >= open) {
      pageWhere = and(where, eq(recommendations.status, "accepted"));
      pageOffset = offset - open;
    }
  }
  // The page's ids from recommendations alone (the notice only for the "recent" order), then the
  // details of those few rows: one statement, no join over the whole scope.
  const ids = db.select({ id: recommendations.id }).from(recommendations);
  const pageIds = (filter.sort === "recent" ? ids.innerJoin(conclusionNotices, eq(conclusionNotices.id, recommendations.noticeId)) : ids)
    .where(pageWhere)
    .orderBy(...order)
    .limit(limit)
    .offset(pageOffset);
  const [settings, rows] = await Promise.all([
    getFollowUpSettings(db),
    db
      .select({
        id: recommendations.id,
        text: recommendations.text,
        status: recommendations.status,
        deadline: recommendations.deadline,
        extendedDeadline: recommendations.extendedDeadline,
        effectiveDeadline: effectiveDeadlineSql,
        addressedUnitId: recommendations.addressedUnitId,
        addressedRole: recommendations.addressedRole,
        unitName: units.name,
        acceptedAt: recommendations.acceptedAt,
        noticeId: conclusionNotices.id,
        noticeNumber: conclusionNotices.number,
        noticeSymbol: conclusionNotices.symbol,
        noticeIssueDate: conclusionNotices.issueDate,
        planId: supervisionPlans.id,
        planNumber: supervisionPlans.number,
        planSymbol: supervisionPlans.symbol,
        planIssueDate: supervisionPlans.issueDate,
        lastReportAt,
        completionDate: completionDateSql,
        pendingExtension: sql<boolean>`exists (select 1 from ${extensionRequests} where ${extensionRequests.recommendationId} = ${recommendations.id} and ${extensionRequests.status} = 'pending')`,
      })
      .from(recommendations)
      .innerJoin(units, eq(units.id, recommendations.addressedUnitId))
      .innerJoin(conclusionNotices, eq(conclusionNotices.id, recommendations.noticeId))
      .innerJoin(supervisionPlans, eq(supervisionPlans.id, conclusionNotices.planId))
      .where(inArray(recommendations.id, pageIds))
      .orderBy(...order),
  ]);
  return {
    today,
    total,
    rows: rows.map((row) => {
      const state = deadlineState(row.effectiveDeadline, { today, closed: row.status === "accepted", dueSoonDays: settings.dueSoonDays });
      return {
        ...row,
        ...state,
        daysOverdue: state.state === "overdue" ? -state.daysLeft : null,
        lastReportAt: row.lastReportAt ? new Date(row.lastReportAt).toISOString() : null,
        acceptedAt: row.acceptedAt ? new Date(row.acceptedAt).toISOString() : null,
      };
    }),
  };
}

export type TrackerRow = Awaited<ReturnType<typeof listTracker>>["rows"][number];

export const TRACKER_PLAN_CHOICES = 100;

/**
 * The plans and units the tracker's filters offer: those with followed-up items the actor may see,
 * read from follow_up_cells (a few rows per visit) rather than from every item.
 */
export async function trackerFilterChoices(actor: Actor, selectedPlanId?: number) {
  const db = await getDb();
  const scope = and(gt(followUpCells.total, 0), visibleUnitCondition(db, actor, followUpCells.unitId));
  const [plans, unitRows] = await Promise.all([
    db
      .select({ id: supervisionPlans.id, number: supervisionPlans.number, symbol: supervisionPlans.symbol, issueDate: supervisionPlans.issueDate, subject: supervisionPlans.subject })
      .from(supervisionPlans)
      .where(inArray(supervisionPlans.id, db.select({ id: followUpCells.planId }).from(followUpCells).where(scope)))
      // The newest plans, and the chosen one wherever it is: a province has thousands.
      .orderBy(sql`${supervisionPlans.id} = ${selectedPlanId ?? 0} desc`, desc(supervisionPlans.issueDate), desc(supervisionPlans.id))
      .limit(TRACKER_PLAN_CHOICES),
    db
      .selectDistinct({ id: units.id, name: units.name })
      .from(followUpCells)
      .innerJoin(units, eq(units.id, followUpCells.unitId))
      .where(scope)
      .orderBy(asc(units.name), asc(units.id)),
  ]);
  return { plans, units: unitRows };
}

/** A followed-up recommendation the actor may see, with its notice and plan; null otherwise. */
export async function findVisibleRecommendation(db: DbOrTx, actor: Actor, recommendationId: number) {
  // The administrator keeps units and users, not the content of supervisions.
  if (!roleHas(actor.role, "plans:read")) return null;
  const [row] = await db
    .select({
      id: recommendations.id,
      visitId: recommendations.visitId,
      text: recommendations.text,
      status: recommendations.status,
      deadline: recommendations.deadline,
      extendedDeadline: recommendations.extendedDeadline,
      addressedUnitId: recommendations.addressedUnitId,
      addressedRole: recommendations.addressedRole,
      acceptedAt: recommendations.acceptedAt,
      acceptedBy: recommendations.acceptedBy,
      revision: recommendations.revision,
      unitName: units.name,
      unitPath: units.path,
      noticeId: conclusionNotices.id,
      noticeNumber: conclusionNotices.number,
      noticeSymbol: conclusionNotices.symbol,
      noticeIssueDate: conclusionNotices.issueDate,
      noticeSummary: sql<string>`coalesce(${conclusionNotices.content}->>'summary', '')`,
      planId: supervisionPlans.id,
      planNumber: supervisionPlans.number,
      planSymbol: supervisionPlans.symbol,
      planIssueDate: supervisionPlans.issueDate,
      planSubject: supervisionPlans.subject,
    })
    .from(recommendations)
    .innerJoin(units, eq(units.id, recommendations.addressedUnitId))
    .innerJoin(conclusionNotices, eq(conclusionNotices.id, recommendations.noticeId))
    .innerJoin(supervisionPlans, eq(supervisionPlans.id, conclusionNotices.planId))
    .where(and(eq(recommendations.id, recommendationId), visibleUnitCondition(db, actor, recommendations.addressedUnitId)));
  return row ?? null;
}

/** What the actor may do on a recommendation it can see. */
export function remediationRights(actor: Actor, rec: { status: string; addressedUnitId: number }) {
  const open = rec.status !== "accepted";
  return {
    canReport: open && roleHas(actor.role, "remediation:report"),
    canReview: open && roleHas(actor.role, "remediation:review"),
  };
}

/** One recommendation's page: reports with their evidence, extension requests, what the actor may do. */
export async function getRecommendationDetail(actor: Actor, recommendationId: number, today: IsoDate = vietnamDate()) {
  const db = await getDb();
  const rec = await findVisibleRecommendation(db, actor, recommendationId);
  if (!rec) return null;
  const settings = await getFollowUpSettings(db);
  const [reports, files, extensions, acceptor] = await Promise.all([
    db
      .select({
        id: remediationReports.id,
        progress: remediationReports.progress,
        content: remediationReports.content,
        submittedAt: remediationReports.submittedAt,
        submittedByName: users.fullName,
        review: remediationReports.review,
        reviewNote: remediationReports.reviewNote,
        reviewedAt: remediationReports.reviewedAt,
        reviewedByName: sql<string | null>`(select full_name from users r where r.id = ${remediationReports.reviewedBy})`,
      })
      .from(remediationReports)
      .innerJoin(users, eq(users.id, remediationReports.submittedBy))
      .where(eq(remediationReports.recommendationId, recommendationId))
      .orderBy(desc(remediationReports.submittedAt), desc(remediationReports.id)),
    db
      .select({ id: attachments.id, reportId: attachments.remediationReportId, fileName: attachments.fileName, contentType: attachments.contentType, byteSize: attachments.byteSize, kind: attachments.kind })
      .from(attachments)
      .innerJoin(remediationReports, eq(remediationReports.id, attachments.remediationReportId))
      .where(eq(remediationReports.recommendationId, recommendationId))
      .orderBy(asc(attachments.id)),
    db
      .select({
        id: extensionRequests.id,
        requestedDeadline: extensionRequests.requestedDeadline,
        reason: extensionRequests.reason,
        status: extensionRequests.status,
        requestedAt: extensionRequests.requestedAt,
        requestedByName: users.fullName,
        decidedAt: extensionRequests.decidedAt,
        decisionNote: extensionRequests.decisionNote,
        decidedByName: sql<string | null>`(select full_name from users d where d.id = ${extensionRequests.decidedBy})`,
      })
      .from(extensionRequests)
      .innerJoin(users, eq(users.id, extensionRequests.requestedBy))
      .where(eq(extensionRequests.recommendationId, recommendationId))
      .orderBy(desc(extensionRequests.requestedAt), desc(extensionRequests.id)),
    rec.acceptedBy
      ? db.select({ fullName: users.fullName }).from(users).where(eq(users.id, rec.acceptedBy))
      : Promise.resolve([] as { fullName: string }[]),
  ]);
  const effective = rec.extendedDeadline ?? rec.deadline;
  const state = deadlineState(effective, { today, closed: rec.status === "accepted", dueSoonDays: settings.dueSoonDays });
  const latest = reports[0] ?? null;
  return {
    recommendation: { ...rec, effectiveDeadline: effective, acceptedByName: acceptor[0]?.fullName ?? null },
    deadline: state,
    today,
    reports: reports.map((report) => ({
      ...report,
      files: files.filter((file) => file.reportId === report.id),
      /** Only the latest report waits for review; an earlier one was superseded by it. */
      awaitingReview: report.review === "submitted" && report.id === latest?.id,
    })),
    extensions,
    pendingExtension: extensions.find((e) => e.status === "pending") ?? null,
    rights: remediationRights(actor, rec),
  };
}

export type RecommendationDetail = NonNullable<Awaited<ReturnType<typeof getRecommendationDetail>>>;

/** Evidence files of remediation reports: to those who may see the recommendation only. */
export async function readReportAttachment(actor: Actor, attachmentId: number) {
  const db = await getDb();
  const [row] = await db
    .select({
      recommendationId: remediationReports.recommendationId,
      storageKey: attachments.storageKey,
      contentType: attachments.contentType,
      fileName: attachments.fileName,
    })
    .from(attachments)
    .innerJoin(remediationReports, eq(remediationReports.id, attachments.remediationReportId))
    .where(eq(attachments.id, attachmentId));
  if (!row || !(await findVisibleRecommendation(db, actor, row.recommendationId))) return null;
  const bytes = await attachmentStore().get(row.storageKey);
  if (!bytes) return null;
  return { bytes, contentType: row.contentType, fileName: row.fileName };
}
