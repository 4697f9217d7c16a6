/**
 * Builders for rows, shared by the demo data (db/seed.ts) and the tests, so both exercise the same
 * shapes. They write directly (no actor, no audit): they stand for data that already exists.
 */
import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import {
  checklistItems,
  checklistSections,
  checklistTemplates,
  conclusionNotices,
  documentSeries,
  extensionRequests,
  findings,
  indicatorFigures,
  indicatorTargets,
  planMembers,
  recommendations,
  remediationReports,
  supervisionPlans,
  units,
  users,
  visits,
} from "#db/schema";
import { hashPassword } from "~/auth/password.server";
import type { DocumentType } from "~/domain/numbering";
import { nextDocumentNumber } from "~/models/document-series.server";

type UnitKind = (typeof units.$inferInsert)["kind"];
type Role = (typeof users.$inferInsert)["role"];

const hashes = new Map<string, Promise<string>>();
/** Hashing is slow on purpose; one hash per distinct password per process is enough here. */
function cachedHash(password: string) {
  let hash = hashes.get(password);
  if (!hash) {
    hash = hashPassword(password);
    hashes.set(password, hash);
  }
  return hash;
}

export async function makeUnit(
  db: DbOrTx,
  input: { name: string; kind: UnitKind; parentId?: number | null; placeName?: string; code?: string },
) {
  let prefix = "/";
  if (input.parentId) {
    const [parent] = await db.select({ path: units.path }).from(units).where(eq(units.id, input.parentId));
    prefix = parent.path;
  }
  const [row] = await db
    .insert(units)
    .values({ name: input.name, kind: input.kind, parentId: input.parentId ?? null, placeName: input.placeName ?? null, code: input.code ?? null, path: "/0/" })
    .returning({ id: units.id });
  const [unit] = await db
    .update(units)
    .set({ path: `${prefix}${row.id}/` })
    .where(eq(units.id, row.id))
    .returning();
  return unit;
}

export async function makeUser(
  db: DbOrTx,
  input: { username: string; fullName: string; role: Role; unitId: number; title?: string; password?: string; email?: string },
) {
  const [user] = await db
    .insert(users)
    .values({
      username: input.username,
      fullName: input.fullName,
      title: input.title ?? "",
      role: input.role,
      unitId: input.unitId,
      email: input.email ?? null,
      passwordHash: await cachedHash(input.password ?? "matkhau-thu-nghiem"),
    })
    .returning();
  return user;
}

/** Takes the next number of a series: the same statement the app uses when issuing. */
export async function nextNumber(db: DbOrTx, issuingUnitId: number, year: number, documentType: DocumentType) {
  return nextDocumentNumber(db, issuingUnitId, year, documentType);
}

/** Moves a series forward to at least `number` (demo documents carry the numbers of the seeds). */
export async function advanceSeries(db: DbOrTx, issuingUnitId: number, year: number, documentType: "KH" | "TB" | "BC", number: number) {
  await db
    .insert(documentSeries)
    .values({ issuingUnitId, year, documentType, lastNumber: number })
    .onConflictDoUpdate({
      target: [documentSeries.issuingUnitId, documentSeries.year, documentSeries.documentType],
      set: { lastNumber: sql`greatest(${documentSeries.lastNumber}, ${number})` },
    });
}

export async function makePlan(
  db: DbOrTx,
  input: {
    issuingUnitId: number;
    subject: string;
    periodStart: string;
    periodEnd: string;
    number?: number | null;
    issueDate?: string | null;
    status?: (typeof supervisionPlans.$inferInsert)["status"];
    legalBasis?: string;
    reportingOutline?: string;
    createdBy?: number;
    checklistTemplateId?: number | null;
    signerName?: string;
    signerIsDeputy?: boolean;
    recipients?: string[];
  },
) {
  const [plan] = await db
    .insert(supervisionPlans)
    .values({
      checklistTemplateId: input.checklistTemplateId ?? null,
      issuingUnitId: input.issuingUnitId,
      subject: input.subject,
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
      number: input.number ?? null,
      issueDate: input.issueDate ?? null,
      status: input.status ?? (input.number ? "issued" : "draft"),
      legalBasis: input.legalBasis ?? "",
      reportingOutline: input.reportingOutline ?? "",
      createdBy: input.createdBy ?? null,
      signerName: input.signerName ?? "",
      signerIsDeputy: input.signerIsDeputy ?? false,
      recipients: (input.recipients ?? []).join("\n"),
    })
    .returning();
  return plan;
}

