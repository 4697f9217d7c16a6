/**
 * The unit's printed Báo cáo kết quả khắc phục for one conclusion notice: composed from the latest
 * report on each recommendation of the notice addressed to the unit, previewed as a draft, then
 * issued with the next number of the unit's own BC series and frozen (migration 0004).
 */
import { and, desc, eq, inArray, isNotNull, like, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "#db/client";
import { attachments, conclusionNotices, recommendations, remediationDocuments, remediationReports, units } from "#db/schema";
import type { Actor } from "~/auth/actor";
import { roleHas } from "~/auth/roles";
import { getDb } from "~/db.server";
import { formatDocumentNumber } from "~/domain/numbering";
import { cleanText, parseIsoDate, vietnamDate } from "~/domain/vietnamese";
import type { RemediationSignerValues } from "~/schemas/remediation-document";
import type { RemediationDocumentData, RemediationDocumentItem } from "#templates/documents/remediation-report";
import { recordAudit } from "./audit.server";
import { nextDocumentNumber } from "./document-series.server";
import { DomainError } from "./errors.server";
import { visibleUnitCondition } from "./scope.server";

const NOT_VISIBLE = "Bạn không có quyền với thông báo này hoặc thông báo chưa ban hành.";
const upper = (text: string) => cleanText(text).toUpperCase();

/** How a unit heads its documents: "ỦY BAN NHÂN DÂN / PHƯỜNG BÌNH AN", symbol BC-UBND. */
async function unitLetterhead(db: DbOrTx, unitId: number) {
  const parent = alias(units, "parent");
  const [unit] = await db
    .select({ kind: units.kind, name: units.name, placeName: units.placeName, parentName: parent.name, parentPlace: parent.placeName })
    .from(units)
    .leftJoin(parent, eq(parent.id, units.parentId))
    .where(eq(units.id, unitId));
  const placeName = unit.placeName ?? unit.parentPlace ?? "";
  if (unit.kind === "people_committee") {
    return { governingBody: "ỦY BAN NHÂN DÂN", issuingBody: upper(unit.name.replace(/^(UBND|Ủy ban nhân dân)\s+/iu, "")), symbol: "BC-UBND", authority: "TM. ỦY BAN NHÂN DÂN", title: "CHỦ TỊCH", unitName: unit.name, placeName };
  }
  return { governingBody: upper(unit.parentName ?? ""), issuingBody: upper(unit.name), symbol: "BC", authority: "", title: "GIÁM ĐỐC", unitName: unit.name, placeName };
}

/** An issued notice the actor may read, with its council's name as printed in running text. */
async function visibleIssuedNotice(db: DbOrTx, actor: Actor, noticeId: number) {
  const [notice] = await db
    .select({
      id: conclusionNotices.id,
      number: conclusionNotices.number,
      symbol: conclusionNotices.symbol,
      issueDate: conclusionNotices.issueDate,
      issuingUnitId: conclusionNotices.issuingUnitId,
      summary: sql<string>`coalesce(${conclusionNotices.content}->>'summary', '')`,
    })
    .from(conclusionNotices)
    .where(and(eq(conclusionNotices.id, noticeId), eq(conclusionNotices.status, "issued")));
  if (!notice || notice.number === null || notice.issueDate === null) return null;
  // Readable by whoever may see one of its recommendations' units.
  const [reachable] = await db
    .select({ id: recommendations.id })
    .from(recommendations)
    .where(and(eq(recommendations.noticeId, noticeId), visibleUnitCondition(db, actor, recommendations.addressedUnitId)))
    .limit(1);
  if (!reachable) return null;
  const [council] = await db.select({ kind: units.kind, name: units.name }).from(units).where(eq(units.id, notice.issuingUnitId));
  // "Thường trực HĐND phường Bình An"; a committee of the council signs in its own name.
  const issuerName = council.kind === "people_council" ? `Thường trực ${council.name}` : council.name;
  return { ...notice, number: notice.number, issueDate: notice.issueDate, issuerName };
}

/** The items of a notice addressed to the unit (or units under it), each with its latest report. */
async function itemsFor(db: DbOrTx, noticeId: number, unitPath: string): Promise<RemediationDocumentItem[]> {
  const recs = await db
    .select({
      id: recommendations.id,
      text: recommendations.text,
      addressedRole: recommendations.addressedRole,
      deadline: recommendations.deadline,
      extendedDeadline: recommendations.extendedDeadline,
    })
    .from(recommendations)
    .innerJoin(units, eq(units.id, recommendations.addressedUnitId))
    .where(and(eq(recommendations.noticeId, noticeId), like(units.path, `${unitPath}%`)))
    .orderBy(recommendations.position, recommendations.id);
  if (recs.length === 0) return [];
  const reports = await db
    .select({
      id: remediationReports.id,
      recommendationId: remediationReports.recommendationId,
      progress: remediationReports.progress,
      content: remediationReports.content,
      review: remediationReports.review,
      files: sql<number>`(select count(*)::int from ${attachments} where ${attachments.remediationReportId} = ${remediationReports.id})`,
    })
    .from(remediationReports)
    .where(inArray(remediationReports.recommendationId, recs.map((r) => r.id)))
    .orderBy(desc(remediationReports.submittedAt), desc(remediationReports.id));
  return recs.map((rec) => {
    const latest = reports.find((report) => report.recommendationId === rec.id);
    return {
      text: rec.text,
      addressedRole: rec.addressedRole,
      deadline: rec.deadline,
      extendedDeadline: rec.extendedDeadline,
      progress: latest?.progress ?? null,
      content: latest?.content ?? "",
      evidenceCount: Number(latest?.files ?? 0),
      review: latest?.review ?? null,
    };
  });
}

function requireReporter(actor: Actor) {
  if (!roleHas(actor.role, "remediation:report")) throw new DomainError("Chỉ đơn vị nhận kiến nghị mới lập báo cáo kết quả khắc phục.", undefined, 403);
}

/** The draft as it would print today, with the signer and recipients given (or the defaults). */
export async function composeRemediationDocument(actor: Actor, noticeId: number, signer?: RemediationSignerValues): Promise<RemediationDocumentData | null> {
  if (!roleHas(actor.role, "remediation:report")) return null;
  const db = await getDb();
  const notice = await visibleIssuedNotice(db, actor, noticeId);
  if (!notice) return null;
  const [own] = await db.select({ path: units.path }).from(units).where(eq(units.id, actor.unitId));
  const items = await itemsFor(db, noticeId, own.path);
  if (items.length === 0) return null;
  const head = await unitLetterhead(db, actor.unitId);
  return {
    governingBody: head.governingBody,
    issuingBody: head.issuingBody,
    number: null,
    symbol: head.symbol,
    placeName: head.placeName,
    issueDate: null,
    draftYear: parseIsoDate(vietnamDate()).year,
    notice: { number: notice.number, symbol: notice.symbol, issueDate: notice.issueDate, issuerName: notice.issuerName, summary: notice.summary },
    unitName: head.unitName,
    items,
    signer: {
      authority: signer?.authority ?? head.authority,
      title: signer?.title ?? head.title,
      name: signer?.name ?? "",
    },
    recipients: signer?.recipients ?? [notice.issuerName, "Chủ tịch, các Phó Chủ tịch UBND"],
  };
}

/** Issues the report: the next number of the unit's BC series for the year, today's date, frozen. */
export async function issueRemediationDocument(actor: Actor, noticeId: number, signer: RemediationSignerValues) {
  requireReporter(actor);
  const draft = await composeRemediationDocument(actor, noticeId, signer);
  if (!draft) throw new DomainError(NOT_VISIBLE, undefined, 404);
  if (!cleanText(signer.name)) throw new DomainError("Nhập họ tên người ký báo cáo.", "name", 400);
  const db = await getDb();
  const today = vietnamDate();
  return db.transaction(async (tx) => {
    const number = await nextDocumentNumber(tx, actor.unitId, parseIsoDate(today).year, "BC");
    const content = { ...draft, number, issueDate: today, draftYear: undefined };
    const [row] = await tx
      .insert(remediationDocuments)
      .values({ noticeId, unitId: actor.unitId, number, symbol: draft.symbol, issueDate: today, content, issuedBy: actor.id })
      .returning({ id: remediationDocuments.id });
    await recordAudit(tx, actor, "remediation.document_issue", "remediation_document", row.id, { noticeId, number: formatDocumentNumber(number, draft.symbol) });
    return { id: row.id, number, symbol: draft.symbol, issueDate: today };
  });
}

/** Issued reports about a notice the actor may read: the unit's own, or all for the committee over them. */
export async function listRemediationDocuments(actor: Actor, noticeId: number) {
  const db = await getDb();
  return db
    .select({ id: remediationDocuments.id, number: remediationDocuments.number, symbol: remediationDocuments.symbol, issueDate: remediationDocuments.issueDate, unitName: units.name })
    .from(remediationDocuments)
    .innerJoin(units, eq(units.id, remediationDocuments.unitId))
    .where(and(eq(remediationDocuments.noticeId, noticeId), isNotNull(remediationDocuments.number), visibleUnitCondition(db, actor, remediationDocuments.unitId)))
    .orderBy(desc(remediationDocuments.issueDate), desc(remediationDocuments.number));
}

/** One issued report as printed, for whoever may see its unit. */
export async function getRemediationDocument(actor: Actor, documentId: number): Promise<RemediationDocumentData | null> {
  if (actor.role === "admin") return null;
  const db = await getDb();
  const [row] = await db
    .select({ content: remediationDocuments.content })
    .from(remediationDocuments)
    .where(and(eq(remediationDocuments.id, documentId), visibleUnitCondition(db, actor, remediationDocuments.unitId)));
  return row ? (row.content as unknown as RemediationDocumentData) : null;
}
