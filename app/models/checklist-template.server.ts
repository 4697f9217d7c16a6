/**
 * Checklist templates, their sections and items: the only code that touches those tables.
 *
 * Versions: a template is identified by its code; each edition is a row with the next version.
 * A plan points at one version, so an edit to a version some plan uses (or to a retired one) is
 * written to a new draft version, a copy with the change applied, and the plans keep theirs.
 * Only the newest version of a code is edited, so versions form a line, never a tree. At most one
 * version of a code is published: publishing (or importing) a version retires the one before it.
 */
import { and, asc, desc, eq, inArray, max, ne, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "#db/client";
import { checklistItems, checklistSections, checklistTemplates, supervisionPlans, units, users } from "#db/schema";
import type { Actor } from "~/auth/actor";
import { roleHas } from "~/auth/roles";
import { getDb } from "~/db.server";
import {
  type AnswerType,
  type ChecklistTemplateFile,
  TEMPLATE_LIMITS,
  type TemplateStatus,
  checklistTemplateFileSchema,
  formatTemplateIssues,
  itemAddFields,
  itemEditSchema,
  itemRuleProblems,
  titleEditSchema,
} from "~/schemas/checklist-template";
import type { z } from "zod";
import { recordAudit } from "./audit.server";
import { DomainError } from "./errors.server";

const ENTITY = "checklist_template";

function requireManage(actor: Actor) {
  if (!roleHas(actor.role, "templates:manage")) {
    throw new DomainError("Chỉ quản trị hệ thống được quản lý mẫu phiếu kiểm tra.", undefined, 403);
  }
}

function requireRead(actor: Actor) {
  if (!roleHas(actor.role, "templates:manage") && !roleHas(actor.role, "plans:read")) {
    throw new DomainError("Bạn không có quyền xem mẫu phiếu kiểm tra.", undefined, 403);
  }
}

// Correlated subqueries name the outer table in full: drizzle writes a one-table select's columns bare.
const itemCount = sql<number>`(select count(*)::int from ${checklistItems} i join ${checklistSections} s on s.id = i.section_id where s.template_id = "checklist_templates"."id")`;
const planCount = sql<number>`(select count(*)::int from ${supervisionPlans} p where p.checklist_template_id = "checklist_templates"."id")`;

// ---------------------------------------------------------------- reading

export type TemplateItem = {
  id: number;
  code: string;
  text: string;
  guidance: string;
  answerType: AnswerType;
  legalBasis: string;
  indicatorCode: string | null;
  targetPercent: number | null;
  position: number;
};
export type TemplateSection = { id: number; code: string; title: string; position: number; items: TemplateItem[] };
export type TemplateContent = {
  id: number;
  code: string;
  version: number;
  title: string;
  description: string;
  status: TemplateStatus;
  createdAt: Date;
  sections: TemplateSection[];
};

/**
 * A template version with its sections and items in order, or null. No permission check: for
 * other models that have already decided the caller may see it (a visit's checklist).
 */
export async function templateContent(db: DbOrTx, templateId: number): Promise<TemplateContent | null> {
  const [template] = await db.select().from(checklistTemplates).where(eq(checklistTemplates.id, templateId));
  if (!template) return null;
  const sections = await db
    .select()
    .from(checklistSections)
    .where(eq(checklistSections.templateId, templateId))
    .orderBy(asc(checklistSections.position));
  const items =
    sections.length === 0
      ? []
      : await db
          .select()
          .from(checklistItems)
          .where(
            inArray(
              checklistItems.sectionId,
              sections.map((s) => s.id),
            ),
          )
          .orderBy(asc(checklistItems.position), asc(checklistItems.id));
  return {
    id: template.id,
    code: template.code,
    version: template.version,
    title: template.title,
    description: template.description,
    status: template.status,
    createdAt: template.createdAt,
    sections: sections.map((s) => ({
      id: s.id,
      code: s.code,
      title: s.title,
      position: s.position,
      items: items
        .filter((i) => i.sectionId === s.id)
        .map((i) => ({
          id: i.id,
          code: i.code,
          text: i.text,
          guidance: i.guidance,
          answerType: i.answerType,
          legalBasis: i.legalBasis,
          indicatorCode: i.indicatorCode,
          targetPercent: i.targetPercent === null ? null : Number(i.targetPercent),
          position: i.position,
        })),
    })),
  };
}

/** One item of a template version, or null when the item is not part of that version (a tampered id). */
export async function templateItem(db: DbOrTx, templateId: number, itemId: number) {
  const [item] = await db
    .select({
      id: checklistItems.id,
      code: checklistItems.code,
      text: checklistItems.text,
      answerType: checklistItems.answerType,
      indicatorCode: checklistItems.indicatorCode,
      targetPercent: checklistItems.targetPercent,
    })
    .from(checklistItems)
    .innerJoin(checklistSections, eq(checklistSections.id, checklistItems.sectionId))
    .where(and(eq(checklistItems.id, itemId), eq(checklistSections.templateId, templateId)));
  return item ?? null;
}

/** The file form of a stored version: what export writes and what a new version copies. */
function toFile(content: TemplateContent): ChecklistTemplateFile & { version: number } {
  return {
    code: content.code,
    version: content.version,
    title: content.title,
    description: content.description,
    sections: content.sections.map((s) => ({
      code: s.code,
      title: s.title,
      items: s.items.map((i) => ({
        code: i.code,
        text: i.text,
        guidance: i.guidance,
        answerType: i.answerType,
        legalBasis: i.legalBasis,
        ...(i.indicatorCode !== null ? { indicatorCode: i.indicatorCode } : {}),
        ...(i.targetPercent !== null ? { targetPercent: i.targetPercent } : {}),
      })),
    })),
  };
}

const versionColumns = {
  id: checklistTemplates.id,
  code: checklistTemplates.code,
  version: checklistTemplates.version,
  title: checklistTemplates.title,
};

/** Every version, newest first within a code, with how many items it has and plans use it. */
export async function listTemplates(actor: Actor) {
  requireManage(actor);
  const db = await getDb();
  return db
    .select({ ...versionColumns, status: checklistTemplates.status, createdAt: checklistTemplates.createdAt, itemCount, planCount })
    .from(checklistTemplates)
    .orderBy(asc(checklistTemplates.code), desc(checklistTemplates.version));
}

/** One version with its sections, items and the other versions of its code; null if none. */
export async function getTemplate(actor: Actor, templateId: number) {
  requireRead(actor);
  const db = await getDb();
  const content = await templateContent(db, templateId);
  if (!content) return null;
  const [author] = await db
    .select({ fullName: users.fullName })
    .from(checklistTemplates)
    .innerJoin(users, eq(users.id, checklistTemplates.createdBy))
    .where(eq(checklistTemplates.id, templateId));
  const versions = await db
    .select({ id: checklistTemplates.id, version: checklistTemplates.version, status: checklistTemplates.status })
    .from(checklistTemplates)
    .where(eq(checklistTemplates.code, content.code))
    .orderBy(desc(checklistTemplates.version));
  return { ...content, createdByName: author?.fullName ?? null, versions, latestVersionId: versions[0].id };
}

/** The plans that use a version: their numbers and issuing bodies, not their content. */
export async function listTemplatePlans(actor: Actor, templateId: number) {
  requireManage(actor);
  const db = await getDb();
  return db
    .select({
      id: supervisionPlans.id,
      number: supervisionPlans.number,
      symbol: supervisionPlans.symbol,
      issueDate: supervisionPlans.issueDate,
      status: supervisionPlans.status,
      issuingUnitName: units.name,
    })
    .from(supervisionPlans)
    .innerJoin(units, eq(units.id, supervisionPlans.issuingUnitId))
    .where(eq(supervisionPlans.checklistTemplateId, templateId))
    .orderBy(desc(supervisionPlans.issueDate), desc(supervisionPlans.id));
}

/** The versions a new plan may use: the published ones. */
export async function listTemplateChoices(db?: DbOrTx) {
  const database = db ?? (await getDb());
  return database
    .select({ ...versionColumns, itemCount })
    .from(checklistTemplates)
    .where(eq(checklistTemplates.status, "published"))
    .orderBy(asc(checklistTemplates.title), desc(checklistTemplates.version));
}

/** Whether a plan may newly choose this version (it exists and is published). */
export async function isTemplateChoice(db: DbOrTx, templateId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: checklistTemplates.id })
    .from(checklistTemplates)
    .where(and(eq(checklistTemplates.id, templateId), eq(checklistTemplates.status, "published")));
  return Boolean(row);
}

