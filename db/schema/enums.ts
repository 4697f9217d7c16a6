import { pgEnum } from "drizzle-orm/pg-core";

export const unitKind = pgEnum("unit_kind", [
  "province",
  "commune", // xã, phường, đặc khu: the locality that holds its HĐND, UBND, MTTQ
  "people_council", // HĐND
  "council_committee", // Ban của HĐND
  "people_committee", // UBND xã/phường
  "public_service_center", // Trung tâm Phục vụ hành chính công / Bộ phận Một cửa
  "fatherland_front", // UBMTTQ
  "other",
]);

export const userRole = pgEnum("user_role", ["admin", "committee", "team_member", "unit"]);

export const planStatus = pgEnum("plan_status", ["draft", "issued", "in_progress", "concluded", "closed"]);

export const teamRole = pgEnum("team_role", ["lead", "deputy", "member", "secretary"]);

export const visitStatus = pgEnum("visit_status", ["scheduled", "in_progress", "completed"]);

export const templateStatus = pgEnum("template_status", ["draft", "published", "retired"]);

export const answerType = pgEnum("answer_type", ["tri_state", "number", "text", "indicator"]);

export const answerValue = pgEnum("answer_value", ["met", "not_met", "not_applicable"]);

export const figureSource = pgEnum("figure_source", ["reported", "verified"]);

export const findingKind = pgEnum("finding_kind", ["achievement", "shortcoming", "cause"]);

export const causeKind = pgEnum("cause_kind", ["objective", "subjective"]);

export const recommendationStatus = pgEnum("recommendation_status", [
  "not_started",
  "in_progress",
  "reported",
  "accepted",
  "returned",
]);

export const documentType = pgEnum("document_type", ["KH", "TB", "BC", "QD", "BB"]);

export const noticeStatus = pgEnum("notice_status", ["draft", "issued"]);

export const remediationProgress = pgEnum("remediation_progress", ["not_started", "in_progress", "completed"]);

export const reportReview = pgEnum("report_review", ["submitted", "accepted", "returned"]);

export const extensionStatus = pgEnum("extension_status", ["pending", "granted", "refused"]);

export const attachmentKind = pgEnum("attachment_kind", ["photo", "document"]);