export async function addMember(
  db: DbOrTx,
  input: { planId: number; fullName: string; role: (typeof planMembers.$inferInsert)["role"]; title?: string; userId?: number; position?: number },
) {
  const [member] = await db
    .insert(planMembers)
    .values({ planId: input.planId, fullName: input.fullName, role: input.role, title: input.title ?? "", userId: input.userId ?? null, position: input.position ?? 0 })
    .returning();
  return member;
}

export async function makeVisit(
  db: DbOrTx,
  input: { planId: number; unitId: number; status?: (typeof visits.$inferInsert)["status"]; scheduledAt?: Date },
) {
  const [visit] = await db
    .insert(visits)
    .values({ planId: input.planId, unitId: input.unitId, status: input.status ?? "scheduled", scheduledAt: input.scheduledAt ?? null })
    .returning();
  return visit;
}

export async function makeFigure(
  db: DbOrTx,
  input: {
    unitId: number;
    visitId?: number;
    code: string;
    label: string;
    numerator: number;
    denominator?: number | null;
    measureUnit?: string;
    periodStart: string;
    periodEnd: string;
    source?: "reported" | "verified";
    targetPercent?: string | null;
  },
) {
  const [figure] = await db
    .insert(indicatorFigures)
    .values({
      unitId: input.unitId,
      visitId: input.visitId ?? null,
      code: input.code,
      label: input.label,
      numerator: input.numerator,
      denominator: input.denominator ?? null,
      measureUnit: input.measureUnit ?? "hồ sơ",
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
      source: input.source ?? "verified",
      targetPercent: input.targetPercent ?? null,
    })
    .returning();
  return figure;
}

export async function makeTarget(db: DbOrTx, input: { unitId: number; year: number; code: string; targetPercent: string }) {
  await db.insert(indicatorTargets).values(input);
}

export async function makeFinding(
  db: DbOrTx,
  input: { visitId: number; kind: "achievement" | "shortcoming" | "cause"; text: string; causeKind?: "objective" | "subjective"; parentId?: number; position?: number },
) {
  const [finding] = await db
    .insert(findings)
    .values({ visitId: input.visitId, kind: input.kind, text: input.text, causeKind: input.causeKind ?? null, parentId: input.parentId ?? null, position: input.position ?? 0 })
    .returning();
  return finding;
}

export async function makeNotice(
  db: DbOrTx,
  input: {
    planId: number;
    visitId?: number;
    issuingUnitId: number;
    placeName: string;
    signerName: string;
    number?: number | null;
    issueDate?: string | null;
    issuedBy?: number;
    content?: Record<string, unknown>;
    recipients?: string[];
  },
) {
  const issued = input.number != null;
  const [notice] = await db
    .insert(conclusionNotices)
    .values({
      planId: input.planId,
      visitId: input.visitId ?? null,
      issuingUnitId: input.issuingUnitId,
      placeName: input.placeName,
      signerName: input.signerName,
      number: input.number ?? null,
      issueDate: input.issueDate ?? null,
      status: issued ? "issued" : "draft",
      issuedAt: issued ? new Date(`${input.issueDate}T09:00:00+07:00`) : null,
      issuedBy: issued ? (input.issuedBy ?? null) : null,
      content: input.content ?? {},
      recipients: input.recipients ?? [],
    })
    .returning();
  return notice;
}

