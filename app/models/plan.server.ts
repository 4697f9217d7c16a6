import { type SQL, and, asc, count, desc, eq, ilike, inArray, like, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "#db/client";
import { checklistTemplates, planMembers, supervisionPlans, units, users, visits } from "#db/schema";
import type { Actor } from "~/auth/actor";
import { roleHas } from "~/auth/roles";
import { PLAN_STATUS_LABELS, TEAM_ROLE_LABELS } from "~/components/labels";
import { getDb } from "~/db.server";
import { formatDocumentNumber } from "~/domain/numbering";
import { cleanText, isIsoDate } from "~/domain/vietnamese";
import {
  type PlanEditMode,
  type PlanFormValues,
  type PlanStatus,
  canMoveStatus,
  instantToVietnamLocal,
  planEditMode,
  splitLines,
  vietnamLocalToInstant,
} from "~/schemas/plan";
import type { PlanDocumentData } from "#templates/documents/plan";
import { recordAudit } from "./audit.server";
import { carryOpenRecommendations } from "./carried-recommendation.server";
import { isTemplateChoice, listTemplateChoices } from "./checklist-template.server";
import { nextDocumentNumber } from "./document-series.server";
import { DomainError } from "./errors.server";
import { visiblePlanCondition } from "./scope.server";
import { containsPattern } from "./text-search.server";

export type { PlanStatus };

export type PlanFilter = { q?: string; status?: PlanStatus; year?: number; unitId?: number };

/** Units a plan may supervise: the commune's People's Committee and its one-stop-shop. */
export const SUPERVISED_KINDS = ["people_committee", "public_service_center"] as const;
/** Accounts that may sit on a team; people without an account (MTTQ, deputies) are typed in. */
const TEAM_ROLES_OF_USERS = ["team_member", "committee"] as const;

const NO_RIGHT_TO_MANAGE = "Bạn không có quyền sửa kế hoạch này hoặc kế hoạch không tồn tại.";

/**
 * Plans the actor may read: the scope's rule (scope.server.ts), and a supervised unit learns of a
 * plan only once it is issued; a draft is the council's working paper.
 */
function readablePlanCondition(db: DbOrTx, actor: Actor): SQL {
  const visible = visiblePlanCondition(db, actor, supervisionPlans.id, supervisionPlans.issuingUnitId);
  return actor.role === "unit" ? (and(visible, ne(supervisionPlans.status, "draft")) as SQL) : visible;
}

/**
 * Who writes a plan: a standing-committee user of the issuing body itself. The body that issues is
 * the one that numbers and signs, so a Ban's plans are the Ban's and a council's are the council's,
 * even where one may read the other's (same locality). A new plan's issuing body is always the
 * actor's own unit.
 */
export function mayManagePlan(actor: Actor, plan: { issuingUnitId: number }): boolean {
  return roleHas(actor.role, "plans:manage") && plan.issuingUnitId === actor.unitId;
}

function requireManager(actor: Actor) {
  if (!roleHas(actor.role, "plans:manage")) throw new DomainError("Bạn không có quyền lập hoặc sửa kế hoạch giám sát.", undefined, 403);
}

const planColumns = {
  id: supervisionPlans.id,
  number: supervisionPlans.number,
  symbol: supervisionPlans.symbol,
  issueDate: supervisionPlans.issueDate,
  subject: supervisionPlans.subject,
  status: supervisionPlans.status,
  periodStart: supervisionPlans.periodStart,
  periodEnd: supervisionPlans.periodEnd,
  issuingUnitId: supervisionPlans.issuingUnitId,
  issuingUnitName: units.name,
};


export async function listPlans(actor: Actor, filter: PlanFilter = {}, limit = 100) {
  const db = await getDb();
  const conditions = [readablePlanCondition(db, actor)];
  if (filter.status) conditions.push(eq(supervisionPlans.status, filter.status));
  if (filter.year) {
    // A draft has no issue date yet: it counts in the year it was written (Vietnam time).
    conditions.push(
      sql`extract(year from coalesce(${supervisionPlans.issueDate}, (${supervisionPlans.createdAt} at time zone 'Asia/Ho_Chi_Minh')::date)) = ${filter.year}`,
    );
  }
  if (filter.unitId) {
    conditions.push(inArray(supervisionPlans.id, db.select({ id: visits.planId }).from(visits).where(eq(visits.unitId, filter.unitId))));
  }
  if (filter.q) conditions.push(ilike(supervisionPlans.subject, containsPattern(filter.q)));
  return db
    .select(planColumns)
    .from(supervisionPlans)
    .innerJoin(units, eq(units.id, supervisionPlans.issuingUnitId))
    .where(and(...conditions))
    .orderBy(sql`${supervisionPlans.issueDate} desc nulls first`, desc(supervisionPlans.id))
    .limit(limit);
}

/** The supervised units of the plans the actor may read: the choices of the list's unit filter. */
export async function listPlanFilterUnits(actor: Actor): Promise<{ id: number; name: string }[]> {
  const db = await getDb();
  return db
    .selectDistinct({ id: units.id, name: units.name })
    .from(visits)
    .innerJoin(supervisionPlans, eq(supervisionPlans.id, visits.planId))
    .innerJoin(units, eq(units.id, visits.unitId))
    .where(readablePlanCondition(db, actor))
    .orderBy(asc(units.name), asc(units.id));
}

/** A plan with its team and visits, or null when it does not exist or the actor may not see it. */
export async function getPlan(actor: Actor, planId: number) {
  const db = await getDb();
  const [plan] = await db
    .select({
      ...planColumns,
      legalBasis: supervisionPlans.legalBasis,
      purpose: supervisionPlans.purpose,
      reportingOutline: supervisionPlans.reportingOutline,
      signerName: supervisionPlans.signerName,
      signerIsDeputy: supervisionPlans.signerIsDeputy,
      recipients: supervisionPlans.recipients,
      checklistTemplateId: supervisionPlans.checklistTemplateId,
      checklistTitle: checklistTemplates.title,
      checklistVersion: checklistTemplates.version,
      issuingUnitPlaceName: units.placeName,
    })
    .from(supervisionPlans)
    .innerJoin(units, eq(units.id, supervisionPlans.issuingUnitId))
    .leftJoin(checklistTemplates, eq(checklistTemplates.id, supervisionPlans.checklistTemplateId))
    .where(and(eq(supervisionPlans.id, planId), readablePlanCondition(db, actor)));
  if (!plan) return null;
  const [members, planVisits] = await Promise.all([
    db
      .select({ id: planMembers.id, userId: planMembers.userId, fullName: planMembers.fullName, title: planMembers.title, role: planMembers.role })
      .from(planMembers)
      .where(eq(planMembers.planId, planId))
      .orderBy(asc(planMembers.position), asc(planMembers.id)),
    db
      .select({ id: visits.id, unitId: visits.unitId, unitName: units.name, status: visits.status, scheduledAt: visits.scheduledAt })
      .from(visits)
      .innerJoin(units, eq(units.id, visits.unitId))
      .where(eq(visits.planId, planId))
      .orderBy(sql`${visits.scheduledAt} asc nulls last`, asc(units.name)),
  ]);
  return { ...plan, members, visits: planVisits };
}

export async function countPlansByStatus(actor: Actor) {
  const db = await getDb();
  const rows = await db
    .select({ status: supervisionPlans.status, n: count() })
    .from(supervisionPlans)
    .where(readablePlanCondition(db, actor))
    .groupBy(supervisionPlans.status);
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])) as Partial<Record<PlanStatus, number>>;
}

