/**
 * Recommendations of earlier notices carried into a later visit's checklist, so the team checks
 * on site whether they were remedied ("Kiến nghị kỳ trước cần kiểm tra").
 *
 * Carrying rule (carryOpenRecommendations): a visit V of unit U takes every recommendation R that
 *   - is followed up (R.noticeId IS NOT NULL) and still open (status <> 'accepted': not started,
 *     in progress, reported or returned),
 *   - comes from a visit of ANOTHER plan (an earlier notice, not V's own plan's conclusions), and
 *   - concerns U: either R's own visit was of U itself, or R is addressed to U, to a unit under U,
 *     or to an ancestor of U below U's locality (commune/province). The last case is the usual
 *     one: the one-stop-shop is visited while the notice addressed its recommendations to the
 *     "UBND phường" over it. Units of another locality, and the locality's other bodies (HĐND,
 *     MTTQ), are never reached.
 * It is idempotent (INSERT … SELECT … ON CONFLICT DO NOTHING), never carries into a completed
 * visit and never removes a carried row, answered or not. It runs where visits are created
 * (plan.server.ts) and when the checklist of a visit is opened, so recommendations issued after the
 * plan was made are carried too.
 *
 * Reading and answering are scoped like the checklist (findTeamVisit): the plan's team and the
 * standing committee over the plan. What they see is what was carried into their visit.
 */
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { type DbOrTx, rowsOf } from "#db/client";
import { carriedRecommendations, conclusionNotices, findings, recommendations, remediationReports, units, users, visits } from "#db/schema";
import type { Actor } from "~/auth/actor";
import { getDb } from "~/db.server";
import { carriedShortcomingText, mentionsCarried } from "~/domain/carried";
import { formatDocumentNumber } from "~/domain/numbering";
import { cleanText, formatDateTime, formatShortDate } from "~/domain/vietnamese";
import type { CarriedAnswerValues, CarriedValue } from "~/schemas/carried-answer";
import type { CarriedNotMet } from "~/schemas/finding";
import { recordAudit } from "./audit.server";
import { DomainError } from "./errors.server";
import { type TeamVisit, findTeamVisit } from "./visit.server";

export const CARRIED_NOT_VISIBLE = "Bạn không có quyền xem hoặc ghi kiến nghị kỳ trước của buổi giám sát này, hoặc buổi giám sát không tồn tại.";
export const CARRIED_NOT_FOUND = "Kiến nghị này không thuộc danh sách kiến nghị kỳ trước của buổi giám sát; tải lại trang.";
export const CARRIED_CLOSED = "Buổi giám sát đã kết thúc hoặc kế hoạch chưa ban hành: không ghi thêm kết quả kiểm tra kiến nghị kỳ trước.";

/** Plans in these states take answers, as the checklist (visit.server.ts). */
const ANSWERABLE_PLAN_STATUSES = new Set(["issued", "in_progress"]);

/**
 * Carries the open and returned recommendations of earlier notices that concern the visit's unit
 * into the visit (rule in the header). Returns the ids newly carried; an audit line is written
 * only when something was carried.
 */
export async function carryOpenRecommendations(tx: DbOrTx, visitId: number, actor: Pick<Actor, "id"> | null = null): Promise<number[]> {
  const [visit] = await tx
    .select({ unitId: visits.unitId, status: visits.status, path: units.path })
    .from(visits)
    .innerJoin(units, eq(units.id, visits.unitId))
    .where(eq(visits.id, visitId));
  if (!visit || visit.status === "completed") return [];
  const ancestorIds = visit.path.split("/").filter(Boolean).map(Number);
  // Candidates first, each through an index (the open items of the unit's subtree, of its
  // ancestors, of earlier visits to it): at national scale the rule below, applied to every open
  // item of the country, took seconds. The rule then decides among the candidates.
  const result = await tx.execute(sql`
    with candidates as (
      select r.id from recommendations r
      where r.notice_id is not null and r.status <> 'accepted'
        and r.addressed_unit_id in (select id from units where path like ${`${visit.path}%`})
      union
      select r.id from recommendations r
      where r.notice_id is not null and r.status <> 'accepted'
        and r.addressed_unit_id = any(${sql.raw(`array[${ancestorIds.join(",")}]::int[]`)})
      union
      select r.id from recommendations r
      where r.notice_id is not null and r.status <> 'accepted'
        and r.visit_id in (select id from visits where unit_id = ${visit.unitId})
    )
    insert into carried_recommendations (visit_id, recommendation_id)
    select v.id, r.id
    from visits v
    join units u on u.id = v.unit_id
    join candidates c on true
    join recommendations r on r.id = c.id
    join visits src on src.id = r.visit_id and src.plan_id <> v.plan_id
    join units au on au.id = r.addressed_unit_id
    where v.id = ${visitId}
      and v.status <> 'completed'
      and (
        src.unit_id = v.unit_id
        or au.path like u.path || '%'
        or (
          u.path like au.path || '%'
          and au.kind not in ('commune', 'province')
          and not exists (
            select 1 from units x
            where x.kind in ('commune', 'province') and x.path like au.path || '%' and u.path like x.path || '%'
          )
        )
      )
    on conflict (visit_id, recommendation_id) do nothing
    returning recommendation_id
  `);
  const ids = rowsOf<{ recommendation_id: number }>(result)
    .map((r) => Number(r.recommendation_id))
    .sort((a, b) => a - b);
  if (ids.length > 0) await recordAudit(tx, actor, "carried.add", "visit", visitId, { recommendationIds: ids });
  return ids;
}

