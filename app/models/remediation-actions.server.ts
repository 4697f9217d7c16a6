/**
 * Remediation follow-up, write side. The unit reports progress with evidence and may ask for more
 * time; the standing committee accepts or returns the latest report and grants or refuses an
 * extension. Each change runs in one transaction that locks the recommendation row, writes the
 * audit line and notifies the other side. An accepted recommendation is closed for good (the
 * database refuses any later change, migration 0004).
 */
import { createHash, randomUUID } from "node:crypto";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Tx } from "#db/client";
import { attachments, extensionRequests, recommendations, remediationReports } from "#db/schema";
import type { Actor } from "~/auth/actor";
import { roleHas } from "~/auth/roles";
import { getDb } from "~/db.server";
import { MAX_EVIDENCE_BYTES, MAX_EVIDENCE_FILES, sniffEvidenceType } from "~/domain/evidence-type";
import { safeFileName } from "~/domain/image-type";
import { formatDate, vietnamDate } from "~/domain/vietnamese";
import {
  type ExtensionDecisionValues,
  type ExtensionRequestValues,
  type RemediationReportValues,
  type ReviewValues,
  extensionDateProblem,
} from "~/schemas/remediation";
import { attachmentStore } from "~/storage/attachment-store.server";
import { recordAudit } from "./audit.server";
import { DomainError } from "./errors.server";
import { activeUsers, committeeUsersOver, notify, unitUsersOf } from "./follow-up-recipients.server";
import { findVisibleRecommendation } from "./remediation.server";

export type EvidenceUpload = { fileName: string; bytes: Uint8Array };

const NOT_VISIBLE = "Bạn không có quyền với kiến nghị này hoặc kiến nghị không tồn tại.";
const CLOSED = "Kiến nghị đã được Thường trực HĐND chấp nhận kết quả khắc phục: không thể thay đổi nữa.";

const shorten = (text: string, max = 160) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Locks the recommendation for the rest of the transaction and checks the actor may see it. */
async function lockVisible(tx: Tx, actor: Actor, recommendationId: number) {
  const rec = await findVisibleRecommendation(tx, actor, recommendationId);
  if (!rec) throw new DomainError(NOT_VISIBLE, undefined, 404);
  const [locked] = await tx
    .select({ status: recommendations.status, deadline: recommendations.deadline, extendedDeadline: recommendations.extendedDeadline })
    .from(recommendations)
    .where(eq(recommendations.id, recommendationId))
    .for("update");
  return { ...rec, ...locked };
}

function checkEvidence(files: EvidenceUpload[]) {
  if (files.length > MAX_EVIDENCE_FILES) throw new DomainError(`Mỗi lần báo cáo gửi tối đa ${MAX_EVIDENCE_FILES} tệp minh chứng.`, "files", 400);
  return files.map((file, index) => {
    const name = safeFileName(file.fileName, `minh-chung-${index + 1}`);
    if (file.bytes.byteLength === 0) throw new DomainError(`Tệp “${name}” trống.`, "files", 400);
    if (file.bytes.byteLength > MAX_EVIDENCE_BYTES) throw new DomainError(`Tệp “${name}” quá lớn (tối đa 8 MB).`, "files", 413);
    const type = sniffEvidenceType(file.bytes);
    if (!type) throw new DomainError(`Tệp “${name}” không phải ảnh (JPEG, PNG, WebP) hoặc PDF.`, "files", 415);
    return { ...file, fileName: name, type };
  });
}

const STATUS_AFTER_REPORT = { not_started: "not_started", in_progress: "in_progress", completed: "reported" } as const;

