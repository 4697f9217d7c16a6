/**
 * A whole supervision written with hostile text (injection-payloads.ts) through the app's models,
 * each input first parsed by the schema its form's action uses: the administrator makes a unit and
 * its user, the committee of phường Bình An plans a visit to that unit and issues the plan, the
 * unit sends its pre-visit report, the team answers, photographs and writes findings and
 * recommendations, the committee edits and issues the notice, the unit reports with evidence and
 * asks for more time, the committee returns the report and refuses the extension, and the unit
 * issues its Báo cáo kết quả khắc phục. Call once after ensureDemoData, with the app's database set.
 * Shared by the integration test and the browser test's seed (injection-seed.ts).
 */
import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { checklistItems, checklistSections, supervisionPlans, units, users, visits } from "#db/schema";
import { DEMO_PASSWORD } from "#db/seed";
import { addDays } from "~/domain/deadlines";
import { vietnamDate } from "~/domain/vietnamese";
import { applyAnswerEdits } from "~/models/answer.server";
import { storeVisitPhoto } from "~/models/attachment.server";
import { listTemplateChoices } from "~/models/checklist-template.server";
import { createFinding } from "~/models/finding.server";
import { getNoticeEditor, issueNotice, openNoticeDraft, saveNoticeDraft } from "~/models/notice.server";
import { createPlan, issuePlan } from "~/models/plan.server";
import { createRecommendation } from "~/models/recommendation-draft.server";
import { decideExtension, requestExtension, reviewRemediationReport, submitRemediationReport } from "~/models/remediation-actions.server";
import { issueRemediationDocument } from "~/models/remediation-document.server";
import { createUnit } from "~/models/unit.server";
import { createUser } from "~/models/user.server";
import { saveVisitReport } from "~/models/visit-report.server";
import { findingCreateSchema } from "~/schemas/finding";
import { noticeDraftSchema } from "~/schemas/notice";
import { planFormSchema } from "~/schemas/plan";
import { recommendationCreateSchema } from "~/schemas/recommendation";
import { extensionDecisionSchema, extensionRequestSchema, remediationReportSchema, reviewSchema } from "~/schemas/remediation";
import { remediationSignerSchema } from "~/schemas/remediation-document";
import { unitFormSchema } from "~/schemas/unit";
import { userCreateSchema } from "~/schemas/user";
import { actorFor } from "./actors";
import { TEXT } from "./injection-payloads";

/** A 1×1 PNG: real image bytes, so the upload checks accept it. */
export const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

export const INJECTION_USERNAME = "donvi.xss";

export type InjectionFixture = {
  unitId: number;
  unitUserId: number;
  planId: number;
  visitId: number;
  itemId: number;
  photoId: number;
  findingIds: { achievement: number; shortcoming: number; objective: number; subjective: number };
  /** In the order of TEXT.recommendations. */
  recommendationIds: number[];
  noticeId: number;
  reportId: number;
  extensionRequestId: number;
  documentId: number;
};

async function userId(db: Db, username: string) {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.username, username));
  if (!row) throw new Error(`no user ${username}`);
  return row.id;
}

