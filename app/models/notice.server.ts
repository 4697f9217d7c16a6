/**
 * Conclusion notices (Thông báo kết luận): the draft composed from a visit's supervision, edited
 * paragraph by paragraph by the standing committee, then issued — numbered from the council's TB
 * series, frozen (a database trigger refuses any later change; a correction is a new notice), and
 * the visit's recommendations become remediation items with their deadlines.
 */
import { type SQL, and, asc, desc, eq, ilike, isNull, ne, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "#db/client";
import { conclusionNotices, recommendations, supervisionPlans, units, visits } from "#db/schema";
import type { Actor } from "~/auth/actor";
import { roleHas } from "~/auth/roles";
import { getDb } from "~/db.server";
import { type NoticeDocumentData, applyBlockEdits, composeNotice, composedTexts, recomposeKeepingEdits } from "~/domain/notice-composition";
import { formatDocumentNumber } from "~/domain/numbering";
import { cleanText, parseIsoDate, vietnamDate } from "~/domain/vietnamese";
import { type NoticeDraftValues } from "~/schemas/notice";
import { splitLines } from "~/schemas/plan";
import { type NoticeBlock, noticeBlockSchema } from "~/schemas/supervision-file";
import { recordAudit } from "./audit.server";
import { nextDocumentNumber } from "./document-series.server";
import { DomainError } from "./errors.server";
import { documentIssuer } from "./plan.server";
import { visibleUnitCondition, visiblePlanCondition } from "./scope.server";
import { noticeSignerColumns, recipientNames, signerFromNoticeColumns, supervisionFileForVisit } from "./supervision-file.server";
import { findTeamVisit } from "./visit.server";
import { containsPattern } from "./text-search.server";

/** What the content column holds: the edited text, and once issued the issuer as printed then. */
export type StoredNoticeContent = {
  summary: string;
  blocks: NoticeBlock[];
  preparation?: string;
  /** The text composed for each block, so a recomposition can tell edited blocks from untouched ones. */
  composed?: Record<string, string>;
  decimals?: 1 | 2;
  issuer?: { governingBody: string; issuingBody: string };
};

const NOT_FOUND = "Không tìm thấy thông báo kết luận này.";
const NO_RIGHT = "Chỉ Thường trực HĐND ban hành kế hoạch mới soạn và ban hành thông báo kết luận.";

function storedContent(content: unknown): StoredNoticeContent {
  const value = (content ?? {}) as Record<string, unknown>;
  const blocks = noticeBlockSchema.array().safeParse(value.blocks);
  return {
    summary: typeof value.summary === "string" ? value.summary : "",
    blocks: blocks.success ? blocks.data : [],
    preparation: typeof value.preparation === "string" ? value.preparation : undefined,
    composed: value.composed && typeof value.composed === "object" ? (value.composed as Record<string, string>) : undefined,
    decimals: value.decimals === 1 ? 1 : value.decimals === 2 ? 2 : undefined,
    issuer:
      value.issuer && typeof value.issuer === "object"
        ? (value.issuer as StoredNoticeContent["issuer"])
        : undefined,
  };
}

function requireIssuer(actor: Actor) {
  if (!roleHas(actor.role, "notices:issue")) throw new DomainError(NO_RIGHT, undefined, 403);
}

/** Notices the actor may read (joined with their plan and visit): unit users see issued notices of their units only. */
function readableNoticeCondition(db: DbOrTx, actor: Actor): SQL {
  return actor.role === "unit"
    ? (and(eq(conclusionNotices.status, "issued"), visibleUnitCondition(db, actor, visits.unitId)) as SQL)
    : visiblePlanCondition(db, actor, supervisionPlans.id, supervisionPlans.issuingUnitId);
}

/** The notice with its plan and visit, if the actor may read it. */
async function findReadableNotice(db: DbOrTx, actor: Actor, noticeId: number) {
  const readable = readableNoticeCondition(db, actor);
  const [row] = await db
    .select({
      notice: conclusionNotices,
      planNumber: supervisionPlans.number,
      planSymbol: supervisionPlans.symbol,
      planSubject: supervisionPlans.subject,
      planStatus: supervisionPlans.status,
      planIssuingUnitId: supervisionPlans.issuingUnitId,
      unitId: visits.unitId,
      unitName: units.name,
    })
    .from(conclusionNotices)
    .innerJoin(supervisionPlans, eq(supervisionPlans.id, conclusionNotices.planId))
    .innerJoin(visits, eq(visits.id, conclusionNotices.visitId))
    .innerJoin(units, eq(units.id, visits.unitId))
    .where(and(eq(conclusionNotices.id, noticeId), readable));
  return row ?? null;
}

/** Only the committee of the issuing council writes; everyone else is told the notice is not theirs. */
async function lockDraft(tx: DbOrTx, actor: Actor, noticeId: number, revision?: number) {
  requireIssuer(actor);
  const [notice] = await tx.select().from(conclusionNotices).where(eq(conclusionNotices.id, noticeId)).for("update");
  if (!notice || notice.issuingUnitId !== actor.unitId) throw new DomainError(NOT_FOUND, undefined, 404);
  if (notice.status === "issued") {
    throw new DomainError(
      `Thông báo đã được ban hành với số ${formatDocumentNumber(notice.number!, notice.symbol)}, không sửa được nữa. Muốn đính chính, hãy soạn thông báo mới.`,
      undefined,
      409,
    );
  }
  if (revision !== undefined && notice.revision !== revision) {
    throw new DomainError("Dự thảo vừa được người khác sửa. Tải lại trang để xem bản mới nhất; nội dung bạn gõ vẫn được giữ trên máy này.", undefined, 409);
  }
  return notice;
}

/**
 * The visit's open draft, or a new one composed from its findings, figures and recommendations.
 * `corrects` starts the draft of a correction to an issued notice of the same visit.
 */
export async function openNoticeDraft(actor: Actor, visitId: number, options: { corrects?: number } = {}): Promise<number> {
  requireIssuer(actor);
  const db = await getDb();
  const visit = await findTeamVisit(db, actor, visitId);
  if (!visit) throw new DomainError("Không tìm thấy buổi giám sát này.", undefined, 404);
  const [plan] = await db.select().from(supervisionPlans).where(eq(supervisionPlans.id, visit.planId));
  if (plan.issuingUnitId !== actor.unitId) throw new DomainError(NO_RIGHT, undefined, 403);
  if (plan.status === "draft") throw new DomainError("Kế hoạch chưa ban hành: chưa thể soạn thông báo kết luận.", undefined, 409);

  return db.transaction(async (tx) => {
    // One draft per visit at a time: concurrent "open" calls wait here and find the first one's draft.
    await tx.execute(sql`select pg_advisory_xact_lock(${0x4e6f7469}, ${visitId})`);
    const [existing] = await tx
      .select({ id: conclusionNotices.id })
      .from(conclusionNotices)
      .where(and(eq(conclusionNotices.visitId, visitId), eq(conclusionNotices.status, "draft")))
      .limit(1);
    if (existing) return existing.id;
    const [issued] = await tx
      .select({ id: conclusionNotices.id })
      .from(conclusionNotices)
      .where(and(eq(conclusionNotices.visitId, visitId), eq(conclusionNotices.status, "issued")))
      .orderBy(desc(conclusionNotices.id))
      .limit(1);
    if (issued && options.corrects !== issued.id) {
      throw new DomainError("Buổi giám sát này đã có thông báo kết luận ban hành. Muốn đính chính, chọn “Soạn thông báo đính chính”.", undefined, 409);
    }
    const file = await supervisionFileForVisit(tx, actor, visitId, issued ? { noticeId: issued.id } : {});
    if (!file) throw new DomainError("Không tìm thấy buổi giám sát này.", undefined, 404);
    const draftFile = issued ? { ...file, notice: { ...file.notice, blocks: null } } : file;
    const composed = composeNotice(draftFile);
    const signer = noticeSignerColumns(file.notice.signer, file.issuer.issuingBody);
    const [row] = await tx
      .insert(conclusionNotices)
      .values({
        planId: visit.planId,
        visitId,
        issuingUnitId: plan.issuingUnitId,
        placeName: file.issuer.placeName,
        status: "draft",
        content: { summary: composed.summary, blocks: composed.blocks, composed: composedTexts(composed.blocks), decimals: 2 },
        recipients: file.notice.recipients,
        ...signer,
        correctsNoticeId: issued?.id ?? null,
        createdBy: actor.id,
      })
      .returning({ id: conclusionNotices.id });
    await recordAudit(tx, actor, "create", "notice", row.id, { visitId, corrects: issued?.id ?? null });
    return row.id;
  });
}

export type NoticeEditorData = Awaited<ReturnType<typeof getNoticeEditor>>;

/** The notice as the editor and the downloads show it; null when the actor may not read it. */
export async function getNoticeEditor(actor: Actor, noticeId: number) {
  const db = await getDb();
  const row = await findReadableNotice(db, actor, noticeId);
  if (!row) return null;
  const { notice } = row;
  const content = storedContent(notice.content);
  const issuer = content.issuer ?? (await documentIssuer(db, notice.issuingUnitId));
  const issuingBody = issuer.issuingBody;
  const signer = signerFromNoticeColumns(notice, issuingBody);
  const document: NoticeDocumentData = {
    governingBody: issuer.governingBody,
    issuingBody,
    number: notice.number,
    symbol: notice.symbol,
    placeName: notice.placeName,
    issueDate: notice.issueDate,
    draftYear: parseIsoDate(notice.issueDate ?? vietnamDate()).year,
    summary: content.summary,
    blocks: content.blocks,
    recipients: recipientNames(notice.recipients),
    signer,
  };
  const remediationItems =
    notice.status === "issued"
      ? await db
          .select({ id: recommendations.id, text: recommendations.text, deadline: recommendations.deadline, status: recommendations.status })
          .from(recommendations)
          .where(eq(recommendations.noticeId, notice.id))
          .orderBy(asc(recommendations.position), asc(recommendations.id))
      : [];
  const isIssuer = roleHas(actor.role, "notices:issue") && notice.issuingUnitId === actor.unitId;
  return {
    id: notice.id,
    status: notice.status,
    revision: notice.revision,
    visitId: notice.visitId!,
    planId: notice.planId,
    planReference: row.planNumber === null ? "Kế hoạch (dự thảo)" : `Kế hoạch ${formatDocumentNumber(row.planNumber, row.planSymbol)}`,
    planSubject: row.planSubject,
    unitName: row.unitName,
    correctsNoticeId: notice.correctsNoticeId,
    issuedAt: notice.issuedAt,
    canEdit: notice.status === "draft" && isIssuer,
    canCorrect: notice.status === "issued" && isIssuer,
    document,
    remediationItems,
  };
}

/** The visit's notices, newest first, for links from the plan and the findings page. */
export async function listVisitNotices(db: DbOrTx, visitId: number) {
  return db
    .select({ id: conclusionNotices.id, status: conclusionNotices.status, number: conclusionNotices.number, symbol: conclusionNotices.symbol, issueDate: conclusionNotices.issueDate })
    .from(conclusionNotices)
    .where(eq(conclusionNotices.visitId, visitId))
    .orderBy(desc(conclusionNotices.id));
}

/** Saves the committee's edits to a draft (optimistic: the revision it was loaded at). */
export async function saveNoticeDraft(actor: Actor, noticeId: number, values: NoticeDraftValues): Promise<number> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const notice = await lockDraft(tx, actor, noticeId, values.revision);
    const content = storedContent(notice.content);
    const edits = Object.fromEntries(values.blocks.map((block) => [block.key, block.text]));
    const issuer = await documentIssuer(tx, notice.issuingUnitId);
    const signer = noticeSignerColumns(
      { deputy: values.signerDeputy, name: values.signerName, title: values.signerTitle },
      issuer.issuingBody,
    );
    const revision = notice.revision + 1;
    await tx
      .update(conclusionNotices)
      .set({
        content: { ...content, summary: cleanText(values.summary), blocks: applyBlockEdits(content.blocks, edits) },
        placeName: cleanText(values.placeName),
        recipients: splitLines(values.recipients),
        ...signer,
        revision,
        updatedAt: new Date(),
      })
      .where(eq(conclusionNotices.id, noticeId));
    await recordAudit(tx, actor, "update", "notice", noticeId, { revision, edited: Object.keys(edits).length });
    return revision;
  });
}