/** The unit reports progress: what was done, evidence files, and where it stands. */
export async function submitRemediationReport(
  actor: Actor,
  recommendationId: number,
  values: Omit<RemediationReportValues, "intent">,
  files: EvidenceUpload[] = [],
): Promise<{ reportId: number }> {
  if (!roleHas(actor.role, "remediation:report")) throw new DomainError("Chỉ đơn vị nhận kiến nghị mới báo cáo kết quả khắc phục.", undefined, 403);
  const db = await getDb();
  const visible = await findVisibleRecommendation(db, actor, recommendationId);
  if (!visible) throw new DomainError(NOT_VISIBLE, undefined, 404);
  if (visible.status === "accepted") throw new DomainError(CLOSED, undefined, 409);
  const evidence = checkEvidence(files);
  // Bytes first, under fresh keys: a failed transaction leaves an unreferenced file, never a row without its file.
  const stored: (ReturnType<typeof checkEvidence>[number] & { storageKey: string })[] = [];
  for (const file of evidence) {
    const storageKey = `remediation/${recommendationId}/${randomUUID()}.${file.type.extension}`;
    await attachmentStore().put(storageKey, file.bytes);
    stored.push({ ...file, storageKey });
  }
  return db.transaction(async (tx) => {
    const rec = await lockVisible(tx, actor, recommendationId);
    if (rec.status === "accepted") throw new DomainError(CLOSED, undefined, 409);
    const [report] = await tx
      .insert(remediationReports)
      .values({ recommendationId, unitId: rec.addressedUnitId, progress: values.progress, content: values.content, submittedBy: actor.id })
      .returning({ id: remediationReports.id });
    for (const file of stored) {
      await tx.insert(attachments).values({
        remediationReportId: report.id,
        kind: file.type.contentType === "application/pdf" ? "document" : "photo",
        fileName: file.fileName,
        contentType: file.type.contentType,
        byteSize: file.bytes.byteLength,
        sha256: createHash("sha256").update(file.bytes).digest("hex"),
        storageKey: file.storageKey,
        uploadedBy: actor.id,
      });
    }
    await tx
      .update(recommendations)
      .set({ status: STATUS_AFTER_REPORT[values.progress], updatedAt: new Date(), revision: sql`${recommendations.revision} + 1` })
      .where(eq(recommendations.id, recommendationId));
    await recordAudit(tx, actor, "remediation.report", "recommendation", recommendationId, {
      reportId: report.id,
      progress: values.progress,
      files: stored.map((f) => f.fileName),
    });
    const committee = await committeeUsersOver(tx, rec.addressedUnitId);
    await notify(tx, committee.map((u) => u.id), {
      title: `${rec.unitName} báo cáo kết quả khắc phục`,
      body: shorten(rec.text),
      link: `/recommendations/${recommendationId}`,
    });
    return { reportId: report.id };
  });
}

/** The unit asks for more time, with a reason; one pending request at a time. */
export async function requestExtension(actor: Actor, recommendationId: number, values: Omit<ExtensionRequestValues, "intent">, today = vietnamDate()) {
  if (!roleHas(actor.role, "remediation:report")) throw new DomainError("Chỉ đơn vị nhận kiến nghị mới đề nghị gia hạn.", undefined, 403);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const rec = await lockVisible(tx, actor, recommendationId);
    if (rec.status === "accepted") throw new DomainError(CLOSED, undefined, 409);
    const problem = extensionDateProblem(values.requestedDeadline, rec.extendedDeadline ?? rec.deadline, today);
    if (problem) throw new DomainError(problem, "requestedDeadline", 400);
    const [pending] = await tx
      .select({ id: extensionRequests.id })
      .from(extensionRequests)
      .where(and(eq(extensionRequests.recommendationId, recommendationId), eq(extensionRequests.status, "pending")));
    if (pending) throw new DomainError("Đã có một đề nghị gia hạn đang chờ Thường trực HĐND xem xét.", undefined, 409);
    const [request] = await tx
      .insert(extensionRequests)
      .values({ recommendationId, requestedDeadline: values.requestedDeadline, reason: values.reason, requestedBy: actor.id })
      .returning({ id: extensionRequests.id });
    await recordAudit(tx, actor, "remediation.extension_request", "recommendation", recommendationId, {
      requestId: request.id,
      requestedDeadline: values.requestedDeadline,
    });
    const committee = await committeeUsersOver(tx, rec.addressedUnitId);
    await notify(tx, committee.map((u) => u.id), {
      title: `${rec.unitName} đề nghị gia hạn đến ngày ${formatDate(values.requestedDeadline)}`,
      body: shorten(rec.text),
      link: `/recommendations/${recommendationId}`,
    });
    return { requestId: request.id };
  });
}

function requireReviewer(actor: Actor) {
  if (!roleHas(actor.role, "remediation:review")) throw new DomainError("Chỉ Thường trực HĐND xem xét kết quả khắc phục.", undefined, 403);
}

