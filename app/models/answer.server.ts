import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import { answers, findingCitations, findings, supervisionPlans, visits } from "#db/schema";
import type { Actor } from "~/auth/actor";
import { getDb } from "~/db.server";
import { answerValueForFigure } from "~/domain/checklist";
import { type AnswerEdit, type AnswerState, type EditOutcome, answerEditSchema } from "~/schemas/answer-edit";
import { recordAudit } from "./audit.server";
import { templateItem } from "./checklist-template.server";
import { DomainError } from "./errors.server";
import { saveItemFigure } from "./visit-report.server";
import { type TeamVisit, findTeamVisit, listAnswerStates, listVisitPhotos } from "./visit.server";

const NOT_ALLOWED = "Bạn không có quyền ghi phiếu kiểm tra của buổi giám sát này.";

async function currentState(tx: DbOrTx, visitId: number, itemId: number): Promise<AnswerState | null> {
  const [state] = await listAnswerStates(tx, visitId, [itemId]);
  return state ?? null;
}

/** A "chưa đạt" answer's proposed finding, created once per item: later edits keep the finding the team edits. */
async function draftFinding(tx: DbOrTx, actor: Actor, visitId: number, itemId: number, text: string) {
  const [existing] = await tx
    .select({ id: findings.id })
    .from(findings)
    .innerJoin(findingCitations, eq(findingCitations.findingId, findings.id))
    .where(and(eq(findings.visitId, visitId), eq(findingCitations.itemId, itemId)))
    .limit(1);
  if (existing) return;
  const [{ next }] = await tx
    .select({ next: sql<number>`coalesce(max(${findings.position}), 0) + 1` })
    .from(findings)
    .where(eq(findings.visitId, visitId));
  const [finding] = await tx
    .insert(findings)
    .values({ visitId, kind: "shortcoming", text, position: Number(next), createdBy: actor.id })
    .returning({ id: findings.id });
  await tx.insert(findingCitations).values({ findingId: finding.id, itemId });
  await recordAudit(tx, actor, "finding.draft", "finding", finding.id, { visitId, itemId, text });
}