/**
 * Composes the paragraphs again from the current findings and recommendations. Paragraphs the
 * committee edited stay as edited; the others follow the new data.
 */
export async function recomposeNoticeDraft(actor: Actor, noticeId: number, revision: number): Promise<number> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const notice = await lockDraft(tx, actor, noticeId, revision);
    const file = await supervisionFileForVisit(tx, actor, notice.visitId!, { noticeId });
    if (!file) throw new DomainError(NOT_FOUND, undefined, 404);
    const content = storedContent(notice.content);
    const composed = composeNotice({ ...file, notice: { ...file.notice, blocks: null } });
    await tx
      .update(conclusionNotices)
      .set({
        content: {
          ...content,
          blocks: recomposeKeepingEdits({ blocks: content.blocks, composed: content.composed ?? {} }, composed.blocks),
          composed: composedTexts(composed.blocks),
        },
        revision: notice.revision + 1,
        updatedAt: new Date(),
      })
      .where(eq(conclusionNotices.id, noticeId));
    await recordAudit(tx, actor, "recompose", "notice", noticeId, {});
    return notice.revision + 1;
  });
}

/**
 * Issues the draft: the next number of the council's TB series for the year, today's date in
 * Vietnam, the issuer frozen into the content, and the visit's recommendations become remediation
 * items. When every visit of the plan has an issued notice, the plan moves to "concluded".
 */