/** The file of a version, ready to download; round-trips through importTemplate. */
export async function exportTemplate(actor: Actor, templateId: number): Promise<ChecklistTemplateFile & { version: number }> {
  requireRead(actor);
  const content = await templateContent(await getDb(), templateId);
  if (!content) throw new DomainError("Mẫu phiếu không tồn tại.", undefined, 404);
  return toFile(content);
}

// ---------------------------------------------------------------- writing

/** Versions of one code are numbered one at a time, whichever instance asks. */
async function lockCode(tx: DbOrTx, code: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`checklist_template:${code}`}))`);
}

async function insertTemplate(tx: DbOrTx, file: ChecklistTemplateFile, meta: { version: number; status: TemplateStatus; createdBy: number | null }) {
  const [template] = await tx
    .insert(checklistTemplates)
    .values({ code: file.code, version: meta.version, title: file.title, description: file.description, status: meta.status, createdBy: meta.createdBy })
    .returning({ id: checklistTemplates.id });
  const sections = await tx
    .insert(checklistSections)
    .values(file.sections.map((s, i) => ({ templateId: template.id, code: s.code, title: s.title, position: i + 1 })))
    .returning({ id: checklistSections.id, code: checklistSections.code });
  const sectionId = new Map(sections.map((s) => [s.code, s.id]));
  const items = file.sections.flatMap((s) =>
    s.items.map((item, i) => ({
      sectionId: sectionId.get(s.code)!,
      code: item.code,
      text: item.text,
      guidance: item.guidance,
      answerType: item.answerType,
      legalBasis: item.legalBasis,
      indicatorCode: item.indicatorCode ?? null,
      targetPercent: item.targetPercent === undefined ? null : String(item.targetPercent),
      position: i + 1,
    })),
  );
  if (items.length > 0) await tx.insert(checklistItems).values(items);
  return template.id;
}

/** Retires the other published versions of a code; returns the versions retired. */
async function retireOthers(tx: DbOrTx, code: string, keepId: number) {
  const rows = await tx
    .update(checklistTemplates)
    .set({ status: "retired" })
    .where(and(eq(checklistTemplates.code, code), eq(checklistTemplates.status, "published"), ne(checklistTemplates.id, keepId)))
    .returning({ version: checklistTemplates.version });
  return rows.map((r) => r.version).sort((a, b) => a - b);
}

/** Values a caller passes in go through the forms' schema again: NFC, trimmed, bounded. */
function checked<S extends z.ZodType>(schema: S, values: unknown): z.output<S> {
  const result = schema.safeParse(values);
  if (result.success) return result.data;
  const [first] = result.error.issues;
  throw new DomainError(formatTemplateIssues(result.error.issues), typeof first?.path[0] === "string" ? first.path[0] : undefined);
}

/**
 * Imports a template file as the next version of its code (version 1 if the code is new),
 * published, in one transaction. The file's own `version` is ignored. Used by the demo data
 * (actorId null) and by the administrator's import.
 */
export async function importTemplate(
  db: DbOrTx,
  file: ChecklistTemplateFile,
  actorId: number | null,
): Promise<{ id: number; code: string; version: number }> {
  const parsed = checklistTemplateFileSchema.safeParse(file);
  if (!parsed.success) throw new DomainError(`Tệp mẫu phiếu không đúng định dạng: ${formatTemplateIssues(parsed.error.issues)}`);
  const template = parsed.data;
  return db.transaction(async (tx) => {
    await lockCode(tx, template.code);
    const [latest] = await tx
      .select({ version: max(checklistTemplates.version) })
      .from(checklistTemplates)
      .where(eq(checklistTemplates.code, template.code));
    const version = (latest?.version ?? 0) + 1;
    const id = await insertTemplate(tx, template, { version, status: "published", createdBy: actorId });
    const retired = await retireOthers(tx, template.code, id);
    await recordAudit(tx, actorId === null ? null : { id: actorId }, "import", ENTITY, id, {
      code: template.code,
      version,
      title: template.title,
      sections: template.sections.length,
      items: template.sections.reduce((n, s) => n + s.items.length, 0),
      retiredVersions: retired,
    });
    return { id, code: template.code, version };
  });
}

/** The administrator's import of an uploaded file. */
export async function importTemplateAs(actor: Actor, file: ChecklistTemplateFile) {
  requireManage(actor);
  return importTemplate(await getDb(), file, actor.id);
}

type TemplateRow = typeof checklistTemplates.$inferSelect;

/** Locks a version (and its code's numbering) for a change; refuses an older version when asked. */
async function lockVersion(tx: Tx, templateId: number, options: { newestOnly: boolean }): Promise<TemplateRow> {
  const [peek] = await tx.select({ code: checklistTemplates.code }).from(checklistTemplates).where(eq(checklistTemplates.id, templateId));
  if (!peek) throw new DomainError("Mẫu phiếu không tồn tại.", undefined, 404);
  await lockCode(tx, peek.code);
  // FOR UPDATE also waits for, and then blocks, a plan being saved with this version.
  const [current] = await tx.select().from(checklistTemplates).where(eq(checklistTemplates.id, templateId)).for("update");
  if (options.newestOnly) {
    const [newest] = await tx
      .select({ id: checklistTemplates.id, version: checklistTemplates.version })
      .from(checklistTemplates)
      .where(eq(checklistTemplates.code, current.code))
      .orderBy(desc(checklistTemplates.version))
      .limit(1);
    if (newest.id !== current.id) {
      throw new DomainError(`Đã có phiên bản mới hơn của mẫu phiếu này (phiên bản ${newest.version}); hãy sửa trên phiên bản mới nhất.`, undefined, 409);
    }
  }
  return current;
}

async function plansUsing(tx: DbOrTx, templateId: number) {
  const [row] = await tx.select({ n: planCount }).from(checklistTemplates).where(eq(checklistTemplates.id, templateId));
  return Number(row.n);
}

export type TemplateEditResult = {
  /** The version that now holds the change: the same one, or the new version. */
  id: number;
  code: string;
  version: number;
  /** True when the edited version was in use (or retired) and the change went to a new version. */
  newVersion: boolean;
  fromVersion: number;
  /** How many plans use the edited version (they keep it). */
  plansUsing: number;
  /** False when the submitted values were what the item already held: nothing was written. */
  changed: boolean;
};

type Prepared<T> = { unchanged: true } | { unchanged: false; value: T };
const UNCHANGED = { unchanged: true } as const;
const changeOf = <T>(value: T): Prepared<T> => ({ unchanged: false, value });

/**
 * The one way an edit is written: lock the newest version, let `prepare` check the change against
 * it, copy it to a new draft version if plans use it (or it is retired), apply the change to the
 * version that takes it, and audit both steps.
 */
async function editTemplate<T>(
  actor: Actor,
  templateId: number,
  action: string,
  prepare: (tx: Tx, current: TemplateRow) => Promise<Prepared<T>>,
  apply: (tx: Tx, targetId: number, value: T) => Promise<Record<string, unknown>>,
): Promise<TemplateEditResult> {
  requireManage(actor);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const current = await lockVersion(tx, templateId, { newestOnly: true });
    const prepared = await prepare(tx, current);
    const using = await plansUsing(tx, current.id);
    const unchangedResult = { id: current.id, code: current.code, version: current.version, newVersion: false, fromVersion: current.version, plansUsing: using };
    if (prepared.unchanged) return { ...unchangedResult, changed: false };
    let target = current.id;
    let version = current.version;
    const copy = using > 0 || current.status === "retired";
    if (copy) {
      version = current.version + 1;
      const content = await templateContent(tx, current.id);
      target = await insertTemplate(tx, toFile(content!), { version, status: "draft", createdBy: actor.id });
      await recordAudit(tx, actor, "new_version", ENTITY, target, {
        code: current.code,
        version,
        fromId: current.id,
        fromVersion: current.version,
        plansUsing: using,
        reason: action,
      });
    }
    const data = await apply(tx, target, prepared.value);
    await recordAudit(tx, actor, action, ENTITY, target, { version, ...data });
    return { ...unchangedResult, id: target, version, newVersion: copy, changed: true };
  });
}

/** An item of a version by its id, or a 404. */
async function itemOf(tx: DbOrTx, templateId: number, itemId: number) {
  const [item] = await tx
    .select({ item: checklistItems, sectionCode: checklistSections.code })
    .from(checklistItems)
    .innerJoin(checklistSections, eq(checklistSections.id, checklistItems.sectionId))
    .where(and(eq(checklistItems.id, itemId), eq(checklistSections.templateId, templateId)));
  if (!item) throw new DomainError("Tiêu chí không thuộc mẫu phiếu này.", undefined, 404);
  return item.item;
}

/** The item with this code in a version (codes are the same across versions). */
function itemByCode(templateId: number, code: string) {
  const sectionIds = sql`(select id from ${checklistSections} where template_id = ${templateId})`;
  return and(eq(checklistItems.code, code), inArray(checklistItems.sectionId, sectionIds));
}

function refuseRuleProblems(item: Parameters<typeof itemRuleProblems>[0]) {
  const [problem] = itemRuleProblems(item);
  if (problem) throw new DomainError(problem.message, problem.field);
}

const itemEditValues = itemEditSchema.omit({ intent: true, itemId: true });
export type ItemChange = { text: string; guidance: string; legalBasis: string; targetPercent: number | null };

/** Changes an item's text, guidance, legal basis or target. */
export async function updateTemplateItem(actor: Actor, templateId: number, itemId: number, change: ItemChange) {
  const values = checked(itemEditValues, change);
  return editTemplate(
    actor,
    templateId,
    "update_item",
    async (tx) => {
      const item = await itemOf(tx, templateId, itemId);
      refuseRuleProblems({ answerType: item.answerType, indicatorCode: item.indicatorCode, targetPercent: values.targetPercent });
      const target = values.targetPercent === null ? null : Number(values.targetPercent);
      const before = { text: item.text, guidance: item.guidance, legalBasis: item.legalBasis, targetPercent: item.targetPercent === null ? null : Number(item.targetPercent) };
      const after = { text: values.text, guidance: values.guidance, legalBasis: values.legalBasis, targetPercent: target };
      if (JSON.stringify(before) === JSON.stringify(after)) return UNCHANGED;
      return changeOf({ code: item.code, before, after });
    },
    async (tx, targetId, { code, before, after }) => {
      await tx
        .update(checklistItems)
        .set({ ...after, targetPercent: after.targetPercent === null ? null : String(after.targetPercent) })
        .where(itemByCode(targetId, code));
      return { item: code, before, after };
    },
  );
}

const itemAddValues = itemAddFields.omit({ intent: true, sectionId: true });
export type NewItem = Omit<TemplateItem, "id" | "position">;

/** Adds an item at the end of a section. */
export async function addTemplateItem(actor: Actor, templateId: number, sectionId: number, item: NewItem) {
  const values = checked(itemAddValues, item);
  refuseRuleProblems(values);
  return editTemplate(
    actor,
    templateId,
    "add_item",
    async (tx) => {
      const [section] = await tx
        .select({ code: checklistSections.code })
        .from(checklistSections)
        .where(and(eq(checklistSections.id, sectionId), eq(checklistSections.templateId, templateId)));
      if (!section) throw new DomainError("Phần không thuộc mẫu phiếu này.", undefined, 404);
      const [taken] = await tx.select({ id: checklistItems.id }).from(checklistItems).where(itemByCode(templateId, values.code));
      if (taken) throw new DomainError(`Mã tiêu chí "${values.code}" đã có trong mẫu phiếu.`, "code");
      const content = await templateContent(tx, templateId);
      const total = content!.sections.reduce((n, s) => n + s.items.length, 0);
      if (total >= TEMPLATE_LIMITS.items) throw new DomainError(`Mẫu phiếu có tối đa ${TEMPLATE_LIMITS.items} tiêu chí.`);
      return changeOf({ sectionCode: section.code });
    },
    async (tx, targetId, { sectionCode }) => {
      const [section] = await tx
        .select({ id: checklistSections.id, last: sql<number>`(select coalesce(max(position), 0)::int from ${checklistItems} where section_id = "checklist_sections"."id")` })
        .from(checklistSections)
        .where(and(eq(checklistSections.templateId, targetId), eq(checklistSections.code, sectionCode)));
      await tx.insert(checklistItems).values({
        sectionId: section.id,
        code: values.code,
        text: values.text,
        guidance: values.guidance,
        answerType: values.answerType,
        legalBasis: values.legalBasis,
        indicatorCode: values.answerType === "indicator" ? values.indicatorCode : null,
        targetPercent: values.targetPercent === null ? null : String(values.targetPercent),
        position: Number(section.last) + 1,
      });
      return { section: sectionCode, item: values.code, added: values };
    },
  );
}

/** Removes an item; a template keeps at least one. */
export async function removeTemplateItem(actor: Actor, templateId: number, itemId: number) {
  return editTemplate(
    actor,
    templateId,
    "remove_item",
    async (tx) => {
      const item = await itemOf(tx, templateId, itemId);
      const content = await templateContent(tx, templateId);
      if (content!.sections.reduce((n, s) => n + s.items.length, 0) <= 1) {
        throw new DomainError("Mẫu phiếu phải còn ít nhất một tiêu chí.");
      }
      return changeOf(item);
    },
    async (tx, targetId, item) => {
      await tx.delete(checklistItems).where(itemByCode(targetId, item.code));
      return { item: item.code, removed: { text: item.text, answerType: item.answerType, indicatorCode: item.indicatorCode } };
    },
  );
}

const titleValues = titleEditSchema.omit({ intent: true });

/** Changes the title and description. */
export async function updateTemplateTitle(actor: Actor, templateId: number, change: { title: string; description: string }) {
  const values = checked(titleValues, change);
  return editTemplate(
    actor,
    templateId,
    "update_title",
    async (_tx, current) => {
      const before = { title: current.title, description: current.description };
      if (before.title === values.title && before.description === values.description) return UNCHANGED;
      return changeOf(before);
    },
    async (tx, targetId, before) => {
      await tx.update(checklistTemplates).set(values).where(eq(checklistTemplates.id, targetId));
      return { before, after: values };
    },
  );
}

/** One status step of a version, locked and audited; publishing retires the version published before. */
async function changeStatus(actor: Actor, templateId: number, step: "publish" | "retire") {
  requireManage(actor);
  const rule = {
    publish: { from: "draft", to: "published", newestOnly: true, refusal: "Chỉ công bố được phiên bản đang là dự thảo." },
    retire: { from: "published", to: "retired", newestOnly: false, refusal: "Chỉ ngừng áp dụng được phiên bản đang áp dụng." },
  }[step];
  const db = await getDb();
  return db.transaction(async (tx) => {
    const current = await lockVersion(tx, templateId, { newestOnly: rule.newestOnly });
    if (current.status !== rule.from) throw new DomainError(rule.refusal);
    await tx.update(checklistTemplates).set({ status: rule.to as TemplateStatus }).where(eq(checklistTemplates.id, templateId));
    const retiredVersions = step === "publish" ? await retireOthers(tx, current.code, templateId) : [];
    await recordAudit(tx, actor, step, ENTITY, templateId, { code: current.code, version: current.version, retiredVersions });
    return { id: templateId, version: current.version, retiredVersions };
  });
}

/** Draft → published: new plans may use it; the version published before it is retired. */
export function publishTemplate(actor: Actor, templateId: number) {
  return changeStatus(actor, templateId, "publish");
}

/** Published → retired: no longer offered to new plans; the plans that use it keep it. */
export function retireTemplate(actor: Actor, templateId: number) {
  return changeStatus(actor, templateId, "retire");
}
