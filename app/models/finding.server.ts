/**
 * Findings of a visit (kết quả đạt được; tồn tại, hạn chế; nguyên nhân khách quan / chủ quan) and
 * what each rests on (checklist items, figures, photos). The plan's team and the standing
 * committee over the plan draft them; once a conclusion notice of the visit is issued they are
 * frozen. Every write runs in one transaction with the visit row locked, so reordering and merging
 * never interleave, and leaves an audit line.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import {
  answers,
  attachments,
  checklistItems,
  conclusionNotices,
  findingCitations,
  findings,
  indicatorFigures,
  recommendationFindings,
  supervisionPlans,
  visits,
} from "#db/schema";
import type { Actor } from "~/auth/actor";
import { getDb } from "~/db.server";
import { proposeFinding } from "~/domain/checklist";
import { figureFindingText, figureMissesTarget, figureValueText, joinFindingTexts, movePositions } from "~/domain/findings";
import { cleanText, formatNumber } from "~/domain/vietnamese";
import {
  CAUSE_NEEDS_KIND,
  CAUSE_NEEDS_PARENT,
  type CitationAddValues,
  type CitationRemoveValues,
  type CitationTarget,
  type CitationView,
  type FindingCreateValues,
  type FindingDeleteValues,
  type FindingMergeValues,
  type FindingMoveValues,
  type FindingSources,
  type FindingUpdateValues,
  type FindingView,
  MAX_FINDING_LENGTH,
  ONLY_CAUSES_HAVE_PARENT,
  type ShortcomingView,
} from "~/schemas/finding";
import { recordAudit } from "./audit.server";
import { carriedNotMetProposals } from "./carried-recommendation.server";
import { templateContent, templateItem } from "./checklist-template.server";
import { DomainError } from "./errors.server";
import { type TeamVisit, findTeamVisit } from "./visit.server";

export const NOT_VISIBLE = "Bạn không có quyền xem kết quả giám sát của buổi giám sát này hoặc buổi giám sát không tồn tại.";
export const CONCLUDED = "Thông báo kết luận của buổi giám sát đã ban hành: kết quả giám sát và kiến nghị không còn sửa được.";
export const STALE = "Nội dung này đã được người khác sửa, tải lại trang để xem bản mới nhất rồi sửa tiếp.";
export const GONE = "Mục này không còn (có thể đã bị xóa hoặc gộp); tải lại trang.";

const ENTITY = "finding";

// ---------------------------------------------------------------- access

/** The visit as its team sees it, or a 403 refusal. */
export async function requireTeamVisit(db: DbOrTx, actor: Actor, visitId: number): Promise<TeamVisit> {
  const visit = await findTeamVisit(db, actor, visitId);
  if (!visit) throw new DomainError(NOT_VISIBLE, undefined, 403);
  return visit;
}

/** Whether the actor may open the visit's findings page (and so post to it). */
export async function canOpenFindings(actor: Actor, visitId: number): Promise<boolean> {
  return (await findTeamVisit(await getDb(), actor, visitId)) !== null;
}

/** Whether a conclusion notice of the visit has been issued: its findings and recommendations are then final. */
export async function isVisitConcluded(db: DbOrTx, visitId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: conclusionNotices.id })
    .from(conclusionNotices)
    .where(and(eq(conclusionNotices.visitId, visitId), eq(conclusionNotices.status, "issued")))
    .limit(1);
  return Boolean(row);
}

/**
 * Runs a change to a visit's findings or draft recommendations: the actor must be on its team (or
 * the committee over it), the visit must not be concluded, and the visit row is locked for the
 * transaction so that changes to one visit's lists happen one after another.
 */
export async function changeVisitDrafts<T>(actor: Actor, visitId: number, work: (tx: DbOrTx, visit: TeamVisit) => Promise<T>): Promise<T> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const visit = await requireTeamVisit(tx, actor, visitId);
    // "no key update" leaves foreign keys to the visit free: answers keep being saved meanwhile.
    await tx.select({ id: visits.id }).from(visits).where(eq(visits.id, visitId)).for("no key update");
    if (await isVisitConcluded(tx, visitId)) throw new DomainError(CONCLUDED, undefined, 409);
    return work(tx, visit);
  });
}

