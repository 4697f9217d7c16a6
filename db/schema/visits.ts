import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  check,
  date,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { checklistItems } from "./checklists";
import { answerValue, attachmentKind, causeKind, figureSource, findingKind } from "./enums";
import { units, users } from "./organisation";
import { visits } from "./plans";
import { remediationReports } from "./follow-up";

/**
 * One answer per checklist item per visit. `revision` grows with every change so that two team
 * members editing the same item can tell when the other overwrote them. `answeredAt` is the
 * device's time of the answer (it may arrive later, after the tablet was offline).
 */
export const answers = pgTable(
  "answers",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    visitId: integer("visit_id")
      .notNull()
      .references(() => visits.id, { onDelete: "cascade" }),
    itemId: integer("item_id")
      .notNull()
      .references(() => checklistItems.id, { onDelete: "restrict" }),
    value: answerValue("value"),
    numberValue: numeric("number_value", { precision: 18, scale: 4 }),
    textValue: text("text_value"),
    note: text("note").notNull().default(""),
    answeredBy: integer("answered_by").references(() => users.id, { onDelete: "set null" }),
    answeredAt: timestamp("answered_at", { withTimezone: true }).notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    revision: integer("revision").notNull().default(1),
    /** The device's id for the edit that wrote this state: a resent edit is recognised, not applied twice. */
    editId: uuid("edit_id"),
  },
  (t) => [uniqueIndex("answers_visit_item_key").on(t.visitId, t.itemId)],
);

/**
 * A figure for a unit and a period: a rate (numerator ÷ denominator) or a plain count
 * (denominator null: "36 lĩnh vực"). Reported by the unit or verified by the team.
 */
export const indicatorFigures = pgTable(
  "indicator_figures",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id, { onDelete: "restrict" }),
    visitId: integer("visit_id").references(() => visits.id, { onDelete: "cascade" }),
    itemId: integer("item_id").references(() => checklistItems.id, { onDelete: "set null" }),
    code: text("code").notNull(),
    label: text("label").notNull(),
    numerator: bigint("numerator", { mode: "number" }).notNull(),
    denominator: bigint("denominator", { mode: "number" }),
    measureUnit: text("measure_unit").notNull().default("hồ sơ"),
    periodStart: date("period_start").notNull(),
    periodEnd: date("period_end").notNull(),
    source: figureSource("source").notNull(),
    targetPercent: numeric("target_percent", { precision: 5, scale: 2 }),
    recordedBy: integer("recorded_by").references(() => users.id, { onDelete: "set null" }),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("indicator_figures_numerator_nonneg", sql`${t.numerator} >= 0`),
    check("indicator_figures_denominator_nonneg", sql`${t.denominator} IS NULL OR ${t.denominator} >= 0`),
    check("indicator_figures_period_order", sql`${t.periodStart} <= ${t.periodEnd}`),
    check(
      "indicator_figures_target_range",
      sql`${t.targetPercent} IS NULL OR (${t.targetPercent} >= 0 AND ${t.targetPercent} <= 100)`,
    ),
    index("indicator_figures_unit_period_idx").on(t.unitId, t.periodEnd),
    index("indicator_figures_visit_idx").on(t.visitId),
    /** One reported and one verified figure per checklist item of a visit. */
    uniqueIndex("indicator_figures_visit_item_source_key")
      .on(t.visitId, t.itemId, t.source)
      .where(sql`${t.visitId} IS NOT NULL AND ${t.itemId} IS NOT NULL`),
  ],
);

/** Targets differ by year and place (seed 000): data, not code. */
export const indicatorTargets = pgTable(
  "indicator_targets",
  {
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
    code: text("code").notNull(),
    targetPercent: numeric("target_percent", { precision: 5, scale: 2 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.unitId, t.year, t.code] }),
    check("indicator_targets_range", sql`${t.targetPercent} >= 0 AND ${t.targetPercent} <= 100`),
  ],
);

/** Achievements and shortcomings; causes hang under a shortcoming and say objective or subjective. */
export const findings = pgTable(
  "findings",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    visitId: integer("visit_id")
      .notNull()
      .references(() => visits.id, { onDelete: "cascade" }),
    kind: findingKind("kind").notNull(),
    causeKind: causeKind("cause_kind"),
    parentId: integer("parent_id").references((): AnyPgColumn => findings.id, { onDelete: "cascade" }),
    text: text("text").notNull(),
    position: integer("position").notNull().default(0),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    revision: integer("revision").notNull().default(1),
  },
  (t) => [
    check("findings_cause_has_kind", sql`(${t.kind} = 'cause') = (${t.causeKind} IS NOT NULL)`),
    check("findings_text_not_blank", sql`length(btrim(${t.text})) > 0`),
    index("findings_visit_idx").on(t.visitId, t.position),
  ],
);

export const attachments = pgTable(
  "attachments",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    /** Generated on the device, so a photo sent twice after a reconnect is stored once. */
    clientId: uuid("client_id"),
    visitId: integer("visit_id").references(() => visits.id, { onDelete: "cascade" }),
    itemId: integer("item_id").references(() => checklistItems.id, { onDelete: "set null" }),
    remediationReportId: integer("remediation_report_id").references((): AnyPgColumn => remediationReports.id, {
      onDelete: "cascade",
    }),
    kind: attachmentKind("kind").notNull(),
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    byteSize: integer("byte_size").notNull(),
    sha256: text("sha256").notNull(),
    storageKey: text("storage_key").notNull(),
    uploadedBy: integer("uploaded_by").references(() => users.id, { onDelete: "set null" }),
    uploadedAt: timestamp("uploaded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("attachments_client_id_key").on(t.clientId),
    uniqueIndex("attachments_storage_key_key").on(t.storageKey),
    check("attachments_has_owner", sql`${t.visitId} IS NOT NULL OR ${t.remediationReportId} IS NOT NULL`),
    check("attachments_size_positive", sql`${t.byteSize} > 0`),
    index("attachments_visit_idx").on(t.visitId),
    index("attachments_report_idx").on(t.remediationReportId),
  ],
);

/** What a finding rests on: a checklist item, a figure or a photo (exactly one per row). */
export const findingCitations = pgTable(
  "finding_citations",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    findingId: integer("finding_id")
      .notNull()
      .references(() => findings.id, { onDelete: "cascade" }),
    itemId: integer("item_id").references(() => checklistItems.id, { onDelete: "cascade" }),
    figureId: integer("figure_id").references(() => indicatorFigures.id, { onDelete: "cascade" }),
    attachmentId: integer("attachment_id").references(() => attachments.id, { onDelete: "cascade" }),
  },
  (t) => [
    check(
      "finding_citations_exactly_one",
      sql`num_nonnulls(${t.itemId}, ${t.figureId}, ${t.attachmentId}) = 1`,
    ),
    index("finding_citations_finding_idx").on(t.findingId),
  ],
);

export type Answer = typeof answers.$inferSelect;
export type IndicatorFigure = typeof indicatorFigures.$inferSelect;
export type Finding = typeof findings.$inferSelect;
export type Attachment = typeof attachments.$inferSelect;
