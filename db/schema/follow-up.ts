import { sql } from "drizzle-orm";
import {
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import {
  answerValue,
  documentType,
  extensionStatus,
  noticeStatus,
  recommendationStatus,
  remediationProgress,
  reportReview,
} from "./enums";
import { units, users } from "./organisation";
import { supervisionPlans, visits } from "./plans";
import { findings } from "./visits";

/**
 * Each issuing body keeps its own number series per year and document type. The next number is
 * taken with one `INSERT … ON CONFLICT DO UPDATE … RETURNING`, so two people issuing at once get
 * different numbers and a number is never reused.
 */
export const documentSeries = pgTable(
  "document_series",
  {
    issuingUnitId: integer("issuing_unit_id")
      .notNull()
      .references(() => units.id, { onDelete: "restrict" }),
    year: integer("year").notNull(),
    documentType: documentType("document_type").notNull(),
    lastNumber: integer("last_number").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.issuingUnitId, t.year, t.documentType] }),
    check("document_series_last_number_nonneg", sql`${t.lastNumber} >= 0`),
  ],
);

export type NoticeContent = {
  /** Paragraphs keyed by section, as edited before issue; frozen in the snapshot. */
  [section: string]: unknown;
};

export const conclusionNotices = pgTable(
  "conclusion_notices",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    planId: integer("plan_id")
      .notNull()
      .references(() => supervisionPlans.id, { onDelete: "restrict" }),
    visitId: integer("visit_id").references(() => visits.id, { onDelete: "restrict" }),
    issuingUnitId: integer("issuing_unit_id")
      .notNull()
      .references(() => units.id, { onDelete: "restrict" }),
    number: integer("number"),
    symbol: text("symbol").notNull().default("TB-HĐND"),
    issueDate: date("issue_date"),
    placeName: text("place_name").notNull(),
    status: noticeStatus("status").notNull().default("draft"),
    content: jsonb("content").$type<NoticeContent>().notNull(),
    recipients: jsonb("recipients").$type<string[]>().notNull().default([]),
    signerAuthority: text("signer_authority").notNull().default("TM. THƯỜNG TRỰC HĐND"),
    signerTitle: text("signer_title").notNull().default("CHỦ TỊCH"),
    signerName: text("signer_name").notNull(),
    /** A correction is a new notice that points at the one it corrects. */
    correctsNoticeId: integer("corrects_notice_id"),
    issuedAt: timestamp("issued_at", { withTimezone: true }),
    issuedBy: integer("issued_by").references(() => users.id, { onDelete: "restrict" }),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    revision: integer("revision").notNull().default(1),
  },
  (t) => [
    check(
      "conclusion_notices_issued_complete",
      sql`${t.status} = 'draft' OR (${t.number} IS NOT NULL AND ${t.issueDate} IS NOT NULL AND ${t.issuedAt} IS NOT NULL)`,
    ),
    uniqueIndex("conclusion_notices_number_key")
      .on(t.issuingUnitId, sql`extract(year from ${t.issueDate})`, t.symbol, t.number)
      .where(sql`${t.number} IS NOT NULL`),
    index("conclusion_notices_plan_idx").on(t.planId),
  ],
);

/**
 * A recommendation is drafted by the team for a visit; when the notice that carries it is issued,
 * `noticeId` is set and follow-up starts. `deadline` is the original date; an extension is kept
 * beside it in `extendedDeadline`, so both stay visible.
 */