export async function issueNotice(
  actor: Actor,
  noticeId: number,
  revision: number,
  today: string = vietnamDate(),
): Promise<{ number: number; symbol: string; issueDate: string; remediationItems: number }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const notice = await lockDraft(tx, actor, noticeId, revision);
    const content = storedContent(notice.content);
    if (content.blocks.every((block) => cleanText(block.text) === "")) throw new DomainError("Thông báo chưa có nội dung.");
    if (cleanText(content.summary) === "") throw new DomainError("Nhập trích yếu của thông báo trước khi ban hành.", "summary");
    if (cleanText(notice.signerName) === "") throw new DomainError("Nhập họ tên người ký trước khi ban hành.", "signerName");
    if (cleanText(notice.placeName) === "") throw new DomainError("Nhập địa danh trước khi ban hành.", "placeName");
    const issuer = await documentIssuer(tx, notice.issuingUnitId);
    const number = await nextDocumentNumber(tx, notice.issuingUnitId, parseIsoDate(today).year, "TB");
    const items = await tx
      .update(recommendations)
      .set({ noticeId, updatedAt: new Date() })
      .where(and(eq(recommendations.visitId, notice.visitId!), isNull(recommendations.noticeId)))
      .returning({ id: recommendations.id });
    await tx
      .update(conclusionNotices)
      .set({
        status: "issued",
        number,
        issueDate: today,
        issuedAt: new Date(),
        issuedBy: actor.id,
        content: { ...content, issuer: { governingBody: issuer.governingBody, issuingBody: issuer.issuingBody } },
        revision: notice.revision + 1,
        updatedAt: new Date(),
      })
      .where(eq(conclusionNotices.id, noticeId));
    await concludePlanWhenDone(tx, actor, notice.planId);
    await recordAudit(tx, actor, "issue", "notice", noticeId, { number, symbol: notice.symbol, issueDate: today, remediationItems: items.length });
    return { number, symbol: notice.symbol, issueDate: today, remediationItems: items.length };
  });
}