/** Upcoming and current visits the actor takes part in or is visited by. */
export async function listUpcomingVisits(actor: Actor, limit = 10) {
  const db = await getDb();
  return db
    .select({
      id: visits.id,
      planId: visits.planId,
      unitName: units.name,
      status: visits.status,
      scheduledAt: visits.scheduledAt,
      subject: supervisionPlans.subject,
    })
    .from(visits)
    .innerJoin(supervisionPlans, eq(supervisionPlans.id, visits.planId))
    .innerJoin(units, eq(units.id, visits.unitId))
    .where(
      and(
        readablePlanCondition(db, actor),
        inArray(visits.status, ["scheduled", "in_progress"]),
        actor.role === "unit" ? sql`${units.path} LIKE ${`${actor.scopePath}%`}` : sql`true`,
      ),
    )
    .orderBy(asc(visits.scheduledAt))
    .limit(limit);
}

// ---------------------------------------------------------------------------------------------
// Writing plans

/** What a plan form holds once normalised, as stored. */
function planFields(values: PlanFormValues) {
  const paragraphs = (text: string) => text.normalize("NFC").replace(/\r\n?/g, "\n").replace(/[ \t]+$/gm, "").trim();
  return {
    subject: cleanText(values.subject),
    legalBasis: splitLines(values.legalBasis).join("\n"),
    purpose: paragraphs(values.purpose),
    periodStart: values.periodStart,
    periodEnd: values.periodEnd,
    reportingOutline: paragraphs(values.reportingOutline),
    checklistTemplateId: values.checklistTemplateId,
    signerName: cleanText(values.signerName),
    signerIsDeputy: values.signerIsDeputy,
    // Stored without the "- " the document prints, and without the "Lưu: VT." it always adds.
    recipients: splitLines(values.recipients)
      .map((line) => line.replace(/^[-–•+]\s*/, ""))
      .filter((line) => !/^lưu\s*:?\s*vt\.?$/iu.test(line))
      .join("\n"),
  };
}
type PlanFields = ReturnType<typeof planFields>;

