import { type SQL, and, asc, eq, isNotNull, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "#db/client";
import { checklistItems, checklistSections, indicatorFigures, supervisionPlans, units, visits } from "#db/schema";
import type { Actor } from "~/auth/actor";
import { roleHas } from "~/auth/roles";
import { getDb } from "~/db.server";
import { indicatorDefinition } from "~/domain/indicators";
import { cleanText } from "~/domain/vietnamese";
import { type IndicatorKind, type VisitReportValues, visitReportSchema } from "~/schemas/visit-report";
import { recordAudit } from "./audit.server";
import { DomainError } from "./errors.server";
import { visiblePlanCondition, visibleUnitCondition } from "./scope.server";

/**
 * The unit's own report before a visit: its answer to the plan's outline and its figures for the
 * indicator items of the plan's checklist. The visited unit's users (and those of a unit above it)
 * write it while the visit is still scheduled; the plan's team and the standing committee read it.
 */

const NOT_VISIBLE = "Bạn không có quyền xem báo cáo của buổi giám sát này hoặc buổi giám sát không tồn tại.";
const NOT_REPORTER = "Chỉ đơn vị được giám sát mới được nhập báo cáo này.";

const issuingUnits = alias(units, "issuing_unit");

type ReportVisitRow = {
  id: number;
  unitId: number;
  unitName: string;
  status: (typeof visits.$inferSelect)["status"];
  scheduledAt: Date | null;
  unitReport: string;
  unitReportSubmittedAt: Date | null;
  planId: number;
  planStatus: (typeof supervisionPlans.$inferSelect)["status"];
  number: number | null;
  symbol: string;
  issueDate: string | null;
  subject: string;
  periodStart: string;
  periodEnd: string;
  reportingOutline: string;
  templateId: number | null;
  issuingUnitName: string;
};

/**
 * Who may open a visit's report: the visited unit's users through their unit subtree, once the
 * plan is issued (a draft is the council's working paper, as in plan.server.ts), the plan's team
 * and the committee through the plans they may read. Anyone else gets nothing.
 */
function readCondition(db: DbOrTx, actor: Actor): { condition: SQL; reporter: boolean } | null {
  if (roleHas(actor.role, "visits:report")) {
    return { condition: and(visibleUnitCondition(db, actor, visits.unitId), ne(supervisionPlans.status, "draft")) as SQL, reporter: true };
  }
  if (roleHas(actor.role, "visits:answer")) {
    return { condition: visiblePlanCondition(db, actor, supervisionPlans.id, supervisionPlans.issuingUnitId), reporter: false };
  }
  return null;
}

async function findReportVisit(db: DbOrTx, actor: Actor, visitId: number, forUpdate = false) {
  const access = readCondition(db, actor);
  if (!access) return null;
  const query = db
    .select({
      id: visits.id,
      unitId: visits.unitId,
      unitName: units.name,
      status: visits.status,
      scheduledAt: visits.scheduledAt,
      unitReport: visits.unitReport,
      unitReportSubmittedAt: visits.unitReportSubmittedAt,
      planId: supervisionPlans.id,
      planStatus: supervisionPlans.status,
      number: supervisionPlans.number,
      symbol: supervisionPlans.symbol,
      issueDate: supervisionPlans.issueDate,
      subject: supervisionPlans.subject,
      periodStart: supervisionPlans.periodStart,
      periodEnd: supervisionPlans.periodEnd,
      reportingOutline: supervisionPlans.reportingOutline,
      templateId: supervisionPlans.checklistTemplateId,
      issuingUnitName: issuingUnits.name,
    })
    .from(visits)
    .innerJoin(supervisionPlans, eq(supervisionPlans.id, visits.planId))
    .innerJoin(units, eq(units.id, visits.unitId))
    .innerJoin(issuingUnits, eq(issuingUnits.id, supervisionPlans.issuingUnitId))
    .where(and(eq(visits.id, visitId), access.condition));
  const [row]: ReportVisitRow[] = forUpdate ? await query.for("update", { of: visits }) : await query;
  return row ? { ...row, reporter: access.reporter } : null;
}

/** Why the unit can no longer change its report, or null while it can. */
function lockReason(visit: Pick<ReportVisitRow, "planStatus" | "status">): string | null {
  if (visit.planStatus === "draft") return "Kế hoạch giám sát chưa được ban hành; chưa thể nhập báo cáo.";
  if (visit.planStatus !== "issued" && visit.planStatus !== "in_progress") return "Kế hoạch giám sát đã kết thúc; báo cáo không còn sửa được.";
  if (visit.status !== "scheduled") return "Buổi giám sát đã bắt đầu; báo cáo của đơn vị không còn sửa được.";
  return null;
}

type IndicatorItemRow = {
  id: number;
  code: string;
  text: string;
  indicatorCode: string | null;
  targetPercent: string | null;
};

/** Label, kind and unit of measure of an indicator item; an unknown code is taken as a rate. */
export function indicatorOfItem(item: Pick<IndicatorItemRow, "code" | "text" | "indicatorCode">) {
  const definition = indicatorDefinition(item.indicatorCode ?? "");
  return {
    code: item.indicatorCode ?? item.code,
    label: definition?.label ?? item.text,
    kind: (definition?.kind ?? "rate") as IndicatorKind,
    measureUnit: definition?.measureUnit ?? "hồ sơ",
  };
}

async function listIndicatorItems(db: DbOrTx, templateId: number | null): Promise<IndicatorItemRow[]> {
  if (templateId === null) return [];
  return db
    .select({
      id: checklistItems.id,
      code: checklistItems.code,
      text: checklistItems.text,
      indicatorCode: checklistItems.indicatorCode,
      targetPercent: checklistItems.targetPercent,
    })
    .from(checklistItems)
    .innerJoin(checklistSections, eq(checklistSections.id, checklistItems.sectionId))
    .where(and(eq(checklistSections.templateId, templateId), eq(checklistItems.answerType, "indicator")))
    .orderBy(asc(checklistSections.position), asc(checklistItems.position));
}

export type ReportedFigure = { itemId: number; numerator: number; denominator: number | null };

/** The unit's reported figures of a visit, per checklist item. No permission check: the caller has checked. */
export async function listReportedFigures(db: DbOrTx, visitId: number): Promise<ReportedFigure[]> {
  const rows = await db
    .select({ itemId: indicatorFigures.itemId, numerator: indicatorFigures.numerator, denominator: indicatorFigures.denominator })
    .from(indicatorFigures)
    .where(and(eq(indicatorFigures.visitId, visitId), eq(indicatorFigures.source, "reported"), isNotNull(indicatorFigures.itemId)));
  return rows.map((r) => ({ itemId: r.itemId as number, numerator: r.numerator, denominator: r.denominator }));
}

/** Everything the report page shows, or null when the actor may not see this visit. */
export async function getVisitReport(actor: Actor, visitId: number) {
  const db = await getDb();
  const visit = await findReportVisit(db, actor, visitId);
  if (!visit) return null;
  const [items, reported] = await Promise.all([listIndicatorItems(db, visit.templateId), listReportedFigures(db, visitId)]);
  const byItem = new Map(reported.map((r) => [r.itemId, r]));
  const reason = visit.reporter ? lockReason(visit) : null;
  return {
    visit: {
      id: visit.id,
      status: visit.status,
      scheduledAt: visit.scheduledAt?.toISOString() ?? null,
      unitReport: visit.unitReport,
      unitReportSubmittedAt: visit.unitReportSubmittedAt?.toISOString() ?? null,
    },
    plan: {
      id: visit.planId,
      status: visit.planStatus,
      number: visit.number,
      symbol: visit.symbol,
      issueDate: visit.issueDate,
      subject: visit.subject,
      periodStart: visit.periodStart,
      periodEnd: visit.periodEnd,
      reportingOutline: visit.reportingOutline,
      issuingUnitName: visit.issuingUnitName,
    },
    unit: { id: visit.unitId, name: visit.unitName },
    indicators: items.map((item) => {
      const figure = byItem.get(item.id);
      return {
        itemId: item.id,
        itemCode: item.code,
        text: item.text,
        ...indicatorOfItem(item),
        targetPercent: item.targetPercent === null ? null : Number(item.targetPercent),
        reported: figure ? { numerator: figure.numerator, denominator: figure.denominator } : null,
      };
    }),
    /** The actor writes this report (a user of the visited unit), whether or not it is still open. */
    reporter: visit.reporter,
    editable: visit.reporter && reason === null,
    lockReason: reason,
  };
}

export type VisitReport = NonNullable<Awaited<ReturnType<typeof getVisitReport>>>;

type FigureContext = { visitId: number; unitId: number; periodStart: string; periodEnd: string };

/**
 * Writes (or, for null, removes) the figure of one indicator item of a visit from one source.
 * Shared by the unit's report ("reported") and usable by the team's checklist ("verified").
 */
export async function saveItemFigure(
  tx: DbOrTx,
  actor: Pick<Actor, "id">,
  context: FigureContext,
  item: IndicatorItemRow,
  figure: { numerator: number; denominator: number | null } | null,
  source: "reported" | "verified",
) {
  const where = and(eq(indicatorFigures.visitId, context.visitId), eq(indicatorFigures.itemId, item.id), eq(indicatorFigures.source, source));
  if (!figure) {
    await tx.delete(indicatorFigures).where(where);
    return;
  }
  const indicator = indicatorOfItem(item);
  const denominator = indicator.kind === "count" ? null : figure.denominator;
  const recordedAt = new Date();
  await tx
    .insert(indicatorFigures)
    .values({
      ...context,
      itemId: item.id,
      code: indicator.code,
      label: indicator.label,
      numerator: figure.numerator,
      denominator,
      measureUnit: indicator.measureUnit,
      source,
      targetPercent: item.targetPercent,
      recordedBy: actor.id,
      recordedAt,
    })
    .onConflictDoUpdate({
      target: [indicatorFigures.visitId, indicatorFigures.itemId, indicatorFigures.source],
      targetWhere: sql`${indicatorFigures.visitId} IS NOT NULL AND ${indicatorFigures.itemId} IS NOT NULL`,
      set: { numerator: figure.numerator, denominator, recordedBy: actor.id, recordedAt },
    });
}

/**
 * Saves the unit's report and figures; `submit` marks it sent to the team. Once sent, the unit
 * can only send it again (each sending is dated), so the team never reads an unsent revision.
 * Every rule of the form is checked again here against the visit's own checklist, in the
 * transaction that writes.
 */
export async function saveVisitReport(actor: Actor, visitId: number, values: VisitReportValues, options: { submit: boolean }) {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const visit = await findReportVisit(tx, actor, visitId, true);
    if (!visit) throw new DomainError(NOT_VISIBLE, undefined, 403);
    if (!visit.reporter) throw new DomainError(NOT_REPORTER, undefined, 403);
    const reason = lockReason(visit);
    if (reason) throw new DomainError(reason, undefined, 409);
    if (!options.submit && visit.unitReportSubmittedAt) {
      throw new DomainError("Báo cáo đã được gửi; bấm “Gửi lại báo cáo” để gửi bản đã sửa.", undefined, 409);
    }
    const items = await listIndicatorItems(tx, visit.templateId);
    const parsed = visitReportSchema(items.map((i) => ({ itemId: i.id, kind: indicatorOfItem(i).kind }))).safeParse({
      ...values,
      intent: options.submit ? "submit" : "save",
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new DomainError(issue.message, issue.path.join("."));
    }
    const unitReport = cleanText(parsed.data.unitReport);
    const submittedAt = options.submit ? new Date() : null;
    await tx.update(visits).set({ unitReport, unitReportSubmittedAt: submittedAt }).where(eq(visits.id, visitId));

    const itemsById = new Map(items.map((i) => [i.id, i]));
    const context = { visitId, unitId: visit.unitId, periodStart: visit.periodStart, periodEnd: visit.periodEnd };
    for (const figure of parsed.data.figures) {
      const item = itemsById.get(figure.itemId) as IndicatorItemRow;
      const value = figure.numerator === null ? null : { numerator: figure.numerator, denominator: figure.denominator };
      await saveItemFigure(tx, actor, context, item, value, "reported");
    }
    await recordAudit(tx, actor, options.submit ? "report.submit" : "report.save", "visit", visitId, {
      unitReportLength: unitReport.length,
      figures: parsed.data.figures,
    });
    return { submittedAt: submittedAt?.toISOString() ?? null };
  });
}
