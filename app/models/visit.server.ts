import { and, asc, eq, inArray, isNotNull } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import {
  answers,
  attachments,
  findingCitations,
  findings,
  indicatorFigures,
  supervisionPlans,
  units,
  users,
  visits,
} from "#db/schema";
import type { Actor } from "~/auth/actor";
import { roleHas } from "~/auth/roles";
import { getDb } from "~/db.server";
import type { AnswerState, AnswerValue } from "~/schemas/answer-edit";
import { templateContent } from "./checklist-template.server";
import { visiblePlanCondition } from "./scope.server";
import { listReportedFigures } from "./visit-report.server";

/** Plans in these states take answers; a draft is not yet in force, a concluded plan is closed. */
const ANSWERABLE_PLAN_STATUSES = new Set(["issued", "in_progress"]);

export type TeamVisit = {
  id: number;
  planId: number;
  unitId: number;
  unitName: string;
  planStatus: (typeof supervisionPlans.$inferSelect)["status"];
  templateId: number | null;
  periodStart: string;
  periodEnd: string;
  canAnswer: boolean;
};

/**
 * A visit as its team sees it: the plan's team members and the standing committee over the plan.
 * Unit users answer their own report elsewhere and do not see the team's checklist; the
 * administrator does not see plan content. Null when the actor may not see the visit.
 */
export async function findTeamVisit(db: DbOrTx, actor: Actor, visitId: number): Promise<TeamVisit | null> {
  if (!roleHas(actor.role, "visits:answer")) return null;
  const [row] = await db
    .select({
      id: visits.id,
      planId: visits.planId,
      unitId: visits.unitId,
      unitName: units.name,
      planStatus: supervisionPlans.status,
      templateId: supervisionPlans.checklistTemplateId,
      periodStart: supervisionPlans.periodStart,
      periodEnd: supervisionPlans.periodEnd,
    })
    .from(visits)
    .innerJoin(supervisionPlans, eq(supervisionPlans.id, visits.planId))
    .innerJoin(units, eq(units.id, visits.unitId))
    .where(and(eq(visits.id, visitId), visiblePlanCondition(db, actor, supervisionPlans.id, supervisionPlans.issuingUnitId)));
  if (!row) return null;
  return { ...row, canAnswer: ANSWERABLE_PLAN_STATUSES.has(row.planStatus) && row.templateId !== null };
}

/** The current answers of a visit with who gave them and the verified figures of indicator items. */
export async function listAnswerStates(db: DbOrTx, visitId: number, itemIds?: number[]): Promise<AnswerState[]> {
  const rows = await db
    .select({
      itemId: answers.itemId,
      value: answers.value,
      note: answers.note,
      numberValue: answers.numberValue,
      textValue: answers.textValue,
      revision: answers.revision,
      answeredAt: answers.answeredAt,
      answeredById: answers.answeredBy,
      answeredByName: users.fullName,
      numerator: indicatorFigures.numerator,
      denominator: indicatorFigures.denominator,
    })
    .from(answers)
    .leftJoin(users, eq(users.id, answers.answeredBy))
    .leftJoin(
      indicatorFigures,
      and(eq(indicatorFigures.visitId, answers.visitId), eq(indicatorFigures.itemId, answers.itemId), eq(indicatorFigures.source, "verified")),
    )
    .where(and(eq(answers.visitId, visitId), itemIds ? inArray(answers.itemId, itemIds) : undefined));
  return rows.map((r) => ({
    itemId: r.itemId,
    value: r.value as AnswerValue | null,
    note: r.note,
    numberValue: r.numberValue === null ? null : Number(r.numberValue),
    textValue: r.textValue,
    figure: r.numerator === null ? null : { numerator: r.numerator, denominator: r.denominator },
    revision: r.revision,
    answeredAt: r.answeredAt.toISOString(),
    answeredById: r.answeredById,
    answeredByName: r.answeredByName,
  }));
}

export async function listVisitPhotos(db: DbOrTx, visitId: number) {
  return db
    .select({ id: attachments.id, clientId: attachments.clientId, itemId: attachments.itemId, fileName: attachments.fileName })
    .from(attachments)
    .where(and(eq(attachments.visitId, visitId), eq(attachments.kind, "photo")))
    .orderBy(asc(attachments.id));
}

/** Everything the checklist page shows, or null when the actor may not see the visit. */
export async function getVisitChecklist(actor: Actor, visitId: number) {
  const db = await getDb();
  const visit = await findTeamVisit(db, actor, visitId);
  if (!visit) return null;
  const [plan] = await db
    .select({
      subject: supervisionPlans.subject,
      number: supervisionPlans.number,
      symbol: supervisionPlans.symbol,
      issueDate: supervisionPlans.issueDate,
      unitReport: visits.unitReport,
      unitReportSubmittedAt: visits.unitReportSubmittedAt,
    })
    .from(visits)
    .innerJoin(supervisionPlans, eq(supervisionPlans.id, visits.planId))
    .where(eq(visits.id, visitId));
  const [checklist, answerStates, reported, photos, draftedItems] = await Promise.all([
    visit.templateId === null ? null : templateContent(db, visit.templateId),
    listAnswerStates(db, visitId),
    listReportedFigures(db, visitId),
    listVisitPhotos(db, visitId),
    db
      .selectDistinct({ itemId: findingCitations.itemId })
      .from(findingCitations)
      .innerJoin(findings, eq(findings.id, findingCitations.findingId))
      .where(and(eq(findings.visitId, visitId), isNotNull(findingCitations.itemId))),
  ]);
  return {
    visit,
    plan,
    checklist: checklist ? { template: { id: checklist.id, title: checklist.title, version: checklist.version }, sections: checklist.sections } : null,
    answers: answerStates,
    reported,
    photos,
    draftedItemIds: draftedItems.map((d) => d.itemId as number),
  };
}
