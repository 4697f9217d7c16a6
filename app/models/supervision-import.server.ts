/**
 * A supervision file (app/schemas/supervision-file.ts) brought into the app as a new plan of the
 * actor's council, with its visit, figures, findings, recommendations and a draft conclusion
 * notice. All or nothing: one transaction, and any refusal leaves the database as it was.
 */
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import {
  auditLog,
  checklistItems,
  checklistSections,
  checklistTemplates,
  conclusionNotices,
  findingCitations,
  findings,
  indicatorFigures,
  planMembers,
  recommendationFindings,
  recommendations,
  supervisionPlans,
  units,
  visits,
} from "#db/schema";
import type { Actor } from "~/auth/actor";
import { roleHas } from "~/auth/roles";
import { getDb } from "~/db.server";
import { composeNotice } from "~/domain/notice-composition";
import { formatDocumentNumber } from "~/domain/numbering";
import { noticeDecimals, sameName } from "~/domain/supervision-exchange";
import { cleanText, formatShortDate, vietnamDate } from "~/domain/vietnamese";
import type { SupervisionFile } from "~/schemas/supervision-file";
import { recordAudit } from "./audit.server";
import { nextDocumentNumber, reserveDocumentNumber } from "./document-series.server";
import { DomainError, UNIQUE_VIOLATION, pgErrorCode } from "./errors.server";
import { SUPERVISED_KINDS, documentIssuer } from "./plan.server";
import { visibleUnitCondition } from "./scope.server";
import { noticeSignerColumns } from "./supervision-file.server";

export type SupervisionImport = { planId: number; visitId: number; noticeId: number; warnings: string[] };

type UnitChoice = { id: number; name: string; kind: string };

/** The one unit of that name, or null; two units of one name are refused rather than guessed. */
function unitNamed(choices: UnitChoice[], name: string): UnitChoice | null {
  const found = choices.filter((unit) => sameName(unit.name, name));
  if (found.length > 1) throw new DomainError(`Có nhiều đơn vị cùng tên “${cleanText(name)}” trong địa bàn: không xác định được đơn vị nào.`);
  return found[0] ?? null;
}

/** The published template holding most of the cited item codes, with each code's item; none when nothing is cited. */
async function templateForItems(tx: DbOrTx, codes: string[]) {
  if (codes.length === 0) return null;
  const rows = await tx
    .select({ templateId: checklistTemplates.id, title: checklistTemplates.title, version: checklistTemplates.version, code: checklistItems.code, itemId: checklistItems.id })
    .from(checklistItems)
    .innerJoin(checklistSections, eq(checklistSections.id, checklistItems.sectionId))
    .innerJoin(checklistTemplates, eq(checklistTemplates.id, checklistSections.templateId))
    .where(and(eq(checklistTemplates.status, "published"), inArray(checklistItems.code, codes)))
    .orderBy(asc(checklistTemplates.title), sql`${checklistTemplates.version} desc`, asc(checklistItems.id));
  const byTemplate = new Map<number, { id: number; label: string; items: Map<string, number> }>();
  for (const row of rows) {
    const template = byTemplate.get(row.templateId) ?? { id: row.templateId, label: `${row.title} (phiên bản ${row.version})`, items: new Map() };
    if (!template.items.has(row.code)) template.items.set(row.code, row.itemId);
    byTemplate.set(row.templateId, template);
  }
  return [...byTemplate.values()].reduce<{ id: number; label: string; items: Map<string, number> } | null>(
    (best, template) => (!best || template.items.size > best.items.size ? template : best),
    null,
  );
}

/**
 * Imports a supervision file as a new plan of the actor's council. The file's plan number and date
 * are kept when given (refused when the council already used that number that year; the series
 * moves past it); without a number the plan takes the next one of the series. The notice comes in
 * as a draft: its number in the file is not reused, the app numbers it on issue.
 */
export async function importSupervisionFile(actor: Actor, file: SupervisionFile): Promise<SupervisionImport> {
  if (!roleHas(actor.role, "plans:manage")) throw new DomainError("Bạn không có quyền nhập cuộc giám sát.", undefined, 403);
  const db = await getDb();
  try {
    return await db.transaction((tx) => writeImport(tx, actor, file));
  } catch (error) {
    if (pgErrorCode(error) === UNIQUE_VIOLATION) {
      throw new DomainError("Số kế hoạch trong tệp vừa được dùng cho một kế hoạch khác: hãy thử lại, hoặc để trống số (null) để được cấp số mới.", undefined, 409);
    }
    throw error;
  }
}