export type CarriedItem = {
  recommendationId: number;
  text: string;
  addressedUnitName: string;
  addressedRole: string;
  /** "12/TB-HĐND ngày 05/4/2024". */
  noticeReference: string;
  deadline: string;
  extendedDeadline: string | null;
  status: (typeof recommendations.$inferSelect)["status"];
  lastReport: {
    progress: (typeof remediationReports.$inferSelect)["progress"];
    content: string;
    submittedAt: string;
    review: (typeof remediationReports.$inferSelect)["review"];
    reviewNote: string;
  } | null;
  answer: {
    value: CarriedValue | null;
    note: string;
    answeredAt: string | null;
    answeredByName: string | null;
    revision: number;
  };
};

function noticeReference(number: number | null, symbol: string | null, issueDate: string | null): string {
  if (number === null || symbol === null) return "";
  const reference = formatDocumentNumber(number, symbol);
  return issueDate ? `${reference} ngày ${formatShortDate(issueDate)}` : reference;
}

async function carriedRows(db: DbOrTx, visitId: number): Promise<CarriedItem[]> {
  const rows = await db
    .select({
      recommendationId: recommendations.id,
      text: recommendations.text,
      addressedUnitName: units.name,
      addressedRole: recommendations.addressedRole,
      noticeNumber: conclusionNotices.number,
      noticeSymbol: conclusionNotices.symbol,
      noticeIssueDate: conclusionNotices.issueDate,
      deadline: recommendations.deadline,
      extendedDeadline: recommendations.extendedDeadline,
      status: recommendations.status,
      value: carriedRecommendations.value,
      note: carriedRecommendations.note,
      answeredAt: carriedRecommendations.answeredAt,
      answeredByName: users.fullName,
      revision: carriedRecommendations.revision,
    })
    .from(carriedRecommendations)
    .innerJoin(recommendations, eq(recommendations.id, carriedRecommendations.recommendationId))
    .innerJoin(units, eq(units.id, recommendations.addressedUnitId))
    .leftJoin(conclusionNotices, eq(conclusionNotices.id, recommendations.noticeId))
    .leftJoin(users, eq(users.id, carriedRecommendations.answeredBy))
    .where(eq(carriedRecommendations.visitId, visitId))
    .orderBy(asc(conclusionNotices.issueDate), asc(recommendations.noticeId), asc(recommendations.position), asc(recommendations.id));
  const ids = rows.map((r) => r.recommendationId);
  const reports =
    ids.length === 0
      ? []
      : await db
          .selectDistinctOn([remediationReports.recommendationId], {
            recommendationId: remediationReports.recommendationId,
            progress: remediationReports.progress,
            content: remediationReports.content,
            submittedAt: remediationReports.submittedAt,
            review: remediationReports.review,
            reviewNote: remediationReports.reviewNote,
          })
          .from(remediationReports)
          .where(inArray(remediationReports.recommendationId, ids))
          .orderBy(remediationReports.recommendationId, desc(remediationReports.submittedAt), desc(remediationReports.id));
  const lastReport = new Map(reports.map((r) => [r.recommendationId, r]));
  return rows.map((r) => {
    const report = lastReport.get(r.recommendationId);
    return {
      recommendationId: r.recommendationId,
      text: r.text,
      addressedUnitName: r.addressedUnitName,
      addressedRole: r.addressedRole,
      noticeReference: noticeReference(r.noticeNumber, r.noticeSymbol, r.noticeIssueDate),
      deadline: r.deadline,
      extendedDeadline: r.extendedDeadline,
      status: r.status,
      lastReport: report
        ? { progress: report.progress, content: report.content, submittedAt: report.submittedAt.toISOString(), review: report.review, reviewNote: report.reviewNote }
        : null,
      answer: {
        value: r.value,
        note: r.note,
        answeredAt: r.answeredAt ? r.answeredAt.toISOString() : null,
        answeredByName: r.answeredByName,
        revision: r.revision,
      },
    };
  });
}