async function concludePlanWhenDone(tx: DbOrTx, actor: Actor, planId: number) {
  const [{ open }] = await tx
    .select({
      open: sql<number>`count(*) filter (where not exists (
        select 1 from ${conclusionNotices} n where n.visit_id = ${visits.id} and n.status = 'issued'))::int`,
    })
    .from(visits)
    .where(eq(visits.planId, planId));
  if (Number(open) > 0) return;
  const updated = await tx
    .update(supervisionPlans)
    .set({ status: "concluded", updatedAt: new Date() })
    .where(and(eq(supervisionPlans.id, planId), eq(supervisionPlans.status, "in_progress")))
    .returning({ id: supervisionPlans.id });
  if (updated.length) await recordAudit(tx, actor, "status", "plan", planId, { from: "in_progress", to: "concluded" });
}

/** Deletes a draft the committee no longer wants (an issued notice cannot be deleted). */
export async function discardNoticeDraft(actor: Actor, noticeId: number, revision: number): Promise<number> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const notice = await lockDraft(tx, actor, noticeId, revision);
    await tx.delete(conclusionNotices).where(and(eq(conclusionNotices.id, noticeId), ne(conclusionNotices.status, "issued")));
    await recordAudit(tx, actor, "delete", "notice", noticeId, { visitId: notice.visitId });
    return notice.visitId!;
  });
}

