/**
 * One visit as a supervision file (app/schemas/supervision-file.ts): what the notice editor composes
 * from, and what the export route downloads. Read-only; the team of the plan and the standing
 * committee over it may read it (findTeamVisit's rule).
 */
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import {
  checklistItems,
  conclusionNotices,
  findingCitations,
  findings,
  indicatorFigures,
  indicatorTargets,
  planMembers,
  recommendationFindings,
  recommendations,
  supervisionPlans,
  units,
  visits,
} from "#db/schema";
import { noticeSignature } from "#templates/documents/notice";
import { recipientLines } from "#templates/documents/nd30";
import type { Actor } from "~/auth/actor";
import { getDb } from "~/db.server";
import { nestFindings, supervisionFileName } from "~/domain/supervision-exchange";
import { splitLines } from "~/schemas/plan";
import {
  type NoticeBlock,
  SUPERVISION_FILE_FORMAT,
  SUPERVISION_FILE_VERSION,
  type SupervisionFigure,
  type SupervisionFile,
  noticeBlockSchema,
} from "~/schemas/supervision-file";
import { DomainError } from "./errors.server";
import { documentIssuer } from "./plan.server";
import { findTeamVisit } from "./visit.server";

type Signer = SupervisionFile["notice"]["signer"];

/** The notice's signature columns for a file's signer: "TM. THƯỜNG TRỰC HĐND" (+ "KT. CHỦ TỊCH") / title. */
export function noticeSignerColumns(signer: Signer, issuingBody: string) {
  const block = noticeSignature({ issuingBody, signer });
  return { signerAuthority: block.authority.join("\n"), signerTitle: block.title, signerName: block.name };
}

/** The file's signer from a notice's columns: a "KT." line means a deputy; a title is kept when not the usual one. */
export function signerFromNoticeColumns(
  notice: { signerAuthority: string; signerTitle: string; signerName: string },
  issuingBody: string,
): Signer {
  const deputy = /(^|\n)\s*KT\./u.test(notice.signerAuthority);
  const usual = noticeSignature({ issuingBody, signer: { deputy, name: notice.signerName, title: "" } }).title;
  const title = notice.signerTitle.normalize("NFC").trim();
  return { deputy, name: notice.signerName, title: title.toUpperCase() === usual ? "" : title };
}

/** "- TT. HĐND thành phố;" … "Lưu: VT." as stored or typed → the names alone, as the file keeps them. */
export function recipientNames(recipients: string[]): string[] {
  return recipientLines(recipients)
    .slice(0, -1)
    .map((line) => line.slice(2, -1));
}

function noticeBlocks(content: Record<string, unknown>): NoticeBlock[] | null {
  const parsed = noticeBlockSchema.array().safeParse(content.blocks);
  return parsed.success ? parsed.data : null;
}

const contentText = (content: Record<string, unknown>, key: string) => (typeof content[key] === "string" ? (content[key] as string) : "");

/**
 * The visit as a supervision file, or null when the actor may not see it. The notice part comes
 * from `options.noticeId` (a notice of this visit), else the visit's latest notice, else the plan's
 * signer and recipients with no number.
 */