export const recommendations = pgTable(
  "recommendations",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    visitId: integer("visit_id")
      .notNull()
      .references(() => visits.id, { onDelete: "cascade" }),
    noticeId: integer("notice_id").references(() => conclusionNotices.id, { onDelete: "restrict" }),
    addressedUnitId: integer("addressed_unit_id")
      .notNull()
      .references(() => units.id, { onDelete: "restrict" }),
    /** The role in the unit the recommendation is addressed to: "Chủ tịch UBND phường". */
    addressedRole: text("addressed_role").notNull().default(""),
    text: text("text").notNull(),
    deadline: date("deadline").notNull(),
    extendedDeadline: date("extended_deadline"),
    status: recommendationStatus("status").notNull().default("not_started"),
    position: integer("position").notNull().default(0),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    acceptedBy: integer("accepted_by").references(() => users.id, { onDelete: "restrict" }),
    /**
     * The Vietnam date the item was completed: the accepted report's submission, else the
     * acceptance. Set by a trigger (migration 0006) when the item is accepted, so the dashboard
     * counts on-time completions without a subquery per item (docs/scaling.md).
     */
    completedOn: date("completed_on"),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    revision: integer("revision").notNull().default(1),
  },
  (t) => [
    check("recommendations_text_not_blank", sql`length(btrim(${t.text})) > 0`),
    check(
      "recommendations_accepted_complete",
      sql`(${t.status} = 'accepted') = (${t.acceptedAt} IS NOT NULL AND ${t.acceptedBy} IS NOT NULL)`,
    ),
    check(
      "recommendations_extension_later",
      sql`${t.extendedDeadline} IS NULL OR ${t.extendedDeadline} > ${t.deadline}`,
    ),
    // The lists opened most: a unit's open items by deadline, and everything overdue.
    index("recommendations_open_by_unit_idx")
      .on(t.addressedUnitId, sql`coalesce(${t.extendedDeadline}, ${t.deadline})`)
      .where(sql`${t.status} <> 'accepted' AND ${t.noticeId} IS NOT NULL`),
    index("recommendations_open_by_deadline_idx")
      .on(sql`coalesce(${t.extendedDeadline}, ${t.deadline})`)
      .where(sql`${t.status} <> 'accepted' AND ${t.noticeId} IS NOT NULL`),
    // The dashboard's and the tracker's scope scans: every followed-up item of a set of units, read
    // from the index alone.
    index("recommendations_follow_up_idx")
      .on(t.addressedUnitId, t.noticeId)
      .where(sql`${t.noticeId} IS NOT NULL`),
    // The dashboard's monthly chart: what a set of units completed since a day.
    index("recommendations_completed_by_unit_idx")
      .on(t.addressedUnitId, t.completedOn)
      .where(sql`${t.status} = 'accepted' AND ${t.noticeId} IS NOT NULL`),
    index("recommendations_visit_idx").on(t.visitId, t.position),
    index("recommendations_notice_idx").on(t.noticeId),
  ],
);

/**
 * The dashboard's counts per (addressed unit, plan) that do not depend on today: followed-up items,
 * and those completed on time or late. Kept by a trigger on recommendations (migration 0008) in the
 * transaction that changes them, so a province's dashboard reads a few thousand cells instead of
 * every item of ten years; open and overdue items are counted live (docs/scaling.md).
 */
export const followUpCells = pgTable(
  "follow_up_cells",
  {
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id, { onDelete: "restrict" }),
    planId: integer("plan_id")
      .notNull()
      .references(() => supervisionPlans.id, { onDelete: "cascade" }),
    total: integer("total").notNull().default(0),
    completedOnTime: integer("completed_on_time").notNull().default(0),
    completedLate: integer("completed_late").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.unitId, t.planId] }),
    check("follow_up_cells_counts", sql`${t.completedOnTime} >= 0 AND ${t.completedLate} >= 0 AND ${t.completedOnTime} + ${t.completedLate} <= ${t.total}`),
  ],
);

export const recommendationFindings = pgTable(
  "recommendation_findings",
  {
    recommendationId: integer("recommendation_id")
      .notNull()
      .references(() => recommendations.id, { onDelete: "cascade" }),
    findingId: integer("finding_id")
      .notNull()
      .references(() => findings.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.recommendationId, t.findingId] })],
);

/** Báo cáo kết quả khắc phục: what the unit did, reviewed by the committee. */
export const remediationReports = pgTable(
  "remediation_reports",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    recommendationId: integer("recommendation_id")
      .notNull()
      .references(() => recommendations.id, { onDelete: "restrict" }),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id, { onDelete: "restrict" }),
    progress: remediationProgress("progress").notNull(),
    content: text("content").notNull(),
    submittedBy: integer("submitted_by")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull().defaultNow(),
    review: reportReview("review").notNull().default("submitted"),
    reviewNote: text("review_note").notNull().default(""),
    reviewedBy: integer("reviewed_by").references(() => users.id, { onDelete: "restrict" }),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
  },
  (t) => [
    check(
      "remediation_reports_review_complete",
      sql`${t.review} = 'submitted' OR (${t.reviewedBy} IS NOT NULL AND ${t.reviewedAt} IS NOT NULL)`,
    ),
    check(
      "remediation_reports_return_has_reason",
      sql`${t.review} <> 'returned' OR length(btrim(${t.reviewNote})) > 0`,
    ),
    index("remediation_reports_recommendation_idx").on(t.recommendationId, t.submittedAt),
    index("remediation_reports_unit_idx").on(t.unitId, t.submittedAt),
  ],
);

/**
 * The unit's printed Báo cáo kết quả khắc phục for one notice, numbered from the unit's own BC
 * series when it is issued, with the content frozen as it was printed (a database trigger refuses
 * UPDATE and DELETE). A unit may issue several over time (after a return, say).
 */