const LOCKED_AFTER_ISSUE: (keyof PlanFields)[] = [
  "subject",
  "legalBasis",
  "purpose",
  "periodStart",
  "periodEnd",
  "reportingOutline",
  "checklistTemplateId",
  "signerName",
  "signerIsDeputy",
  "recipients",
];

/** The plan row, locked for this transaction; 403 when it is not the actor's body's plan. */
async function lockOwnPlan(tx: DbOrTx, actor: Actor, planId: number) {
  const [plan] = await tx.select().from(supervisionPlans).where(eq(supervisionPlans.id, planId)).for("update");
  if (!plan || !mayManagePlan(actor, plan)) throw new DomainError(NO_RIGHT_TO_MANAGE, undefined, 403);
  return plan;
}

async function checkUnits(tx: DbOrTx, actor: Actor, unitIds: number[]) {
  if (unitIds.length === 0) return;
  const found = await tx
    .select({ id: units.id })
    .from(units)
    .where(
      and(
        inArray(units.id, unitIds),
        inArray(units.kind, [...SUPERVISED_KINDS]),
        eq(units.active, true),
        like(units.path, `${actor.scopePath}%`),
      ),
    );
  if (found.length !== new Set(unitIds).size) {
    throw new DomainError("Chỉ được chọn UBND hoặc Trung tâm Phục vụ hành chính công (Bộ phận Một cửa) thuộc địa bàn của Hội đồng nhân dân.", "units");
  }
}

async function checkMemberAccounts(tx: DbOrTx, actor: Actor, userIds: number[]) {
  if (userIds.length === 0) return;
  const found = await tx
    .select({ id: users.id })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(
      and(
        inArray(users.id, userIds),
        inArray(users.role, [...TEAM_ROLES_OF_USERS]),
        eq(users.active, true),
        like(units.path, `${actor.scopePath}%`),
      ),
    );
  if (found.length !== new Set(userIds).size) {
    throw new DomainError("Thành viên đoàn có tài khoản phải là người dùng đang hoạt động thuộc địa bàn của Hội đồng nhân dân.", "members");
  }
}