export async function supervisionFileForVisit(
  db: DbOrTx,
  actor: Actor,
  visitId: number,
  options: { noticeId?: number } = {},
): Promise<SupervisionFile | null> {
  const visit = await findTeamVisit(db, actor, visitId);
  if (!visit) return null;
  const [plan] = await db.select().from(supervisionPlans).where(eq(supervisionPlans.id, visit.planId));
  const [notice] = await db
    .select()
    .from(conclusionNotices)
    .where(
      and(
        eq(conclusionNotices.visitId, visitId),
        options.noticeId === undefined ? undefined : eq(conclusionNotices.id, options.noticeId),
      ),
    )
    .orderBy(desc(conclusionNotices.id))
    .limit(1);
  if (options.noticeId !== undefined && !notice) {
    throw new DomainError("Thông báo kết luận không thuộc buổi giám sát này.", undefined, 404);
  }
  const [issuer, team, figureRows, findingRows, recommendationRows] = await Promise.all([
    documentIssuer(db, plan.issuingUnitId),
    db
      .select({ fullName: planMembers.fullName, title: planMembers.title, role: planMembers.role })
      .from(planMembers)
      .where(eq(planMembers.planId, plan.id))
      .orderBy(asc(planMembers.position), asc(planMembers.id)),
    db
      .select({
        id: indicatorFigures.id,
        code: indicatorFigures.code,
        label: indicatorFigures.label,
        measureUnit: indicatorFigures.measureUnit,
        numerator: indicatorFigures.numerator,
        denominator: indicatorFigures.denominator,
        periodStart: indicatorFigures.periodStart,
        periodEnd: indicatorFigures.periodEnd,
        source: indicatorFigures.source,
        ownTarget: indicatorFigures.targetPercent,
      })
      .from(indicatorFigures)
      .where(eq(indicatorFigures.visitId, visitId))
      .orderBy(asc(indicatorFigures.id)),
    db
      .select({ id: findings.id, kind: findings.kind, causeKind: findings.causeKind, parentId: findings.parentId, text: findings.text })
      .from(findings)
      .where(eq(findings.visitId, visitId))
      .orderBy(asc(findings.position), asc(findings.id)),
    db
      .select({
        id: recommendations.id,
        addressee: units.name,
        role: recommendations.addressedRole,
        text: recommendations.text,
        deadline: recommendations.deadline,
      })
      .from(recommendations)
      .innerJoin(units, eq(units.id, recommendations.addressedUnitId))
      .where(eq(recommendations.visitId, visitId))
      .orderBy(asc(recommendations.position), asc(recommendations.id)),
  ]);

  const content = (notice?.content ?? {}) as Record<string, unknown>;
  const decimals: 1 | 2 = content.decimals === 1 ? 1 : 2;
  const targets = await db
    .select({ year: indicatorTargets.year, code: indicatorTargets.code, targetPercent: indicatorTargets.targetPercent })
    .from(indicatorTargets)
    .where(eq(indicatorTargets.unitId, visit.unitId));
  const targetOf = new Map(targets.map((t) => [`${t.year}|${t.code}`, Number(t.targetPercent)]));
  const figures: SupervisionFigure[] = figureRows.map((row) => {
    const target = targetOf.get(`${row.periodEnd.slice(0, 4)}|${row.code}`) ?? (row.ownTarget === null ? null : Number(row.ownTarget));
    return {
      id: `fig-${row.id}`,
      code: row.code,
      label: row.label,
      measureUnit: row.measureUnit,
      numerator: row.numerator,
      denominator: row.denominator,
      periodStart: row.periodStart,
      periodEnd: row.periodEnd,
      source: row.source,
      targetPercent: target,
      decimals,
    };
  });
  const exportedFigures = new Set(figureRows.map((row) => row.id));

  const { findings: nested, parentOf } = nestFindings(findingRows);
  const findingIds = findingRows.map((row) => row.id);
  const citations =
    findingIds.length === 0
      ? []
      : await db
          .select({ findingId: findingCitations.findingId, figureId: findingCitations.figureId, itemCode: checklistItems.code })
          .from(findingCitations)
          .leftJoin(checklistItems, eq(checklistItems.id, findingCitations.itemId))
          .where(inArray(findingCitations.findingId, findingIds))
          .orderBy(asc(findingCitations.id));
  const recommendationIds = recommendationRows.map((row) => row.id);
  const links =
    recommendationIds.length === 0
      ? []
      : await db
          .select({ recommendationId: recommendationFindings.recommendationId, findingId: recommendationFindings.findingId })
          .from(recommendationFindings)
          .innerJoin(findings, eq(findings.id, recommendationFindings.findingId))
          .where(inArray(recommendationFindings.recommendationId, recommendationIds))
          .orderBy(asc(findings.position), asc(findings.id));

  const fileFindingId = (rowId: number) => `f-${rowId}`;
  const exportedFindings = new Set(nested.map((finding) => finding.rowId));
  const unique = <T,>(values: T[]) => [...new Set(values)];

  return {
    format: SUPERVISION_FILE_FORMAT,
    version: SUPERVISION_FILE_VERSION,
    issuer: { ...issuer, placeName: issuer.placeName || notice?.placeName || "" },
    plan: {
      number: plan.number,
      symbol: plan.symbol,
      issueDate: plan.issueDate,
      subject: plan.subject,
      periodStart: plan.periodStart,
      periodEnd: plan.periodEnd,
    },
    team,
    unit: { name: visit.unitName },
    figures,
    findings: nested.map(({ rowId, ...finding }) => {
      const mine = citations.filter((citation) => citation.findingId === rowId);
      return {
        id: fileFindingId(rowId),
        ...finding,
        figureIds: unique(mine.flatMap((c) => (c.figureId !== null && exportedFigures.has(c.figureId) ? [`fig-${c.figureId}`] : []))),
        itemCodes: unique(mine.flatMap((c) => (c.itemCode ? [c.itemCode] : []))),
      };
    }),
    recommendations: recommendationRows.map((row) => ({
      addressee: row.addressee,
      role: row.role,
      text: row.text,
      deadline: row.deadline,
      // A link to a cause is a link to the shortcoming it explains.
      findingIds: unique(
        links
          .filter((link) => link.recommendationId === row.id)
          .map((link) => parentOf.get(link.findingId) ?? link.findingId)
          .filter((id) => exportedFindings.has(id))
          .map(fileFindingId),
      ),
    })),
    notice: notice
      ? {
          number: notice.number,
          symbol: notice.symbol,
          issueDate: notice.issueDate,
          summary: contentText(content, "summary"),
          preparation: contentText(content, "preparation"),
          recipients: recipientNames(notice.recipients),
          signer: signerFromNoticeColumns(notice, issuer.issuingBody),
          blocks: noticeBlocks(content),
        }
      : {
          number: null,
          symbol: "TB-HĐND",
          issueDate: null,
          summary: "",
          preparation: "",
          recipients: splitLines(plan.recipients),
          // The plan's signer; a plan not yet signed names its team's lead, so the file stays whole.
          signer: { deputy: plan.signerIsDeputy, name: plan.signerName || (team.find((m) => m.role === "lead")?.fullName ?? ""), title: "" },
          blocks: null,
        },
  };
}

/** The visit's file and its download name ("giam-sat-5-12.json"), or null when the actor may not see it. */
export async function supervisionDownload(actor: Actor, visitId: number): Promise<{ file: SupervisionFile; fileName: string } | null> {
  const db = await getDb();
  const file = await supervisionFileForVisit(db, actor, visitId);
  if (!file) return null;
  const [plan] = await db
    .select({ id: supervisionPlans.id, number: supervisionPlans.number })
    .from(visits)
    .innerJoin(supervisionPlans, eq(supervisionPlans.id, visits.planId))
    .where(eq(visits.id, visitId));
  return { file, fileName: supervisionFileName(plan, visitId) };
}