/** The visit's status and whether its team may still record what it found. */
async function answerable(db: DbOrTx, visit: TeamVisit): Promise<boolean> {
  const [row] = await db.select({ status: visits.status }).from(visits).where(eq(visits.id, visit.id));
  return Boolean(row) && row.status !== "completed" && ANSWERABLE_PLAN_STATUSES.has(visit.planStatus);
}

/**
 * The recommendations carried into a visit, with their notice, deadlines, status, the unit's last
 * report and the team's answer; null when the actor may not see the visit's checklist.
 */
export async function listCarried(actor: Actor, visitId: number): Promise<{ items: CarriedItem[]; canAnswer: boolean } | null> {
  const db = await getDb();
  const visit = await findTeamVisit(db, actor, visitId);
  if (!visit) return null;
  const [items, canAnswer] = await Promise.all([carriedRows(db, visitId), answerable(db, visit)]);
  return { items, canAnswer };
}

/**
 * For the checklist page: first carries what was issued since the visit was created (a cheap,
 * idempotent statement; nothing for a completed visit), then lists. Null when the actor may not
 * see the visit, and then nothing is carried.
 */
export async function carriedForChecklist(actor: Actor, visitId: number) {
  const db = await getDb();
  if (!(await findTeamVisit(db, actor, visitId))) return null;
  await db.transaction((tx) => carryOpenRecommendations(tx, visitId));
  return listCarried(actor, visitId);
}

/**
 * The team's finding on one carried recommendation: remedied (met), not remedied (not_met) or not
 * applicable, with a note. Saved from the revision the user saw; a later save by someone else is
 * refused with who made it, and nothing is written.
 */
export async function answerCarried(actor: Actor, visitId: number, values: CarriedAnswerValues): Promise<{ revision: number }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const visit = await findTeamVisit(tx, actor, visitId);
    if (!visit) throw new DomainError(CARRIED_NOT_VISIBLE, undefined, 403);
    const [row] = await tx
      .select({
        value: carriedRecommendations.value,
        note: carriedRecommendations.note,
        revision: carriedRecommendations.revision,
        answeredAt: carriedRecommendations.answeredAt,
        answeredByName: users.fullName,
      })
      .from(carriedRecommendations)
      .leftJoin(users, eq(users.id, carriedRecommendations.answeredBy))
      .where(and(eq(carriedRecommendations.visitId, visitId), eq(carriedRecommendations.recommendationId, values.recommendationId)))
      .for("update", { of: carriedRecommendations });
    if (!row) throw new DomainError(CARRIED_NOT_FOUND, "recommendationId", 404);
    if (!(await answerable(tx, visit))) throw new DomainError(CARRIED_CLOSED, undefined, 409);
    if (row.revision !== values.revision) {
      const who = row.answeredByName ?? "người khác";
      const when = row.answeredAt ? ` lúc ${formatDateTime(row.answeredAt)}` : "";
      throw new DomainError(
        `Kết quả kiểm tra kiến nghị này vừa được ${who} lưu${when}. Tải lại trang để xem bản mới nhất; ghi chú bạn nhập vẫn được giữ trong ô.`,
        undefined,
        409,
      );
    }
    const note = cleanText(values.note);
    const [updated] = await tx
      .update(carriedRecommendations)
      .set({ value: values.value, note, answeredBy: actor.id, answeredAt: new Date(), revision: row.revision + 1 })
      .where(and(eq(carriedRecommendations.visitId, visitId), eq(carriedRecommendations.recommendationId, values.recommendationId)))
      .returning({ revision: carriedRecommendations.revision });
    await recordAudit(tx, actor, "carried.answer", "carried_recommendation", `${visitId}:${values.recommendationId}`, {
      before: { value: row.value, note: row.note, revision: row.revision },
      after: { value: values.value, note, revision: updated.revision },
    });
    return { revision: updated.revision };
  });
}

/**
 * For the findings page: each carried recommendation the team found not remedied, with the
 * shortcoming it proposes and whether a shortcoming of the visit already states it.
 */
export async function carriedNotMetProposals(db: DbOrTx, visitId: number): Promise<CarriedNotMet[]> {
  const [items, shortcomings] = await Promise.all([
    carriedRows(db, visitId),
    db.select({ text: findings.text }).from(findings).where(and(eq(findings.visitId, visitId), eq(findings.kind, "shortcoming"))),
  ]);
  return items
    .filter((i) => i.answer.value === "not_met")
    .map((i) => ({
      recommendationId: i.recommendationId,
      noticeReference: i.noticeReference,
      text: i.text,
      note: i.answer.note,
      proposal: carriedShortcomingText(i.noticeReference, i.text, i.answer.note),
      proposed: shortcomings.some((f) => mentionsCarried(f.text, i.text)),
    }));
}