async function checkTemplate(tx: DbOrTx, templateId: number | null) {
  if (templateId === null || (await isTemplateChoice(tx, templateId))) return;
  throw new DomainError("Mẫu phiếu kiểm tra không tồn tại hoặc không còn được sử dụng; chọn một mẫu đang áp dụng.", "checklistTemplateId");
}

async function replaceMembers(tx: DbOrTx, planId: number, members: PlanFormValues["members"]) {
  await tx.delete(planMembers).where(eq(planMembers.planId, planId));
  if (members.length === 0) return;
  await tx.insert(planMembers).values(
    members.map((m, index) => ({
      planId,
      userId: m.userId,
      fullName: cleanText(m.fullName),
      title: cleanText(m.title),
      role: m.role,
      position: index + 1,
    })),
  );
}

const scheduledInstant = (value: string) => (value === "" ? null : vietnamLocalToInstant(value));

/**
 * Brings the plan's visits to the submitted units. In a draft units come and go, but a visit that
 * has started or holds the unit's report is never dropped. Once issued, the list of units is
 * fixed: only the times move.
 */
async function syncVisits(tx: DbOrTx, planId: number, submitted: PlanFormValues["units"], mode: PlanEditMode) {
  const existing = await tx
    .select({ id: visits.id, unitId: visits.unitId, status: visits.status, reportAt: visits.unitReportSubmittedAt, unitName: units.name })
    .from(visits)
    .innerJoin(units, eq(units.id, visits.unitId))
    .where(eq(visits.planId, planId));
  const byUnit = new Map(existing.map((v) => [v.unitId, v]));
  const wanted = new Set(submitted.map((u) => u.unitId));
  if (mode === "team_and_schedule" && (wanted.size !== byUnit.size || [...wanted].some((id) => !byUnit.has(id)))) {
    throw new DomainError("Kế hoạch đã ban hành: không thể thêm hoặc bớt đơn vị được giám sát, chỉ được đổi lịch giám sát.", "units", 409);
  }
  for (const visit of existing) {
    if (wanted.has(visit.unitId)) continue;
    if (visit.status !== "scheduled" || visit.reportAt) {
      throw new DomainError(`Không thể bỏ ${visit.unitName}: buổi giám sát đã bắt đầu hoặc đơn vị đã gửi báo cáo.`, "units");
    }
    await tx.delete(visits).where(eq(visits.id, visit.id));
  }
  for (const unit of submitted) {
    const scheduledAt = scheduledInstant(unit.scheduledAt);
    const visit = byUnit.get(unit.unitId);
    if (visit) await tx.update(visits).set({ scheduledAt }).where(eq(visits.id, visit.id));
    else {
      const [created] = await tx.insert(visits).values({ planId, unitId: unit.unitId, scheduledAt }).returning({ id: visits.id });
      await carryOpenRecommendations(tx, created.id);
    }
  }
}

function auditValues(fields: PlanFields, values: PlanFormValues) {
  return { ...fields, members: values.members, units: values.units };
}

/** A new draft plan of the actor's own body. */
export async function createPlan(actor: Actor, values: PlanFormValues): Promise<{ id: number }> {
  requireManager(actor);
  const fields = planFields(values);
  const db = await getDb();
  return db.transaction(async (tx) => {
    await checkUnits(tx, actor, values.units.map((u) => u.unitId));
    await checkMemberAccounts(tx, actor, values.members.flatMap((m) => (m.userId === null ? [] : [m.userId])));
    await checkTemplate(tx, fields.checklistTemplateId);
    const [plan] = await tx
      .insert(supervisionPlans)
      .values({ ...fields, issuingUnitId: actor.unitId, status: "draft", createdBy: actor.id })
      .returning({ id: supervisionPlans.id });
    await replaceMembers(tx, plan.id, values.members);
    await syncVisits(tx, plan.id, values.units, "full");
    await recordAudit(tx, actor, "create", "plan", plan.id, auditValues(fields, values));
    return plan;
  });
}