// ---------------------------------------------------------------- reading

type FindingRow = typeof findings.$inferSelect;

async function findingRows(db: DbOrTx, visitId: number): Promise<FindingRow[]> {
  return db.select().from(findings).where(eq(findings.visitId, visitId)).orderBy(asc(findings.position), asc(findings.id));
}

const SOURCE_LABELS = { reported: "đơn vị báo cáo", verified: "đoàn kiểm tra" } as const;

async function citationViews(db: DbOrTx, visitId: number): Promise<Map<number, CitationView[]>> {
  const rows = await db
    .select({
      id: findingCitations.id,
      findingId: findingCitations.findingId,
      itemId: findingCitations.itemId,
      figureId: findingCitations.figureId,
      attachmentId: findingCitations.attachmentId,
      itemCode: checklistItems.code,
      itemText: checklistItems.text,
      figureLabel: indicatorFigures.label,
      figureCode: indicatorFigures.code,
      numerator: indicatorFigures.numerator,
      denominator: indicatorFigures.denominator,
      measureUnit: indicatorFigures.measureUnit,
      targetPercent: indicatorFigures.targetPercent,
      figureSource: indicatorFigures.source,
      fileName: attachments.fileName,
    })
    .from(findingCitations)
    .innerJoin(findings, eq(findings.id, findingCitations.findingId))
    .leftJoin(checklistItems, eq(checklistItems.id, findingCitations.itemId))
    .leftJoin(indicatorFigures, eq(indicatorFigures.id, findingCitations.figureId))
    .leftJoin(attachments, eq(attachments.id, findingCitations.attachmentId))
    .where(eq(findings.visitId, visitId))
    .orderBy(asc(findingCitations.id));
  const byFinding = new Map<number, CitationView[]>();
  for (const r of rows) {
    let view: CitationView;
    if (r.itemId !== null) {
      view = { id: r.id, target: "item", targetId: r.itemId, label: `${r.itemCode}. ${r.itemText}`, url: null };
    } else if (r.figureId !== null) {
      const figure = { label: r.figureLabel ?? "", numerator: r.numerator ?? 0, denominator: r.denominator, measureUnit: r.measureUnit ?? "", targetPercent: r.targetPercent, code: r.figureCode };
      const source = r.figureSource ? ` (${SOURCE_LABELS[r.figureSource]})` : "";
      view = { id: r.id, target: "figure", targetId: r.figureId, label: `${figure.label}: ${figureValueText(figure)}${source}`, url: null };
    } else {
      const id = r.attachmentId as number;
      view = { id: r.id, target: "photo", targetId: id, label: r.fileName ?? "Ảnh", url: `/attachments/${id}` };
    }
    byFinding.set(r.findingId, [...(byFinding.get(r.findingId) ?? []), view]);
  }
  return byFinding;
}

/** The visit's findings grouped as the notice prints them: achievements; shortcomings, each with its causes. */
export async function groupedFindings(db: DbOrTx, visitId: number) {
  const [rows, citations] = await Promise.all([findingRows(db, visitId), citationViews(db, visitId)]);
  const view = (r: FindingRow): FindingView => ({
    id: r.id,
    kind: r.kind,
    causeKind: r.causeKind,
    parentId: r.parentId,
    text: r.text,
    revision: r.revision,
    citations: citations.get(r.id) ?? [],
  });
  const achievements = rows.filter((r) => r.kind === "achievement").map(view);
  const shortcomings: ShortcomingView[] = rows
    .filter((r) => r.kind === "shortcoming")
    .map((r) => {
      const causes = rows.filter((c) => c.kind === "cause" && c.parentId === r.id);
      return {
        ...view(r),
        causes: {
          objective: causes.filter((c) => c.causeKind === "objective").map(view),
          subjective: causes.filter((c) => c.causeKind === "subjective").map(view),
        },
      };
    });
  return { achievements, shortcomings };
}