export async function buildInjectionFixture(db: Db): Promise<InjectionFixture> {
  const today = vietnamDate();
  const admin = await actorFor(await userId(db, "quantri"));
  const committee = await actorFor(await userId(db, "trang.ttt"));
  const member = await actorFor(await userId(db, "nhung.vt"));
  const [ward] = await db.select({ id: units.id }).from(units).where(eq(units.name, "Phường Bình An"));

  const unit = await createUnit(
    admin,
    unitFormSchema.parse({ name: TEXT.unitName, kind: "people_committee", parentId: ward.id, placeName: TEXT.unitPlace, code: "", active: true }),
  );
  const unitUser = await createUser(
    admin,
    userCreateSchema.parse({
      username: INJECTION_USERNAME,
      fullName: TEXT.userFullName,
      title: TEXT.userTitle,
      unitId: unit.id,
      role: "unit",
      email: "",
      active: true,
      password: DEMO_PASSWORD,
    }),
  );
  const unitActor = await actorFor(unitUser.id);

  const [template] = await listTemplateChoices(db);
  const year = today.slice(0, 4);
  const { id: planId } = await createPlan(
    committee,
    planFormSchema.parse({
      subject: TEXT.planSubject,
      legalBasis: TEXT.planLegalBasis.join("\n"),
      purpose: TEXT.planPurpose,
      periodStart: `${year}-01-01`,
      periodEnd: today,
      reportingOutline: TEXT.planOutline,
      checklistTemplateId: template.id,
      signerName: TEXT.planSigner,
      signerIsDeputy: false,
      recipients: TEXT.planRecipients.join("\n"),
      members: [
        { userId: committee.id, fullName: committee.fullName, title: committee.title, role: "lead" },
        { userId: member.id, fullName: member.fullName, title: member.title, role: "member" },
        { userId: null, fullName: TEXT.guestName, title: TEXT.guestTitle, role: "member" },
      ],
      units: [{ unitId: unit.id, scheduledAt: "" }],
    }),
  );
  await issuePlan(committee, planId, today);
  const [visit] = await db.select({ id: visits.id }).from(visits).where(eq(visits.planId, planId));

  // The unit's report is taken only before the team starts.
  await saveVisitReport(unitActor, visit.id, { intent: "submit", unitReport: TEXT.unitReport, figures: [] }, { submit: true });

  const [item] = await db
    .select({ id: checklistItems.id })
    .from(checklistItems)
    .innerJoin(checklistSections, eq(checklistSections.id, checklistItems.sectionId))
    .where(and(eq(checklistSections.templateId, template.id), eq(checklistItems.answerType, "tri_state")))
    .orderBy(asc(checklistSections.position), asc(checklistItems.position))
    .limit(1);
  const [answer] = await applyAnswerEdits(member, visit.id, [
    {
      editId: randomUUID(),
      itemId: item.id,
      answeredAt: new Date().toISOString(),
      baseRevision: 0,
      value: "not_met",
      note: TEXT.answerNote,
      draftFinding: TEXT.draftFinding,
    },
  ]);
  if (answer.outcome !== "applied") throw new Error(`the answer was not applied: ${JSON.stringify(answer)}`);
  const photo = await storeVisitPhoto(member, visit.id, { clientId: randomUUID(), itemId: item.id, fileName: TEXT.photoName, bytes: PNG });

  const finding = async (kind: "achievement" | "shortcoming" | "cause", text: string, cause: { parentId: number; causeKind: "objective" | "subjective" } | null = null) => {
    const values = findingCreateSchema.parse({
      intent: "finding.create",
      kind,
      causeKind: cause?.causeKind ?? null,
      parentId: cause?.parentId ?? null,
      text,
      itemIds: kind === "shortcoming" ? [item.id] : [],
      figureIds: [],
      attachmentIds: kind === "shortcoming" ? [photo.id] : [],
    });
    return (await createFinding(member, visit.id, values)).id;
  };
  const achievement = await finding("achievement", TEXT.achievement);
  const shortcoming = await finding("shortcoming", TEXT.shortcoming);
  const objective = await finding("cause", TEXT.objectiveCause, { parentId: shortcoming, causeKind: "objective" });
  const subjective = await finding("cause", TEXT.subjectiveCause, { parentId: shortcoming, causeKind: "subjective" });

  const recommendationIds: number[] = [];
  for (const [index, text] of TEXT.recommendations.entries()) {
    const values = recommendationCreateSchema.parse({
      intent: "recommendation.create",
      addressedUnitId: unit.id,
      addressedRole: TEXT.addressedRole,
      text,
      deadline: addDays(today, 30 + index),
      findingIds: index === 0 ? [shortcoming] : [],
    });
    recommendationIds.push((await createRecommendation(member, visit.id, values)).id);
  }

  const noticeId = await openNoticeDraft(committee, visit.id);
  const editor = await getNoticeEditor(committee, noticeId);
  if (!editor) throw new Error("the committee cannot read its own draft");
  const [firstBlock] = editor.document.blocks;
  const revision = await saveNoticeDraft(
    committee,
    noticeId,
    noticeDraftSchema.parse({
      revision: editor.revision,
      summary: TEXT.noticeSummary,
      placeName: TEXT.noticePlace,
      recipients: TEXT.noticeRecipients.join("\n"),
      signerName: TEXT.noticeSigner,
      signerDeputy: true,
      signerTitle: TEXT.noticeSignerTitle,
      blocks: [{ key: firstBlock.key, text: TEXT.noticeBlock }],
    }),
  );
  await issueNotice(committee, noticeId, revision);

  const report = remediationReportSchema.parse({ intent: "report", progress: "completed", content: TEXT.reportContent });
  const { reportId } = await submitRemediationReport(unitActor, recommendationIds[0], report, [{ fileName: TEXT.evidenceName, bytes: PNG }]);
  const extension = extensionRequestSchema.parse({
    intent: "extension",
    requestedDeadline: addDays(today, 120),
    reason: TEXT.extensionReason,
  });
  const { requestId } = await requestExtension(unitActor, recommendationIds[1], extension);
  const review = reviewSchema.parse({ intent: "review", reportId, decision: "return", note: TEXT.returnNote });
  await reviewRemediationReport(committee, recommendationIds[0], review);
  const decision = extensionDecisionSchema.parse({
    intent: "decide-extension",
    requestId,
    decision: "refuse",
    grantedDeadline: "",
    note: TEXT.refuseNote,
  });
  await decideExtension(committee, recommendationIds[1], decision);

  const signer = remediationSignerSchema.parse({
    intent: "issue",
    authority: TEXT.documentAuthority,
    title: TEXT.documentTitle,
    name: TEXT.documentSigner,
    recipients: TEXT.documentRecipients.join("\n"),
  });
  const document = await issueRemediationDocument(unitActor, noticeId, signer);

  const [plan] = await db.select({ status: supervisionPlans.status }).from(supervisionPlans).where(eq(supervisionPlans.id, planId));
  if (plan.status !== "concluded") throw new Error(`the plan should be concluded by its only notice, is ${plan.status}`);
  return {
    unitId: unit.id,
    unitUserId: unitUser.id,
    planId,
    visitId: visit.id,
    itemId: item.id,
    photoId: photo.id,
    findingIds: { achievement, shortcoming, objective, subjective },
    recommendationIds,
    noticeId,
    reportId,
    extensionRequestId: requestId,
    documentId: document.id,
  };
}