/**
 * Saves the plan form. A draft changes wholly. An issued or ongoing plan changes only its team and
 * the times of its visits (planEditMode in schemas/plan.ts); a form that tries to change anything
 * the issued document fixed is refused rather than half-applied. A concluded plan does not change.
 */
export async function updatePlan(actor: Actor, planId: number, values: PlanFormValues): Promise<void> {
  requireManager(actor);
  const fields = planFields(values);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const before = await lockOwnPlan(tx, actor, planId);
    const mode = planEditMode(before.status);
    if (mode === "none") {
      throw new DomainError(`Kế hoạch ${PLAN_STATUS_LABELS[before.status].toLowerCase()}: không thể sửa.`, undefined, 409);
    }
    const currentMembers = await tx.select({ userId: planMembers.userId }).from(planMembers).where(eq(planMembers.planId, planId));
    const known = new Set(currentMembers.map((m) => m.userId));
    await checkMemberAccounts(tx, actor, values.members.flatMap((m) => (m.userId === null || known.has(m.userId) ? [] : [m.userId])));
    if (mode === "full") {
      await checkUnits(tx, actor, values.units.map((u) => u.unitId));
      await checkTemplate(tx, fields.checklistTemplateId);
      await tx.update(supervisionPlans).set({ ...fields, updatedAt: new Date() }).where(eq(supervisionPlans.id, planId));
    } else {
      const changed = LOCKED_AFTER_ISSUE.find((key) => before[key] !== fields[key]);
      if (changed) {
        throw new DomainError(
          "Kế hoạch đã ban hành: chỉ được sửa thành phần đoàn và lịch giám sát; nội dung, căn cứ, thời kỳ, mẫu phiếu, người ký và nơi nhận giữ như văn bản đã ban hành.",
          changed,
          409,
        );
      }
      await tx.update(supervisionPlans).set({ updatedAt: new Date() }).where(eq(supervisionPlans.id, planId));
    }
    await replaceMembers(tx, planId, values.members);
    await syncVisits(tx, planId, values.units, mode);
    await recordAudit(tx, actor, "update", "plan", planId, { mode, after: auditValues(fields, values) });
  });
}

/**
 * Issues a draft: the next number of the issuing body's KH series for the year of the issue date,
 * taken in the same transaction. The plan row is locked first, so when two people issue the same
 * plan at once the second waits, then finds it issued and is told so; two different plans get two
 * different numbers from the series.
 */
export async function issuePlan(actor: Actor, planId: number, issueDate: string): Promise<{ number: number; symbol: string }> {
  requireManager(actor);
  if (!isIsoDate(issueDate)) throw new DomainError("Ngày ban hành không hợp lệ.", "issueDate");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const plan = await lockOwnPlan(tx, actor, planId);
    if (plan.status !== "draft") {
      const number = plan.number === null ? "" : ` với số ${formatDocumentNumber(plan.number, plan.symbol)}`;
      throw new DomainError(`Kế hoạch này đã được ban hành${number}.`, undefined, 409);
    }
    if (plan.checklistTemplateId === null) throw new DomainError("Chọn mẫu phiếu kiểm tra trước khi ban hành kế hoạch.", "checklistTemplateId");
    await checkTemplate(tx, plan.checklistTemplateId);
    const [{ n: unitCount }] = await tx.select({ n: count() }).from(visits).where(eq(visits.planId, planId));
    if (Number(unitCount) === 0) throw new DomainError("Kế hoạch chưa có đơn vị được giám sát.", "units");
    const [{ n: leads }] = await tx
      .select({ n: count() })
      .from(planMembers)
      .where(and(eq(planMembers.planId, planId), eq(planMembers.role, "lead")));
    if (Number(leads) !== 1) throw new DomainError("Kế hoạch chưa có Trưởng đoàn.", "members");
    if (plan.signerName === "") throw new DomainError("Nhập họ tên người ký trước khi ban hành kế hoạch.", "signerName");
    const number = await nextDocumentNumber(tx, plan.issuingUnitId, Number(issueDate.slice(0, 4)), "KH");
    await tx
      .update(supervisionPlans)
      .set({ number, issueDate, status: "issued", updatedAt: new Date() })
      .where(eq(supervisionPlans.id, planId));
    await recordAudit(tx, actor, "issue", "plan", planId, { number, symbol: plan.symbol, issueDate });
    return { number, symbol: plan.symbol };
  });
}