async function applyOne(tx: DbOrTx, actor: Actor, visit: TeamVisit, edit: AnswerEdit): Promise<EditOutcome> {
  const item = await templateItem(tx, visit.templateId as number, edit.itemId);
  if (!item) throw new DomainError("Tiêu chí không thuộc phiếu kiểm tra của buổi giám sát này.");
  // Serialise edits of one item: the row lock makes "newest wins" hold under concurrent saves.
  await tx.execute(sql`select pg_advisory_xact_lock(${visit.id}, ${item.id})`);
  const before = await currentState(tx, visit.id, item.id);
  const [stored] = await tx
    .select({ editId: answers.editId, answeredAt: answers.answeredAt })
    .from(answers)
    .where(and(eq(answers.visitId, visit.id), eq(answers.itemId, item.id)));
  if (stored?.editId === edit.editId && before) return { editId: edit.editId, outcome: "duplicate", answer: before, replaced: null };

  // The device's clock says when the answer was given; one from the future is taken as now.
  const now = new Date();
  const answeredAt = new Date(Math.min(Date.parse(edit.answeredAt), now.getTime()));
  if (stored && before && stored.answeredAt.getTime() > answeredAt.getTime()) {
    await recordAudit(tx, actor, "answer.stale", "answer", `${visit.id}:${item.id}`, { edit, keptRevision: before.revision });
    return { editId: edit.editId, outcome: "stale", answer: before };
  }

  const figure = item.answerType === "indicator" ? (edit.figure ?? null) : null;
  const value = item.answerType === "indicator" ? answerValueForFigure(figure, item.targetPercent, edit.value, item.indicatorCode) : edit.value;
  const row = {
    value,
    note: edit.note,
    numberValue: item.answerType === "number" && edit.numberValue != null ? String(edit.numberValue) : null,
    textValue: item.answerType === "text" ? (edit.textValue ?? null) : null,
    answeredBy: actor.id,
    answeredAt,
    receivedAt: now,
    editId: edit.editId,
  };
  await tx
    .insert(answers)
    .values({ visitId: visit.id, itemId: item.id, ...row })
    .onConflictDoUpdate({ target: [answers.visitId, answers.itemId], set: { ...row, revision: sql`${answers.revision} + 1` } });
  if (item.answerType === "indicator") {
    const context = { visitId: visit.id, unitId: visit.unitId, periodStart: visit.periodStart, periodEnd: visit.periodEnd };
    await saveItemFigure(tx, actor, context, item, figure, "verified");
  }
  if (value === "not_met" && edit.draftFinding) await draftFinding(tx, actor, visit.id, item.id, edit.draftFinding);

  // The first answer starts the visit, and the plan with it.
  await tx.update(visits).set({ status: "in_progress" }).where(and(eq(visits.id, visit.id), eq(visits.status, "scheduled")));
  await tx
    .update(supervisionPlans)
    .set({ status: "in_progress", updatedAt: now })
    .where(and(eq(supervisionPlans.id, visit.planId), eq(supervisionPlans.status, "issued")));

  const after = (await currentState(tx, visit.id, item.id)) as AnswerState;
  const replaced = before && before.answeredById !== actor.id && before.revision > edit.baseRevision ? before : null;
  await recordAudit(tx, actor, "answer.save", "answer", `${visit.id}:${item.id}`, {
    itemCode: item.code,
    value: after.value,
    note: after.note,
    numberValue: after.numberValue,
    textValue: after.textValue,
    figure: after.figure,
    revision: after.revision,
    answeredAt: after.answeredAt,
    ...(replaced ? { replaced: { by: replaced.answeredByName, value: replaced.value, note: replaced.note, revision: replaced.revision } } : {}),
  });
  return { editId: edit.editId, outcome: "applied", answer: after, replaced };
}

/**
 * Applies a device's edits in the order it made them, each in its own transaction, so one refused
 * edit does not hold back the others. Throws a DomainError (403) when the actor may not answer.
 */
export async function applyAnswerEdits(actor: Actor, visitId: number, edits: unknown[]): Promise<EditOutcome[]> {
  const db = await getDb();
  const visit = await findTeamVisit(db, actor, visitId);
  if (!visit) throw new DomainError(NOT_ALLOWED, undefined, 403);
  if (!visit.canAnswer) {
    throw new DomainError("Kế hoạch chưa ban hành hoặc đã kết thúc: phiếu kiểm tra không nhận thêm câu trả lời.", undefined, 409);
  }
  const outcomes: EditOutcome[] = [];
  for (const raw of edits) {
    const editId = typeof (raw as { editId?: unknown })?.editId === "string" ? String((raw as { editId: string }).editId).slice(0, 64) : "";
    const parsed = answerEditSchema.safeParse(raw);
    if (!parsed.success) {
      outcomes.push({ editId, outcome: "refused", message: parsed.error.issues[0]?.message ?? "Câu trả lời không hợp lệ." });
      continue;
    }
    try {
      outcomes.push(await db.transaction((tx) => applyOne(tx, actor, visit, parsed.data)));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      outcomes.push({ editId, outcome: "refused", message: error.message });
    }
  }
  return outcomes;
}

/** The visit's answers and photos, for a tablet that polls to see its teammates' work. */
export async function answersForTeam(actor: Actor, visitId: number) {
  const db = await getDb();
  const visit = await findTeamVisit(db, actor, visitId);
  if (!visit) throw new DomainError(NOT_ALLOWED, undefined, 403);
  const [answerStates, photos] = await Promise.all([listAnswerStates(db, visitId), listVisitPhotos(db, visitId)]);
  return { answers: answerStates, photos };
}