/** What the team can cite and turn into findings: the checklist's items, the visit's figures and photos, its "chưa đạt" answers. */
async function findingSources(db: DbOrTx, visit: TeamVisit): Promise<FindingSources> {
  const cited = db
    .select({ itemId: findingCitations.itemId, figureId: findingCitations.figureId })
    .from(findingCitations)
    .innerJoin(findings, eq(findings.id, findingCitations.findingId))
    .where(eq(findings.visitId, visit.id));
  const [content, figureRows, photoRows, notMetRows, citedRows] = await Promise.all([
    visit.templateId === null ? null : templateContent(db, visit.templateId),
    db
      .select()
      .from(indicatorFigures)
      .where(eq(indicatorFigures.visitId, visit.id))
      .orderBy(asc(indicatorFigures.source), asc(indicatorFigures.id)),
    db
      .select({ id: attachments.id, fileName: attachments.fileName, itemCode: checklistItems.code })
      .from(attachments)
      .leftJoin(checklistItems, eq(checklistItems.id, attachments.itemId))
      .where(and(eq(attachments.visitId, visit.id), eq(attachments.kind, "photo")))
      .orderBy(asc(attachments.id)),
    db
      .select({ itemId: answers.itemId, note: answers.note })
      .from(answers)
      .where(and(eq(answers.visitId, visit.id), eq(answers.value, "not_met"))),
    cited,
  ]);
  const items = (content?.sections ?? []).flatMap((s) => s.items.map((i) => ({ id: i.id, code: i.code, text: i.text, sectionCode: s.code })));
  const citedItems = new Set(citedRows.map((r) => r.itemId).filter((id) => id !== null));
  const citedFigures = new Set(citedRows.map((r) => r.figureId).filter((id) => id !== null));
  const notMetByItem = new Map(notMetRows.map((r) => [r.itemId, r.note]));
  return {
    items,
    figures: figureRows.map((f) => ({
      id: f.id,
      label: f.label,
      value: figureValueText(f),
      source: f.source,
      proposal: figureFindingText(f),
      // Named before ceilings existed: true when the figure misses its target in either direction.
      belowTarget: figureMissesTarget(f),
      cited: citedFigures.has(f.id),
    })),
    photos: photoRows.map((p) => ({ id: p.id, fileName: p.fileName, url: `/attachments/${p.id}`, itemCode: p.itemCode })),
    notMet: items
      .filter((i) => notMetByItem.has(i.id))
      .map((i) => {
        const note = notMetByItem.get(i.id) ?? "";
        return { itemId: i.id, code: i.code, text: i.text, note, proposal: proposeFinding(i.text, note), cited: citedItems.has(i.id) };
      }),
    carriedNotMet: await carriedNotMetProposals(db, visit.id),
  };
}

/** Everything the findings page shows about findings, or null when the actor may not see the visit. */
export async function getFindingsPage(actor: Actor, visitId: number) {
  const db = await getDb();
  const visit = await findTeamVisit(db, actor, visitId);
  if (!visit) return null;
  const [plan] = await db
    .select({ subject: supervisionPlans.subject, number: supervisionPlans.number, symbol: supervisionPlans.symbol, issueDate: supervisionPlans.issueDate })
    .from(supervisionPlans)
    .where(eq(supervisionPlans.id, visit.planId));
  const [grouped, sources, concluded] = await Promise.all([groupedFindings(db, visitId), findingSources(db, visit), isVisitConcluded(db, visitId)]);
  return { visit, plan, concluded, ...grouped, sources };
}

// ---------------------------------------------------------------- writing

async function lockedFinding(tx: DbOrTx, visitId: number, id: number): Promise<FindingRow> {
  const [row] = await tx.select().from(findings).where(and(eq(findings.id, id), eq(findings.visitId, visitId)));
  if (!row) throw new DomainError(GONE, undefined, 409);
  return row;
}

function checkRevision(row: { revision: number }, revision: number) {
  if (row.revision !== revision) throw new DomainError(STALE, undefined, 409);
}

function storedText(text: string, field = "text"): string {
  const cleaned = cleanText(text);
  if (!cleaned) throw new DomainError("Nhập nội dung.", field);
  if (cleaned.length > MAX_FINDING_LENGTH) throw new DomainError(`Nội dung tối đa ${formatNumber(MAX_FINDING_LENGTH)} ký tự.`, field);
  return cleaned;
}