async function writeImport(tx: DbOrTx, actor: Actor, file: SupervisionFile): Promise<SupervisionImport> {
  const warnings: string[] = [];
  const issuer = await documentIssuer(tx, actor.unitId);
  const visible = await tx
    .select({ id: units.id, name: units.name, kind: units.kind })
    .from(units)
    .where(and(eq(units.active, true), visibleUnitCondition(tx, actor, units.id)))
    .orderBy(asc(units.id));
  const supervised = visible.filter((unit) => (SUPERVISED_KINDS as readonly string[]).includes(unit.kind));
  const unit = unitNamed(supervised, file.unit.name);
  if (!unit) {
    throw new DomainError(
      `Không tìm thấy đơn vị được giám sát “${cleanText(file.unit.name)}” trong địa bàn của ${actor.unitName}: tên đơn vị trong tệp phải trùng với tên một UBND hoặc Bộ phận Một cửa của địa bàn.`,
      "unit",
    );
  }

  // The plan's number: the file's, checked against the council's series, or the next one.
  const { symbol } = file.plan;
  let { number, issueDate } = file.plan;
  if (number !== null) {
    if (issueDate === null) throw new DomainError(`Tệp ghi số kế hoạch ${formatDocumentNumber(number, symbol)} nhưng thiếu ngày ban hành (plan.issueDate).`);
    const year = Number(issueDate.slice(0, 4));
    await reserveDocumentNumber(tx, actor.unitId, year, "KH", number);
    const [used] = await tx
      .select({ id: supervisionPlans.id })
      .from(supervisionPlans)
      .where(
        and(
          eq(supervisionPlans.issuingUnitId, actor.unitId),
          eq(supervisionPlans.number, number),
          sql`extract(year from ${supervisionPlans.issueDate}) = ${year}`,
        ),
      );
    if (used) {
      throw new DomainError(
        `Số kế hoạch ${formatDocumentNumber(number, symbol)} năm ${year} đã được dùng cho một kế hoạch khác của ${actor.unitName}. Hãy sửa số trong tệp, hoặc để trống (null) để được cấp số mới.`,
        "plan.number",
        409,
      );
    }
  } else {
    issueDate ??= vietnamDate();
    number = await nextDocumentNumber(tx, actor.unitId, Number(issueDate.slice(0, 4)), "KH");
    warnings.push(`Tệp không ghi số kế hoạch: kế hoạch được cấp số ${formatDocumentNumber(number, symbol)} ngày ${formatShortDate(issueDate)}.`);
  }

  const codes = [...new Set(file.findings.flatMap((finding) => finding.itemCodes))];
  const template = await templateForItems(tx, codes);
  const missingCodes = codes.filter((code) => !template?.items.has(code));
  if (missingCodes.length > 0) {
    warnings.push(`Không có mẫu phiếu đang áp dụng chứa các tiêu chí ${missingCodes.join(", ")}: bỏ các trích dẫn tiêu chí này.`);
  }

  const concluded = file.notice.number !== null;
  const [plan] = await tx
    .insert(supervisionPlans)
    .values({
      issuingUnitId: actor.unitId,
      number,
      symbol,
      issueDate,
      subject: file.plan.subject,
      periodStart: file.plan.periodStart,
      periodEnd: file.plan.periodEnd,
      signerName: file.notice.signer.name,
      signerIsDeputy: file.notice.signer.deputy,
      recipients: file.notice.recipients.join("\n"),
      checklistTemplateId: template?.id ?? null,
      status: concluded ? "concluded" : "in_progress",
      createdBy: actor.id,
    })
    .returning({ id: supervisionPlans.id });
  await tx.insert(planMembers).values(
    file.team.map((member, index) => ({ planId: plan.id, userId: null, fullName: member.fullName, title: member.title, role: member.role, position: index + 1 })),
  );
  const [visit] = await tx
    .insert(visits)
    .values({ planId: plan.id, unitId: unit.id, status: concluded ? "completed" : "in_progress" })
    .returning({ id: visits.id });

  const figureIds = new Map<string, number>();
  for (const figure of file.figures) {
    const [row] = await tx
      .insert(indicatorFigures)
      .values({
        unitId: unit.id,
        visitId: visit.id,
        code: figure.code ?? figure.id,
        label: figure.label,
        numerator: figure.numerator,
        denominator: figure.denominator,
        measureUnit: figure.measureUnit,
        periodStart: figure.periodStart,
        periodEnd: figure.periodEnd,
        source: figure.source,
        targetPercent: figure.targetPercent === null ? null : figure.targetPercent.toFixed(2),
        recordedBy: actor.id,
      })
      .returning({ id: indicatorFigures.id });
    figureIds.set(figure.id, row.id);
  }

  const findingIds = new Map<string, number>();
  let position = 0;
  for (const finding of file.findings) {
    const [row] = await tx
      .insert(findings)
      .values({ visitId: visit.id, kind: finding.kind, text: finding.text, position: ++position, createdBy: actor.id })
      .returning({ id: findings.id });
    findingIds.set(finding.id, row.id);
    for (const cause of finding.causes) {
      await tx
        .insert(findings)
        .values({ visitId: visit.id, kind: "cause", causeKind: cause.kind, parentId: row.id, text: cause.text, position: ++position, createdBy: actor.id });
    }
    const citations = [
      ...finding.figureIds.map((id) => ({ findingId: row.id, figureId: figureIds.get(id)! })),
      ...finding.itemCodes.flatMap((code) => {
        const itemId = template?.items.get(code);
        return itemId === undefined ? [] : [{ findingId: row.id, itemId }];
      }),
    ];
    if (citations.length > 0) await tx.insert(findingCitations).values(citations);
  }

  for (const [index, recommendation] of file.recommendations.entries()) {
    let addressee = unitNamed(visible, recommendation.addressee);
    if (!addressee) {
      addressee = unit;
      warnings.push(`Kiến nghị ${index + 1}: không có đơn vị “${cleanText(recommendation.addressee)}” trong địa bàn, kiến nghị được gửi ${unit.name}.`);
    }
    const [row] = await tx
      .insert(recommendations)
      .values({
        visitId: visit.id,
        addressedUnitId: addressee.id,
        addressedRole: recommendation.role,
        text: recommendation.text,
        deadline: recommendation.deadline,
        position: index + 1,
        createdBy: actor.id,
      })
      .returning({ id: recommendations.id });
    const linked = [...new Set(recommendation.findingIds)].map((id) => ({ recommendationId: row.id, findingId: findingIds.get(id)! }));
    if (linked.length > 0) await tx.insert(recommendationFindings).values(linked);
  }

  // The notice reads as this council's, citing the plan as it is numbered here.
  const composed = composeNotice({ ...file, issuer: { ...issuer, placeName: issuer.placeName || file.issuer.placeName }, plan: { ...file.plan, number, issueDate } });
  const [notice] = await tx
    .insert(conclusionNotices)
    .values({
      planId: plan.id,
      visitId: visit.id,
      issuingUnitId: actor.unitId,
      symbol: file.notice.symbol,
      placeName: issuer.placeName || file.issuer.placeName,
      status: "draft",
      content: {
        summary: composed.summary,
        blocks: file.notice.blocks ?? composed.blocks,
        preparation: file.notice.preparation,
        decimals: noticeDecimals(file.figures),
      },
      recipients: file.notice.recipients,
      ...noticeSignerColumns(file.notice.signer, issuer.issuingBody),
      createdBy: actor.id,
    })
    .returning({ id: conclusionNotices.id });
  if (file.notice.number !== null) {
    warnings.push(
      `Thông báo kết luận số ${formatDocumentNumber(file.notice.number, file.notice.symbol)} trong tệp được nhập thành dự thảo: số thông báo được cấp khi ban hành trong ứng dụng.`,
    );
  }

  await recordAudit(tx, actor, "import", "plan", plan.id, {
    visitId: visit.id,
    noticeId: notice.id,
    unit: unit.name,
    number,
    issueDate,
    figures: file.figures.length,
    findings: file.findings.length,
    recommendations: file.recommendations.length,
    warnings,
  });
  return { planId: plan.id, visitId: visit.id, noticeId: notice.id, warnings };
}

/**
 * What an import the actor did brought in, read back from its audit row: the page the import
 * redirects to shows the warnings without keeping them anywhere else. Null for someone else's import.
 */
export async function getImportOutcome(actor: Actor, planId: number): Promise<(SupervisionImport & { subject: string }) | null> {
  const db = await getDb();
  const [row] = await db
    .select({ data: auditLog.data, subject: supervisionPlans.subject })
    .from(auditLog)
    .innerJoin(supervisionPlans, eq(sql`${supervisionPlans.id}::text`, auditLog.entityId))
    .where(and(eq(auditLog.entity, "plan"), eq(auditLog.action, "import"), eq(auditLog.entityId, String(planId)), eq(auditLog.actorId, actor.id)))
    .orderBy(desc(auditLog.id))
    .limit(1);
  if (!row) return null;
  const data = row.data as { visitId?: number; noticeId?: number; warnings?: unknown };
  return {
    planId,
    visitId: Number(data.visitId),
    noticeId: Number(data.noticeId),
    warnings: Array.isArray(data.warnings) ? data.warnings.filter((w): w is string => typeof w === "string") : [],
    subject: row.subject,
  };
}
