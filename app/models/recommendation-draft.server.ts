/**
 * A visit's draft recommendations (kiến nghị, đề xuất): the ones no notice carries yet
 * (`noticeId` null). The team and the committee over the plan write them; once the notice that
 * carries one is issued it is frozen here and followed up elsewhere (recommendation.server.ts).
 */
import { and, asc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import { findings, recommendationFindings, recommendations, units } from "#db/schema";
import type { Actor } from "~/auth/actor";
import { getDb } from "~/db.server";
import { addresseeChoices, compactPositions, joinFindingTexts, movePositions, pathIds } from "~/domain/findings";
import { cleanText, formatNumber, vietnamDate } from "~/domain/vietnamese";
import {
  type RecommendationCreateValues,
  type RecommendationDeleteValues,
  MAX_RECOMMENDATION_LENGTH,
  type RecommendationMoveValues,
  type RecommendationUpdateValues,
  type RecommendationView,
  deadlineProblem,
} from "~/schemas/recommendation";
import { recordAudit } from "./audit.server";
import { DomainError } from "./errors.server";
import { GONE, STALE, answerableFindings, changeVisitDrafts, requireTeamVisit } from "./finding.server";
import { visibleUnitCondition } from "./scope.server";
import type { TeamVisit } from "./visit.server";

const ENTITY = "recommendation";
export const ISSUED_READ_ONLY = "Kiến nghị này đã ban hành trong thông báo kết luận; không sửa, xóa hay chuyển chỗ ở đây được.";
const NOT_AN_ADDRESSEE = "Chọn đơn vị nhận kiến nghị trong danh sách: đơn vị được giám sát, UBND cấp xã của đơn vị hoặc đơn vị trực thuộc.";

export type Addressee = { id: number; name: string };

/**
 * The units a recommendation of this visit may be addressed to (the visited unit, its commune's
 * UBND, the units under it), limited to the active units the actor may see; the visited unit is
 * always offered, since the actor sees the visit.
 */
export async function listAddressees(db: DbOrTx, actor: Actor, visit: TeamVisit): Promise<Addressee[]> {
  const [unit] = await db.select({ path: units.path }).from(units).where(eq(units.id, visit.unitId));
  if (!unit) return [];
  const lineage = pathIds(unit.path);
  const rows = await db
    .select({ id: units.id, parentId: units.parentId, kind: units.kind, name: units.name, path: units.path, active: units.active })
    .from(units)
    .where(or(inArray(units.id, lineage), inArray(units.parentId, lineage)));
  const choices = addresseeChoices(visit.unitId, rows).filter((u) => u.id === visit.unitId || u.active);
  const visible = await db
    .select({ id: units.id })
    .from(units)
    .where(and(inArray(units.id, choices.map((u) => u.id)), visibleUnitCondition(db, actor, units.id)));
  const seen = new Set(visible.map((v) => v.id));
  return choices.filter((u) => u.id === visit.unitId || seen.has(u.id)).map((u) => ({ id: u.id, name: u.name }));
}

/** The visit's recommendations in order with the findings each answers; drafts and issued apart. */
export async function listRecommendations(db: DbOrTx, visitId: number): Promise<{ drafts: RecommendationView[]; issued: RecommendationView[] }> {
  const [rows, links] = await Promise.all([
    db
      .select({
        id: recommendations.id,
        noticeId: recommendations.noticeId,
        addressedUnitId: recommendations.addressedUnitId,
        addressedUnitName: units.name,
        addressedRole: recommendations.addressedRole,
        text: recommendations.text,
        deadline: recommendations.deadline,
        revision: recommendations.revision,
      })
      .from(recommendations)
      .innerJoin(units, eq(units.id, recommendations.addressedUnitId))
      .where(eq(recommendations.visitId, visitId))
      .orderBy(asc(recommendations.position), asc(recommendations.id)),
    db
      .select({ recommendationId: recommendationFindings.recommendationId, id: findings.id, kind: findings.kind, text: findings.text })
      .from(recommendationFindings)
      .innerJoin(findings, eq(findings.id, recommendationFindings.findingId))
      .where(eq(findings.visitId, visitId))
      .orderBy(asc(findings.position), asc(findings.id)),
  ]);
  const views: RecommendationView[] = rows.map((r) => ({
    ...r,
    findings: links.filter((l) => l.recommendationId === r.id).map(({ id, kind, text }) => ({ id, kind, text })),
  }));
  return { drafts: views.filter((v) => v.noticeId === null), issued: views.filter((v) => v.noticeId !== null) };
}

/** Everything the page shows about the visit's recommendations. */
export async function getRecommendationDrafts(actor: Actor, visitId: number) {
  const db = await getDb();
  const visit = await requireTeamVisit(db, actor, visitId);
  const [lists, addressees, answerable] = await Promise.all([
    listRecommendations(db, visitId),
    listAddressees(db, actor, visit),
    answerableFindings(db, visitId),
  ]);
  return { ...lists, addressees, answerable };
}

// ---------------------------------------------------------------- writing

type RecommendationRow = typeof recommendations.$inferSelect;

async function draftRow(tx: DbOrTx, visitId: number, id: number, revision?: number): Promise<RecommendationRow> {
  const [row] = await tx.select().from(recommendations).where(and(eq(recommendations.id, id), eq(recommendations.visitId, visitId)));
  if (!row) throw new DomainError(GONE, undefined, 409);
  if (row.noticeId !== null) throw new DomainError(ISSUED_READ_ONLY, undefined, 409);
  if (revision !== undefined && row.revision !== revision) throw new DomainError(STALE, undefined, 409);
  return row;
}

async function checkAddressee(tx: DbOrTx, actor: Actor, visit: TeamVisit, unitId: number) {
  const choices = await listAddressees(tx, actor, visit);
  if (!choices.some((c) => c.id === unitId)) throw new DomainError(NOT_AN_ADDRESSEE, "addressedUnitId");
}

async function checkFindings(tx: DbOrTx, visitId: number, ids: number[]) {
  if (ids.length === 0) return;
  const answerable = new Set((await answerableFindings(tx, visitId)).map((f) => f.id));
  if (!ids.every((id) => answerable.has(id))) {
    throw new DomainError("Chọn kết quả đạt được hoặc tồn tại, hạn chế của chính buổi giám sát này.", "findingIds");
  }
}

function checkNewDeadline(deadline: string) {
  const problem = deadlineProblem(deadline, vietnamDate());
  if (problem) throw new DomainError(problem, "deadline");
}

function storedFields(values: RecommendationCreateValues | RecommendationUpdateValues) {
  const text = cleanText(values.text);
  if (!text) throw new DomainError("Nhập nội dung kiến nghị.", "text");
  return { addressedUnitId: values.addressedUnitId, addressedRole: cleanText(values.addressedRole), text, deadline: values.deadline };
}

async function linkFindings(tx: DbOrTx, recommendationId: number, findingIds: number[]) {
  await tx.delete(recommendationFindings).where(eq(recommendationFindings.recommendationId, recommendationId));
  const unique = [...new Set(findingIds)];
  if (unique.length > 0) await tx.insert(recommendationFindings).values(unique.map((findingId) => ({ recommendationId, findingId })));
}

/** Adds a draft recommendation at the end of the list. Its deadline must be after today in Vietnam. */
export async function createRecommendation(actor: Actor, visitId: number, values: RecommendationCreateValues): Promise<{ id: number }> {
  return changeVisitDrafts(actor, visitId, async (tx, visit) => {
    const fields = storedFields(values);
    checkNewDeadline(fields.deadline);
    await checkAddressee(tx, actor, visit, fields.addressedUnitId);
    await checkFindings(tx, visit.id, values.findingIds);
    const [{ next }] = await tx
      .select({ next: sql<number>`coalesce(max(${recommendations.position}), 0) + 1` })
      .from(recommendations)
      .where(eq(recommendations.visitId, visit.id));
    const [row] = await tx
      .insert(recommendations)
      .values({ visitId: visit.id, ...fields, position: Number(next), createdBy: actor.id })
      .returning({ id: recommendations.id });
    await linkFindings(tx, row.id, values.findingIds);
    await recordAudit(tx, actor, "recommendation.create", ENTITY, row.id, { visitId: visit.id, ...fields, findingIds: values.findingIds });
    return { id: row.id };
  });
}

/**
 * Changes a draft recommendation unless someone changed it since the form was opened. A deadline
 * left as it was is kept even if it has passed; a new one must be after today.
 */
export async function updateRecommendation(actor: Actor, visitId: number, values: RecommendationUpdateValues): Promise<{ revision: number }> {
  return changeVisitDrafts(actor, visitId, async (tx, visit) => {
    const row = await draftRow(tx, visit.id, values.id, values.revision);
    const fields = storedFields(values);
    if (fields.deadline !== row.deadline) checkNewDeadline(fields.deadline);
    if (fields.addressedUnitId !== row.addressedUnitId) await checkAddressee(tx, actor, visit, fields.addressedUnitId);
    await checkFindings(tx, visit.id, values.findingIds);
    const [updated] = await tx
      .update(recommendations)
      .set({ ...fields, revision: row.revision + 1, updatedAt: new Date() })
      .where(eq(recommendations.id, row.id))
      .returning({ revision: recommendations.revision });
    await linkFindings(tx, row.id, values.findingIds);
    const before = { addressedUnitId: row.addressedUnitId, addressedRole: row.addressedRole, text: row.text, deadline: row.deadline };
    await recordAudit(tx, actor, "recommendation.update", ENTITY, row.id, { visitId: visit.id, before, after: { ...fields, findingIds: values.findingIds } });
    return updated;
  });
}

export async function deleteRecommendation(actor: Actor, visitId: number, values: RecommendationDeleteValues): Promise<void> {
  await changeVisitDrafts(actor, visitId, async (tx, visit) => {
    const row = await draftRow(tx, visit.id, values.id, values.revision);
    await tx.delete(recommendations).where(eq(recommendations.id, row.id));
    await recordAudit(tx, actor, "recommendation.delete", ENTITY, row.id, {
      visitId: visit.id,
      addressedUnitId: row.addressedUnitId,
      addressedRole: row.addressedRole,
      text: row.text,
      deadline: row.deadline,
    });
  });
}

/** Moves a draft one step up or down among the visit's drafts. Nothing happens at either end. */
export async function moveRecommendation(actor: Actor, visitId: number, values: RecommendationMoveValues): Promise<{ moved: boolean }> {
  return changeVisitDrafts(actor, visitId, async (tx, visit) => {
    const row = await draftRow(tx, visit.id, values.id);
    const drafts = await tx
      .select({ id: recommendations.id, position: recommendations.position })
      .from(recommendations)
      .where(and(eq(recommendations.visitId, visit.id), isNull(recommendations.noticeId)))
      .orderBy(asc(recommendations.position), asc(recommendations.id));
    const changes = movePositions(drafts, row.id, values.direction);
    for (const change of changes) await tx.update(recommendations).set({ position: change.position }).where(eq(recommendations.id, change.id));
    if (changes.length > 0) await recordAudit(tx, actor, "recommendation.move", ENTITY, row.id, { visitId: visit.id, direction: values.direction, positions: changes });
    return { moved: changes.length > 0 };
  });
}

/**
 * Merges two or more drafts into the first of them in page order: texts joined with a space, the
 * earliest deadline, the findings of all; the others are deleted and the drafts after them close
 * up. All must be addressed to the same unit and role. `revisions`, if given, are the ones the
 * merger saw for `ids` (same order): a draft changed since is refused.
 */
export async function mergeRecommendations(actor: Actor, visitId: number, ids: number[], revisions?: number[]): Promise<{ id: number }> {
  return changeVisitDrafts(actor, visitId, async (tx, visit) => {
    const unique = [...new Set(ids)];
    if (unique.length < 2) throw new DomainError("Chọn ít nhất hai kiến nghị để gộp.", "ids");
    const seen = new Map(revisions ? ids.map((id, i) => [id, revisions[i]] as const) : []);
    for (const id of unique) await draftRow(tx, visit.id, id, seen.get(id));
    const drafts = await tx
      .select()
      .from(recommendations)
      .where(and(eq(recommendations.visitId, visit.id), isNull(recommendations.noticeId)))
      .orderBy(asc(recommendations.position), asc(recommendations.id));
    const [target, ...others] = drafts.filter((r) => unique.includes(r.id));
    if (!others.every((r) => r.addressedUnitId === target.addressedUnitId && r.addressedRole === target.addressedRole)) {
      throw new DomainError("Chỉ gộp các kiến nghị gửi cùng một đơn vị, cùng chức danh.", "ids");
    }
    const merged = [target, ...others];
    const text = joinFindingTexts(merged.map((r) => r.text));
    if (text.length > MAX_RECOMMENDATION_LENGTH) {
      throw new DomainError(`Nội dung sau khi gộp dài quá ${formatNumber(MAX_RECOMMENDATION_LENGTH)} ký tự; hãy rút gọn trước khi gộp.`, "ids");
    }
    const deadline = merged.map((r) => r.deadline).reduce((a, b) => (b < a ? b : a));
    const otherIds = others.map((r) => r.id);
    const links = await tx
      .selectDistinct({ findingId: recommendationFindings.findingId })
      .from(recommendationFindings)
      .where(inArray(recommendationFindings.recommendationId, otherIds));
    if (links.length > 0) {
      await tx
        .insert(recommendationFindings)
        .values(links.map((l) => ({ recommendationId: target.id, findingId: l.findingId })))
        .onConflictDoNothing();
    }
    await tx.update(recommendations).set({ text, deadline, revision: target.revision + 1, updatedAt: new Date() }).where(eq(recommendations.id, target.id));
    await tx.delete(recommendations).where(inArray(recommendations.id, otherIds));
    const positions = compactPositions(drafts, otherIds);
    for (const change of positions) await tx.update(recommendations).set({ position: change.position }).where(eq(recommendations.id, change.id));
    await recordAudit(tx, actor, "recommendation.merge", ENTITY, target.id, {
      visitId: visit.id,
      merged: others.map((r) => ({ id: r.id, text: r.text, deadline: r.deadline })),
      before: { text: target.text, deadline: target.deadline },
      after: { text, deadline },
      findingsMoved: links.map((l) => l.findingId),
      positions,
    });
    return { id: target.id };
  });
}