async function nextPosition(tx: DbOrTx, visitId: number): Promise<number> {
  const [{ next }] = await tx
    .select({ next: sql<number>`coalesce(max(${findings.position}), 0) + 1` })
    .from(findings)
    .where(eq(findings.visitId, visitId));
  return Number(next);
}

const CITATION_COLUMN = { item: "itemId", figure: "figureId", photo: "attachmentId" } as const;

/** Refuses an item, figure or photo that does not belong to this visit (a tampered id, another visit's). */
async function checkCitationTarget(tx: DbOrTx, visit: TeamVisit, target: CitationTarget, targetId: number, field: string) {
  if (target === "item") {
    const item = visit.templateId === null ? null : await templateItem(tx, visit.templateId, targetId);
    if (!item) throw new DomainError("Tiêu chí này không thuộc phiếu kiểm tra của buổi giám sát.", field);
    return;
  }
  if (target === "figure") {
    const [figure] = await tx
      .select({ id: indicatorFigures.id })
      .from(indicatorFigures)
      .where(and(eq(indicatorFigures.id, targetId), eq(indicatorFigures.visitId, visit.id)));
    if (!figure) throw new DomainError("Số liệu này không thuộc buổi giám sát.", field);
    return;
  }
  const [photo] = await tx
    .select({ id: attachments.id })
    .from(attachments)
    .where(and(eq(attachments.id, targetId), eq(attachments.visitId, visit.id)));
  if (!photo) throw new DomainError("Ảnh này không thuộc buổi giám sát.", field);
}

async function insertCitation(tx: DbOrTx, findingId: number, target: CitationTarget, targetId: number): Promise<boolean> {
  const column = findingCitations[CITATION_COLUMN[target]];
  const [existing] = await tx
    .select({ id: findingCitations.id })
    .from(findingCitations)
    .where(and(eq(findingCitations.findingId, findingId), eq(column, targetId)));
  if (existing) return false;
  await tx.insert(findingCitations).values({ findingId, [CITATION_COLUMN[target]]: targetId });
  return true;
}

/** Adds a finding at the end of its list, with what it cites. A cause goes under a shortcoming of the same visit. */
export async function createFinding(actor: Actor, visitId: number, values: FindingCreateValues): Promise<{ id: number }> {
  return changeVisitDrafts(actor, visitId, async (tx, visit) => {
    const text = storedText(values.text);
    if (values.kind === "cause") {
      if (values.parentId === null) throw new DomainError(CAUSE_NEEDS_PARENT, "parentId");
      if (values.causeKind === null) throw new DomainError(CAUSE_NEEDS_KIND, "causeKind");
      const [parent] = await tx
        .select({ kind: findings.kind })
        .from(findings)
        .where(and(eq(findings.id, values.parentId), eq(findings.visitId, visit.id)));
      if (parent?.kind !== "shortcoming") throw new DomainError(CAUSE_NEEDS_PARENT, "parentId");
    } else if (values.parentId !== null || values.causeKind !== null) {
      throw new DomainError(ONLY_CAUSES_HAVE_PARENT, "parentId");
    }
    const cited: [CitationTarget, number[], string][] = [
      ["item", values.itemIds, "itemIds"],
      ["figure", values.figureIds, "figureIds"],
      ["photo", values.attachmentIds, "attachmentIds"],
    ];
    for (const [target, ids, field] of cited) {
      for (const id of ids) await checkCitationTarget(tx, visit, target, id, field);
    }
    const [row] = await tx
      .insert(findings)
      .values({
        visitId: visit.id,
        kind: values.kind,
        causeKind: values.kind === "cause" ? values.causeKind : null,
        parentId: values.kind === "cause" ? values.parentId : null,
        text,
        position: await nextPosition(tx, visit.id),
        createdBy: actor.id,
      })
      .returning({ id: findings.id });
    for (const [target, ids] of cited) {
      for (const id of new Set(ids)) await insertCitation(tx, row.id, target, id);
    }
    await recordAudit(tx, actor, "finding.create", ENTITY, row.id, {
      visitId: visit.id,
      kind: values.kind,
      causeKind: values.causeKind,
      parentId: values.parentId,
      text,
      itemIds: values.itemIds,
      figureIds: values.figureIds,
      attachmentIds: values.attachmentIds,
    });
    return { id: row.id };
  });
}

