import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { checklistTemplates } from "./checklists";
import { planStatus, teamRole, visitStatus } from "./enums";
import { units, users } from "./organisation";

export const supervisionPlans = pgTable(
  "supervision_plans",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    issuingUnitId: integer("issuing_unit_id")
      .notNull()
      .references(() => units.id, { onDelete: "restrict" }),
    /** Assigned from document_series when the plan is issued; null while a draft. */
    number: integer("number"),
    /** "KH-HĐND": the part after the slash in "05/KH-HĐND". */
    symbol: text("symbol").notNull().default("KH-HĐND"),
    issueDate: date("issue_date"),
    subject: text("subject").notNull(),
    legalBasis: text("legal_basis").notNull().default(""),
    periodStart: date("period_start").notNull(),
    periodEnd: date("period_end").notNull(),
    /** Mục đích, yêu cầu: what the supervision is for, as printed in the plan. */
    purpose: text("purpose").notNull().default(""),
    reportingOutline: text("reporting_outline").notNull().default(""),
    /** Signature block: the chair signs "TM."; a vice-chair signs "KT." for the chair. */
    signerName: text("signer_name").notNull().default(""),
    signerIsDeputy: boolean("signer_is_deputy").notNull().default(false),
    /** Nơi nhận, one recipient per line, without the leading "- " or the final "Lưu: VT.". */
    recipients: text("recipients").notNull().default(""),
    checklistTemplateId: integer("checklist_template_id").references(() => checklistTemplates.id, {
      onDelete: "restrict",
    }),
    status: planStatus("status").notNull().default("draft"),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("supervision_plans_period_order", sql`${t.periodStart} <= ${t.periodEnd}`),
    check(
      "supervision_plans_issued_has_number",
      sql`${t.status} = 'draft' OR (${t.number} IS NOT NULL AND ${t.issueDate} IS NOT NULL)`,
    ),
    check("supervision_plans_number_positive", sql`${t.number} IS NULL OR ${t.number} > 0`),
    uniqueIndex("supervision_plans_number_key")
      .on(t.issuingUnitId, sql`extract(year from ${t.issueDate})`, t.symbol, t.number)
      .where(sql`${t.number} IS NOT NULL`),
    index("supervision_plans_status_idx").on(t.status, t.issueDate),
  ],
);

/** Team members; a member from outside the app (e.g. MTTQ) has no user account. */
export const planMembers = pgTable(
  "plan_members",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    planId: integer("plan_id")
      .notNull()
      .references(() => supervisionPlans.id, { onDelete: "cascade" }),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    fullName: text("full_name").notNull(),
    title: text("title").notNull().default(""),
    role: teamRole("role").notNull(),
    position: integer("position").notNull().default(0),
  },
  (t) => [
    index("plan_members_plan_idx").on(t.planId),
    uniqueIndex("plan_members_plan_user_key").on(t.planId, t.userId).where(sql`${t.userId} IS NOT NULL`),
    index("plan_members_user_idx").on(t.userId),
  ],
);

/** One plan × one supervised unit: the on-site visit. */
export const visits = pgTable(
  "visits",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    planId: integer("plan_id")
      .notNull()
      .references(() => supervisionPlans.id, { onDelete: "cascade" }),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id, { onDelete: "restrict" }),
    scheduledAt: timestamp("scheduled_at", { withTimezone: true }),
    status: visitStatus("status").notNull().default("scheduled"),
    /** The unit's own pre-visit report, answering the plan's outline. */
    unitReport: text("unit_report").notNull().default(""),
    unitReportSubmittedAt: timestamp("unit_report_submitted_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("visits_plan_unit_key").on(t.planId, t.unitId), index("visits_unit_idx").on(t.unitId)],
);

export type SupervisionPlan = typeof supervisionPlans.$inferSelect;
export type PlanMember = typeof planMembers.$inferSelect;
export type Visit = typeof visits.$inferSelect;
