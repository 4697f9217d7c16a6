import { sql } from "drizzle-orm";
import { check, integer, numeric, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { answerType, templateStatus } from "./enums";
import { users } from "./organisation";

/**
 * A checklist template is versioned: `code` names the template, `version` counts its editions.
 * A plan points at one version, so a plan keeps the questions it was made with when the law changes.
 */
export const checklistTemplates = pgTable(
  "checklist_templates",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    code: text("code").notNull(),
    version: integer("version").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    status: templateStatus("status").notNull().default("draft"),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("checklist_templates_code_version_key").on(t.code, t.version),
    check("checklist_templates_version_positive", sql`${t.version} > 0`),
  ],
);

export const checklistSections = pgTable(
  "checklist_sections",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    templateId: integer("template_id")
      .notNull()
      .references(() => checklistTemplates.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    title: text("title").notNull(),
    position: integer("position").notNull(),
  },
  (t) => [
    uniqueIndex("checklist_sections_template_code_key").on(t.templateId, t.code),
    uniqueIndex("checklist_sections_template_position_key").on(t.templateId, t.position),
  ],
);

export const checklistItems = pgTable(
  "checklist_items",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    sectionId: integer("section_id")
      .notNull()
      .references(() => checklistSections.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    text: text("text").notNull(),
    guidance: text("guidance").notNull().default(""),
    answerType: answerType("answer_type").notNull().default("tri_state"),
    /** Legal basis as written: "Điều 8 Nghị định 118/2025/NĐ-CP". */
    legalBasis: text("legal_basis").notNull().default(""),
    /** For indicator items: which indicator of domain/indicators.ts the figure feeds. */
    indicatorCode: text("indicator_code"),
    targetPercent: numeric("target_percent", { precision: 5, scale: 2 }),
    position: integer("position").notNull(),
  },
  (t) => [
    uniqueIndex("checklist_items_section_code_key").on(t.sectionId, t.code),
    check(
      "checklist_items_indicator_has_code",
      sql`(${t.answerType} <> 'indicator') OR (${t.indicatorCode} IS NOT NULL)`,
    ),
  ],
);

export type ChecklistTemplate = typeof checklistTemplates.$inferSelect;
export type ChecklistSection = typeof checklistSections.$inferSelect;
export type ChecklistItem = typeof checklistItems.$inferSelect;