/** Changes a finding's text, unless someone changed it since the form was opened. */
export async function updateFinding(actor: Actor, visitId: number, values: FindingUpdateValues): Promise<{ revision: number }> {
  return changeVisitDrafts(actor, visitId, async (tx, visit) => {
    const row = await lockedFinding(tx, visit.id, values.id);
    checkRevision(row, values.revision);
    const text = storedText(values.text);
    const [updated] = await tx
      .update(findings)
      .set({ text, revision: row.revision + 1, updatedAt: new Date() })
      .where(eq(findings.id, row.id))
      .returning({ revision: findings.revision });
    await recordAudit(tx, actor, "finding.update", ENTITY, row.id, { visitId: visit.id, before: row.text, after: text, revision: updated.revision });
    return updated;
  });
}

/** Deletes a finding (a shortcoming takes its causes with it), unless someone changed it meanwhile. */
export async function deleteFinding(actor: Actor, visitId: number, values: FindingDeleteValues): Promise<void> {
  await changeVisitDrafts(actor, visitId, async (tx, visit) => {
    const row = await lockedFinding(tx, visit.id, values.id);
    checkRevision(row, values.revision);
    const causes = await tx.select({ id: findings.id, text: findings.text }).from(findings).where(eq(findings.parentId, row.id));
    await tx.delete(findings).where(eq(findings.id, row.id));
    await recordAudit(tx, actor, "finding.delete", ENTITY, row.id, { visitId: visit.id, kind: row.kind, text: row.text, causes });
  });
}

/** The findings listed together with this one: its kind, and for a cause the same shortcoming and cause kind. */
function sameList(row: FindingRow) {
  return (other: FindingRow) =>
    other.kind === row.kind && (row.kind !== "cause" || (other.parentId === row.parentId && other.causeKind === row.causeKind));
}

/** Moves a finding one step up or down in its list. Nothing happens at either end. */
export async function moveFinding(actor: Actor, visitId: number, values: FindingMoveValues): Promise<{ moved: boolean }> {
  return changeVisitDrafts(actor, visitId, async (tx, visit) => {
    const row = await lockedFinding(tx, visit.id, values.id);
    const list = (await findingRows(tx, visit.id)).filter(sameList(row));
    const changes = movePositions(list, row.id, values.direction);
    for (const change of changes) await tx.update(findings).set({ position: change.position }).where(eq(findings.id, change.id));
    if (changes.length > 0) await recordAudit(tx, actor, "finding.move", ENTITY, row.id, { visitId: visit.id, direction: values.direction, positions: changes });
    return { moved: changes.length > 0 };
  });
}

/**
 * Merges findings of one list into the first of them (in the page's order): their texts joined
 * with a space, their citations, their causes and the recommendations that answer them carried
 * over; the others are deleted.
 */