/** The committee accepts the latest report (closing the recommendation) or returns it with a reason. */
export async function reviewRemediationReport(actor: Actor, recommendationId: number, values: Omit<ReviewValues, "intent">) {
  requireReviewer(actor);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const rec = await lockVisible(tx, actor, recommendationId);
    if (rec.status === "accepted") throw new DomainError(CLOSED, undefined, 409);
    const [latest] = await tx
      .select({ id: remediationReports.id, progress: remediationReports.progress, review: remediationReports.review, submittedBy: remediationReports.submittedBy })
      .from(remediationReports)
      .where(eq(remediationReports.recommendationId, recommendationId))
      .orderBy(desc(remediationReports.submittedAt), desc(remediationReports.id))
      .limit(1);
    if (!latest || latest.id !== values.reportId) {
      throw new DomainError("Báo cáo này không còn là báo cáo mới nhất của kiến nghị: hãy tải lại trang.", undefined, 409);
    }
    if (latest.review !== "submitted") throw new DomainError("Báo cáo này đã được xem xét.", undefined, 409);
    if (values.decision === "accept" && latest.progress !== "completed") {
      throw new DomainError("Chỉ chấp nhận khi đơn vị báo cáo đã hoàn thành; hãy trả lại nếu cần bổ sung.", "decision", 400);
    }
    const now = new Date();
    const review = values.decision === "accept" ? "accepted" : "returned";
    await tx
      .update(remediationReports)
      .set({ review, reviewNote: values.note, reviewedBy: actor.id, reviewedAt: now })
      .where(eq(remediationReports.id, latest.id));
    await tx
      .update(recommendations)
      .set(
        values.decision === "accept"
          ? { status: "accepted", acceptedAt: now, acceptedBy: actor.id, updatedAt: now, revision: sql`${recommendations.revision} + 1` }
          : { status: "returned", updatedAt: now, revision: sql`${recommendations.revision} + 1` },
      )
      .where(eq(recommendations.id, recommendationId));
    await recordAudit(tx, actor, `remediation.${review === "accepted" ? "accept" : "return"}`, "recommendation", recommendationId, {
      reportId: latest.id,
      note: values.note,
    });
    const unitUsers = await unitUsersOf(tx, rec.addressedUnitId);
    await notify(tx, [...unitUsers.map((u) => u.id), ...(await activeUsers(tx, [latest.submittedBy]))], {
      title: values.decision === "accept" ? "Thường trực HĐND chấp nhận kết quả khắc phục" : "Thường trực HĐND trả lại báo cáo khắc phục",
      body: values.decision === "accept" ? shorten(rec.text) : `Lý do: ${shorten(values.note, 300)}`,
      link: `/recommendations/${recommendationId}`,
    });
    return { review };
  });
}

/** The committee grants (the new deadline is kept beside the original) or refuses an extension. */
export async function decideExtension(actor: Actor, recommendationId: number, values: Omit<ExtensionDecisionValues, "intent">, today = vietnamDate()) {
  requireReviewer(actor);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const rec = await lockVisible(tx, actor, recommendationId);
    if (rec.status === "accepted") throw new DomainError(CLOSED, undefined, 409);
    const [request] = await tx
      .select()
      .from(extensionRequests)
      .where(and(eq(extensionRequests.id, values.requestId), eq(extensionRequests.recommendationId, recommendationId)))
      .for("update");
    if (!request) throw new DomainError("Không tìm thấy đề nghị gia hạn này của kiến nghị.", undefined, 404);
    if (request.status !== "pending") throw new DomainError("Đề nghị gia hạn này đã được xem xét.", undefined, 409);
    const now = new Date();
    let granted: string | null = null;
    if (values.decision === "grant") {
      granted = values.grantedDeadline || request.requestedDeadline;
      const problem = extensionDateProblem(granted, rec.extendedDeadline ?? rec.deadline, today);
      if (problem) throw new DomainError(problem, "grantedDeadline", 400);
      await tx
        .update(recommendations)
        .set({ extendedDeadline: granted, updatedAt: now, revision: sql`${recommendations.revision} + 1` })
        .where(eq(recommendations.id, recommendationId));
    }
    const note = granted && granted !== request.requestedDeadline && !values.note ? `Gia hạn đến ngày ${formatDate(granted)}.` : values.note;
    await tx
      .update(extensionRequests)
      .set({ status: values.decision === "grant" ? "granted" : "refused", decidedBy: actor.id, decidedAt: now, decisionNote: note })
      .where(eq(extensionRequests.id, request.id));
    await recordAudit(tx, actor, `remediation.extension_${values.decision}`, "recommendation", recommendationId, {
      requestId: request.id,
      originalDeadline: rec.deadline,
      previousDeadline: rec.extendedDeadline ?? rec.deadline,
      grantedDeadline: granted,
      note,
    });
    const unitUsers = await unitUsersOf(tx, rec.addressedUnitId);
    await notify(tx, [...unitUsers.map((u) => u.id), ...(await activeUsers(tx, [request.requestedBy]))], {
      title: granted ? `Được gia hạn đến ngày ${formatDate(granted)}` : "Thường trực HĐND không đồng ý gia hạn",
      body: granted ? shorten(rec.text) : `Lý do: ${shorten(note, 300)}`,
      link: `/recommendations/${recommendationId}`,
    });
    return { granted };
  });
}