export const remediationDocuments = pgTable(
  "remediation_documents",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    noticeId: integer("notice_id")
      .notNull()
      .references(() => conclusionNotices.id, { onDelete: "restrict" }),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id, { onDelete: "restrict" }),
    number: integer("number").notNull(),
    symbol: text("symbol").notNull().default("BC-UBND"),
    issueDate: date("issue_date").notNull(),
    /** The document data as printed (RemediationDocumentData), so the PDF prints the same forever. */
    content: jsonb("content").$type<Record<string, unknown>>().notNull(),
    issuedBy: integer("issued_by")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    issuedAt: timestamp("issued_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("remediation_documents_number_key").on(t.unitId, sql`extract(year from ${t.issueDate})`, t.symbol, t.number),
    index("remediation_documents_notice_idx").on(t.noticeId, t.unitId),
  ],
);

/**
 * An open or returned recommendation of an earlier notice, carried into a later visit of the same
 * unit so the team verifies it on site: met = remedied, not_met = not remedied.
 */
export const carriedRecommendations = pgTable(
  "carried_recommendations",
  {
    visitId: integer("visit_id")
      .notNull()
      .references(() => visits.id, { onDelete: "cascade" }),
    recommendationId: integer("recommendation_id")
      .notNull()
      .references(() => recommendations.id, { onDelete: "restrict" }),
    value: answerValue("value"),
    note: text("note").notNull().default(""),
    answeredBy: integer("answered_by").references(() => users.id, { onDelete: "set null" }),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    revision: integer("revision").notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.visitId, t.recommendationId] }),
    index("carried_recommendations_recommendation_idx").on(t.recommendationId),
  ],
);

export const extensionRequests = pgTable(
  "extension_requests",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    recommendationId: integer("recommendation_id")
      .notNull()
      .references(() => recommendations.id, { onDelete: "restrict" }),
    requestedDeadline: date("requested_deadline").notNull(),
    reason: text("reason").notNull(),
    status: extensionStatus("status").notNull().default("pending"),
    requestedBy: integer("requested_by")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    decidedBy: integer("decided_by").references(() => users.id, { onDelete: "restrict" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decisionNote: text("decision_note").notNull().default(""),
  },
  (t) => [
    check("extension_requests_reason_not_blank", sql`length(btrim(${t.reason})) > 0`),
    check(
      "extension_requests_decision_complete",
      sql`${t.status} = 'pending' OR (${t.decidedBy} IS NOT NULL AND ${t.decidedAt} IS NOT NULL)`,
    ),
    index("extension_requests_recommendation_idx").on(t.recommendationId),
    uniqueIndex("extension_requests_one_pending_key")
      .on(t.recommendationId)
      .where(sql`${t.status} = 'pending'`),
  ],
);

export const notifications = pgTable(
  "notifications",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    link: text("link"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (t) => [
    index("notifications_user_unread_idx").on(t.userId, t.createdAt).where(sql`${t.readAt} IS NULL`),
    index("notifications_user_idx").on(t.userId, t.createdAt),
  ],
);

/** One row per reminder step sent: the primary key makes the reminder job idempotent. */
export const remindersSent = pgTable(
  "reminders_sent",
  {
    recommendationId: integer("recommendation_id")
      .notNull()
      .references(() => recommendations.id, { onDelete: "cascade" }),
    step: text("step").notNull(),
    audience: text("audience").notNull(),
    /** The deadline the step was computed from: an extension starts the steps again. */
    deadline: date("deadline").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.recommendationId, t.deadline, t.step, t.audience] })],
);

/**
 * E-mail waiting to be sent (only when SMTP is configured). Written in the transaction that records
 * the reminder; a sender claims rows with FOR UPDATE SKIP LOCKED and marks them sending before it
 * talks to the server, so a row is sent at most once even with several app instances.
 */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    status: text("status").notNull().default("pending"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    attemptedAt: timestamp("attempted_at", { withTimezone: true }),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    error: text("error").notNull().default(""),
  },
  (t) => [
    check("email_outbox_status_known", sql`${t.status} in ('pending', 'sending', 'sent', 'failed')`),
    index("email_outbox_pending_idx").on(t.createdAt).where(sql`${t.status} = 'pending'`),
  ],
);

export type ConclusionNotice = typeof conclusionNotices.$inferSelect;
export type Recommendation = typeof recommendations.$inferSelect;
export type RemediationReport = typeof remediationReports.$inferSelect;
export type ExtensionRequest = typeof extensionRequests.$inferSelect;
export type Notification = typeof notifications.$inferSelect;
export type RemediationDocument = typeof remediationDocuments.$inferSelect;
export type CarriedRecommendation = typeof carriedRecommendations.$inferSelect;