/** Moves an issued plan one step on: issued → in_progress → concluded → closed. */
export async function changePlanStatus(actor: Actor, planId: number, to: PlanStatus): Promise<void> {
  requireManager(actor);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const plan = await lockOwnPlan(tx, actor, planId);
    if (plan.status === to) throw new DomainError(`Kế hoạch đã ở trạng thái “${PLAN_STATUS_LABELS[to]}”.`, undefined, 409);
    if (plan.status === "draft" && to === "issued") {
      throw new DomainError("Kế hoạch dự thảo chỉ chuyển sang “Đã ban hành” khi ban hành (cấp số và ngày).");
    }
    if (!canMoveStatus(plan.status, to)) {
      throw new DomainError(`Không thể chuyển kế hoạch từ “${PLAN_STATUS_LABELS[plan.status]}” sang “${PLAN_STATUS_LABELS[to]}”.`);
    }
    await tx.update(supervisionPlans).set({ status: to, updatedAt: new Date() }).where(eq(supervisionPlans.id, planId));
    await recordAudit(tx, actor, "status", "plan", planId, { from: plan.status, to });
  });
}

// ---------------------------------------------------------------------------------------------
// The form's choices and the edit page

export type PlanFormOptions = {
  units: { id: number; name: string }[];
  people: { id: number; fullName: string; title: string; unitName: string }[];
  templates: { id: number; label: string }[];
};

/** What the plan form offers: supervised units and team accounts of the locality, published templates. */
export async function getPlanFormOptions(actor: Actor): Promise<PlanFormOptions> {
  requireManager(actor);
  const db = await getDb();
  const inLocality = like(units.path, `${actor.scopePath}%`);
  const [unitRows, people, templates] = await Promise.all([
    db
      .select({ id: units.id, name: units.name })
      .from(units)
      .where(and(inArray(units.kind, [...SUPERVISED_KINDS]), eq(units.active, true), inLocality))
      .orderBy(asc(units.name)),
    db
      .select({ id: users.id, fullName: users.fullName, title: users.title, unitName: units.name })
      .from(users)
      .innerJoin(units, eq(units.id, users.unitId))
      .where(and(inArray(users.role, [...TEAM_ROLES_OF_USERS]), eq(users.active, true), inLocality))
      .orderBy(asc(users.fullName), asc(users.id)),
    listTemplateChoices(db),
  ]);
  return {
    units: unitRows,
    people,
    templates: templates.map((t) => ({ id: t.id, label: `${t.title} (phiên bản ${t.version})` })),
  };
}

/**
 * The edit page's data: the form values of a plan the actor may edit now, and what the locked
 * parts show. 403 when the plan is not the actor's body's, or is concluded and may no longer change.
 */
export async function getPlanForEdit(actor: Actor, planId: number) {
  requireManager(actor);
  const plan = await getPlan(actor, planId);
  if (!plan || !mayManagePlan(actor, plan)) throw new DomainError(NO_RIGHT_TO_MANAGE, undefined, 403);
  const mode = planEditMode(plan.status);
  if (mode === "none") throw new DomainError(`Kế hoạch ${PLAN_STATUS_LABELS[plan.status].toLowerCase()}: không thể sửa.`, undefined, 403);
  const values: PlanFormValues = {
    subject: plan.subject,
    legalBasis: plan.legalBasis,
    purpose: plan.purpose,
    periodStart: plan.periodStart,
    periodEnd: plan.periodEnd,
    reportingOutline: plan.reportingOutline,
    checklistTemplateId: plan.checklistTemplateId,
    signerName: plan.signerName,
    signerIsDeputy: plan.signerIsDeputy,
    recipients: plan.recipients,
    members: plan.members.map((m) => ({ userId: m.userId, fullName: m.fullName, title: m.title, role: m.role })),
    units: plan.visits.map((v) => ({ unitId: v.unitId, scheduledAt: v.scheduledAt ? instantToVietnamLocal(v.scheduledAt) : "" })),
  };
  return {
    plan: { id: plan.id, number: plan.number, symbol: plan.symbol, issueDate: plan.issueDate, status: plan.status, subject: plan.subject },
    mode,
    values,
    // An issued plan keeps units and a template that may since have left the choices.
    unitNames: Object.fromEntries(plan.visits.map((v) => [v.unitId, v.unitName])) as Record<number, string>,
    templateLabel: plan.checklistTitle ? `${plan.checklistTitle} (phiên bản ${plan.checklistVersion})` : null,
  };
}