export async function mergeFindings(actor: Actor, visitId: number, values: FindingMergeValues): Promise<{ id: number }> {
  return changeVisitDrafts(actor, visitId, async (tx, visit) => {
    const ids = [...new Set(values.ids)];
    if (ids.length < 2) throw new DomainError("Chọn ít nhất hai mục để gộp.", "ids");
    const rows = (await findingRows(tx, visit.id)).filter((r) => ids.includes(r.id));
    if (rows.length !== ids.length) throw new DomainError(GONE, undefined, 409);
    const [target, ...others] = rows;
    if (!others.every(sameList(target))) {
      throw new DomainError(
        target.kind === "cause"
          ? "Chỉ gộp được các nguyên nhân cùng loại của cùng một tồn tại, hạn chế."
          : "Chỉ gộp được các mục cùng loại (cùng là kết quả đạt được hoặc cùng là tồn tại, hạn chế).",
        "ids",
      );
    }
    const text = joinFindingTexts(rows.map((r) => r.text));
    if (text.length > MAX_FINDING_LENGTH) {
      throw new DomainError(`Nội dung sau khi gộp dài quá ${formatNumber(MAX_FINDING_LENGTH)} ký tự; hãy rút gọn trước khi gộp.`, "ids");
    }
    const otherIds = others.map((r) => r.id);

    // Citations: the target keeps its own; the others' are moved to it unless it already cites the same thing.
    const citations = await tx.select().from(findingCitations).where(inArray(findingCitations.findingId, ids)).orderBy(asc(findingCitations.id));
    const key = (c: typeof findingCitations.$inferSelect) => `${c.itemId}:${c.figureId}:${c.attachmentId}`;
    const kept = new Set(citations.filter((c) => c.findingId === target.id).map(key));
    const moved: number[] = [];
    for (const c of citations) {
      if (c.findingId === target.id || kept.has(key(c))) continue;
      kept.add(key(c));
      moved.push(c.id);
    }
    if (moved.length > 0) await tx.update(findingCitations).set({ findingId: target.id }).where(inArray(findingCitations.id, moved));

    // Causes of merged shortcomings now hang under the one that stays.
    const reparented = await tx
      .update(findings)
      .set({ parentId: target.id })
      .where(inArray(findings.parentId, otherIds))
      .returning({ id: findings.id });

    // Recommendations that answered a merged finding answer the one that stays.
    const links = await tx
      .selectDistinct({ recommendationId: recommendationFindings.recommendationId })
      .from(recommendationFindings)
      .where(inArray(recommendationFindings.findingId, otherIds));
    if (links.length > 0) {
      await tx
        .insert(recommendationFindings)
        .values(links.map((l) => ({ recommendationId: l.recommendationId, findingId: target.id })))
        .onConflictDoNothing();
    }

    await tx.update(findings).set({ text, revision: target.revision + 1, updatedAt: new Date() }).where(eq(findings.id, target.id));
    await tx.delete(findings).where(inArray(findings.id, otherIds));
    await recordAudit(tx, actor, "finding.merge", ENTITY, target.id, {
      visitId: visit.id,
      merged: others.map((r) => ({ id: r.id, text: r.text })),
      before: target.text,
      after: text,
      citationsMoved: moved.length,
      causesMoved: reparented.map((r) => r.id),
      recommendations: links.map((l) => l.recommendationId),
    });
    return { id: target.id };
  });
}

/** Cites an item of the visit's checklist, a figure or a photo of the visit. Citing the same thing twice changes nothing. */
export async function addCitation(actor: Actor, visitId: number, values: CitationAddValues): Promise<{ added: boolean }> {
  return changeVisitDrafts(actor, visitId, async (tx, visit) => {
    const row = await lockedFinding(tx, visit.id, values.findingId);
    await checkCitationTarget(tx, visit, values.target, values.targetId, "targetId");
    const added = await insertCitation(tx, row.id, values.target, values.targetId);
    if (added) await recordAudit(tx, actor, "finding.cite", ENTITY, row.id, { visitId: visit.id, target: values.target, targetId: values.targetId });
    return { added };
  });
}

export async function removeCitation(actor: Actor, visitId: number, values: CitationRemoveValues): Promise<void> {
  await changeVisitDrafts(actor, visitId, async (tx, visit) => {
    const [citation] = await tx
      .select({ citation: findingCitations })
      .from(findingCitations)
      .innerJoin(findings, eq(findings.id, findingCitations.findingId))
      .where(and(eq(findingCitations.id, values.citationId), eq(findings.visitId, visit.id)));
    if (!citation) throw new DomainError(GONE, undefined, 409);
    await tx.delete(findingCitations).where(eq(findingCitations.id, values.citationId));
    await recordAudit(tx, actor, "finding.uncite", ENTITY, citation.citation.findingId, { visitId: visit.id, ...citation.citation });
  });
}

/** The visit's achievements and shortcomings, for the recommendation form's checkboxes and its checks. */
export async function answerableFindings(db: DbOrTx, visitId: number) {
  return db
    .select({ id: findings.id, kind: findings.kind, text: findings.text })
    .from(findings)
    .where(and(eq(findings.visitId, visitId), inArray(findings.kind, ["achievement", "shortcoming"])))
    .orderBy(asc(findings.position), asc(findings.id));
}