export async function makeRecommendation(
  db: DbOrTx,
  input: {
    visitId: number;
    addressedUnitId: number;
    text: string;
    deadline: string;
    /** An extension granted beyond the original deadline. */
    extendedDeadline?: string | null;
    noticeId?: number | null;
    addressedRole?: string;
    status?: (typeof recommendations.$inferInsert)["status"];
    acceptedBy?: number;
    acceptedAt?: Date;
    position?: number;
  },
) {
  const status = input.status ?? "not_started";
  const [recommendation] = await db
    .insert(recommendations)
    .values({
      visitId: input.visitId,
      addressedUnitId: input.addressedUnitId,
      text: input.text,
      deadline: input.deadline,
      extendedDeadline: input.extendedDeadline ?? null,
      noticeId: input.noticeId ?? null,
      addressedRole: input.addressedRole ?? "",
      status,
      acceptedAt: status === "accepted" ? (input.acceptedAt ?? new Date()) : null,
      acceptedBy: status === "accepted" ? (input.acceptedBy ?? null) : null,
      position: input.position ?? 0,
    })
    .returning();
  return recommendation;
}

/** A progress report from the unit, optionally already reviewed by the committee. */
export async function makeRemediationReport(
  db: DbOrTx,
  input: {
    recommendationId: number;
    unitId: number;
    submittedBy: number;
    progress: (typeof remediationReports.$inferInsert)["progress"];
    content: string;
    submittedAt?: Date;
    review?: { outcome: "accepted" | "returned"; by: number; at?: Date; note?: string };
  },
) {
  const [report] = await db
    .insert(remediationReports)
    .values({
      recommendationId: input.recommendationId,
      unitId: input.unitId,
      submittedBy: input.submittedBy,
      progress: input.progress,
      content: input.content,
      submittedAt: input.submittedAt ?? new Date(),
      review: input.review?.outcome ?? "submitted",
      reviewNote: input.review?.note ?? "",
      reviewedBy: input.review?.by ?? null,
      reviewedAt: input.review ? (input.review.at ?? new Date()) : null,
    })
    .returning();
  return report;
}

export async function makeExtensionRequest(
  db: DbOrTx,
  input: { recommendationId: number; requestedBy: number; requestedDeadline: string; reason: string; requestedAt?: Date; decision?: { status: "granted" | "refused"; by: number; at?: Date; note?: string } },
) {
  const [request] = await db
    .insert(extensionRequests)
    .values({
      recommendationId: input.recommendationId,
      requestedBy: input.requestedBy,
      requestedDeadline: input.requestedDeadline,
      reason: input.reason,
      requestedAt: input.requestedAt ?? new Date(),
      status: input.decision?.status ?? "pending",
      decidedBy: input.decision?.by ?? null,
      decidedAt: input.decision ? (input.decision.at ?? new Date()) : null,
      decisionNote: input.decision?.note ?? "",
    })
    .returning();
  return request;
}

type ItemInput = {
  code: string;
  text: string;
  answerType?: (typeof checklistItems.$inferInsert)["answerType"];
  indicatorCode?: string;
  targetPercent?: string;
  legalBasis?: string;
};

/** A small checklist template (the shipped one is imported through the template model instead). */
export async function makeChecklistTemplate(
  db: DbOrTx,
  input: { code?: string; version?: number; title?: string; sections: { code: string; title: string; items: ItemInput[] }[] },
) {
  const [template] = await db
    .insert(checklistTemplates)
    .values({ code: input.code ?? "thu-nghiem", version: input.version ?? 1, title: input.title ?? "Phiếu thử nghiệm", status: "published" })
    .returning();
  const items: Record<string, number> = {};
  for (const [sectionIndex, section] of input.sections.entries()) {
    const [row] = await db
      .insert(checklistSections)
      .values({ templateId: template.id, code: section.code, title: section.title, position: sectionIndex + 1 })
      .returning({ id: checklistSections.id });
    for (const [itemIndex, item] of section.items.entries()) {
      const [inserted] = await db
        .insert(checklistItems)
        .values({
          sectionId: row.id,
          code: item.code,
          text: item.text,
          answerType: item.answerType ?? "tri_state",
          indicatorCode: item.indicatorCode ?? null,
          targetPercent: item.targetPercent ?? null,
          legalBasis: item.legalBasis ?? "",
          position: itemIndex + 1,
        })
        .returning({ id: checklistItems.id });
      items[item.code] = inserted.id;
    }
  }
  return { template, items };
}