// ---------------------------------------------------------------------------------------------
// The printed plan

/** "HĐND phường Bình An" → "HĐND PHƯỜNG BÌNH AN". */
function upper(text: string) {
  return text.normalize("NFC").toLocaleUpperCase("vi-VN");
}

function withoutSuffix(name: string, suffix: string) {
  const [n, s] = [cleanText(name), cleanText(suffix)];
  return n.length > s.length && n.toLocaleLowerCase("vi-VN").endsWith(` ${s.toLocaleLowerCase("vi-VN")}`) ? n.slice(0, -s.length).trim() : n;
}

/**
 * The header of a document the unit issues: the council and "THƯỜNG TRỰC"; a Ban issuing its own
 * document prints under its council's name. With the place name of the date line.
 */
export async function documentIssuer(db: DbOrTx, issuingUnitId: number): Promise<{ governingBody: string; issuingBody: string; placeName: string }> {
  const parent = alias(units, "parent");
  const [issuer] = await db
    .select({ kind: units.kind, name: units.name, placeName: units.placeName, parentName: parent.name })
    .from(units)
    .leftJoin(parent, eq(parent.id, units.parentId))
    .where(eq(units.id, issuingUnitId));
  const council = issuer.kind === "council_committee" ? issuer.parentName : null;
  return {
    governingBody: upper(council ?? issuer.name),
    // "Ban Pháp chế HĐND phường An Phú" under "HĐND phường An Phú" prints "BAN PHÁP CHẾ".
    issuingBody: council ? upper(withoutSuffix(issuer.name, council)) : "THƯỜNG TRỰC",
    placeName: issuer.placeName ?? "",
  };
}

/** The plan as the document builder wants it, for anyone who may read the plan. */
export async function getPlanDocumentData(actor: Actor, planId: number): Promise<PlanDocumentData | null> {
  const plan = await getPlan(actor, planId);
  if (!plan) return null;
  const issuer = await documentIssuer(await getDb(), plan.issuingUnitId);
  return {
    governingBody: issuer.governingBody,
    issuingBody: issuer.issuingBody,
    number: plan.number,
    symbol: plan.symbol,
    placeName: issuer.placeName,
    issueDate: plan.issueDate,
    subject: plan.subject,
    legalBasis: splitLines(plan.legalBasis),
    purpose: plan.purpose,
    periodStart: plan.periodStart,
    periodEnd: plan.periodEnd,
    units: plan.visits.map((v) => ({ name: v.unitName, scheduledAt: v.scheduledAt ? new Date(v.scheduledAt).toISOString() : null })),
    members: plan.members.map((m) => ({ fullName: m.fullName, title: m.title, roleLabel: TEAM_ROLE_LABELS[m.role] })),
    checklist: plan.checklistTitle ? { title: plan.checklistTitle, version: plan.checklistVersion! } : null,
    reportingOutline: plan.reportingOutline,
    signer: { deputy: plan.signerIsDeputy, name: plan.signerName },
    recipients: splitLines(plan.recipients),
  };
}

/** A plan as getPlan answers it. */
export type PlanDetail = NonNullable<Awaited<ReturnType<typeof getPlan>>>;