/** For the visit's notice page: the newest notice the actor may read, and whether they may start one. */
export async function getVisitNoticeChoice(actor: Actor, visitId: number) {
  const db = await getDb();
  const visit = await findTeamVisit(db, actor, visitId);
  if (!visit) return null;
  const [plan] = await db
    .select({
      issuingUnitId: supervisionPlans.issuingUnitId,
      status: supervisionPlans.status,
      number: supervisionPlans.number,
      symbol: supervisionPlans.symbol,
      issueDate: supervisionPlans.issueDate,
    })
    .from(supervisionPlans)
    .where(eq(supervisionPlans.id, visit.planId));
  const [latest] = await listVisitNotices(db, visitId);
  return {
    visitId,
    planId: visit.planId,
    plan: { number: plan.number, symbol: plan.symbol, issueDate: plan.issueDate },
    unitName: visit.unitName,
    latestNoticeId: latest?.id ?? null,
    canCompose: roleHas(actor.role, "notices:issue") && plan.issuingUnitId === actor.unitId && plan.status !== "draft",
  };
}

export type NoticeFilter = { status?: "draft" | "issued"; year?: number; q?: string };

const issuingUnits = alias(units, "issuing_units");


/**
 * The register of conclusion notices the actor may read, newest first (drafts on top): number and
 * date, summary line, the supervised unit and the plan concluded. Text search looks in the summary
 * and the unit's name.
 */
export async function listNotices(actor: Actor, filter: NoticeFilter = {}, limit = 200) {
  const db = await getDb();
  const conditions: (SQL | undefined)[] = [readableNoticeCondition(db, actor)];
  if (filter.status) conditions.push(eq(conclusionNotices.status, filter.status));
  if (filter.year) {
    // A draft has no issue date yet: it counts in the year it was last edited (Vietnam time).
    conditions.push(
      sql`extract(year from coalesce(${conclusionNotices.issueDate}, (${conclusionNotices.updatedAt} at time zone 'Asia/Ho_Chi_Minh')::date)) = ${filter.year}`,
    );
  }
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    conditions.push(or(ilike(sql`${conclusionNotices.content}->>'summary'`, pattern), ilike(units.name, pattern)));
  }
  return db
    .select({
      id: conclusionNotices.id,
      number: conclusionNotices.number,
      symbol: conclusionNotices.symbol,
      issueDate: conclusionNotices.issueDate,
      status: conclusionNotices.status,
      summary: sql<string>`coalesce(${conclusionNotices.content}->>'summary', '')`,
      correctsNoticeId: conclusionNotices.correctsNoticeId,
      visitId: conclusionNotices.visitId,
      unitName: units.name,
      issuingUnitName: issuingUnits.name,
      planId: supervisionPlans.id,
      planNumber: supervisionPlans.number,
      planSymbol: supervisionPlans.symbol,
      planIssueDate: supervisionPlans.issueDate,
    })
    .from(conclusionNotices)
    .innerJoin(supervisionPlans, eq(supervisionPlans.id, conclusionNotices.planId))
    .innerJoin(visits, eq(visits.id, conclusionNotices.visitId))
    .innerJoin(units, eq(units.id, visits.unitId))
    .innerJoin(issuingUnits, eq(issuingUnits.id, conclusionNotices.issuingUnitId))
    .where(and(...conditions))
    .orderBy(sql`${conclusionNotices.issueDate} desc nulls first`, desc(conclusionNotices.number), desc(conclusionNotices.id))
    .limit(limit);
}

/** How many drafts wait to be issued among the notices the actor may read (the home page's card). */
export async function countDraftNotices(actor: Actor): Promise<number> {
  const db = await getDb();
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(conclusionNotices)
    .innerJoin(supervisionPlans, eq(supervisionPlans.id, conclusionNotices.planId))
    .innerJoin(visits, eq(visits.id, conclusionNotices.visitId))
    .where(and(readableNoticeCondition(db, actor), eq(conclusionNotices.status, "draft")));
  return Number(row.n);
}
