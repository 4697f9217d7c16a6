/**
 * The tables the generator fills and the columns it writes, in COPY order. Ids are written by the
 * generator (COPY accepts values for identity columns); the sequences are moved past them after
 * the load.
 */
export const TABLES = {
  units: ["id", "parent_id", "path", "kind", "name", "place_name", "code", "active", "created_at"],
  users: ["id", "username", "full_name", "title", "unit_id", "role", "email", "password_hash", "active", "failed_login_count", "password_changed_at", "created_at"],
  supervision_plans: ["id", "issuing_unit_id", "number", "symbol", "issue_date", "subject", "legal_basis", "period_start", "period_end", "purpose", "reporting_outline", "signer_name", "signer_is_deputy", "recipients", "checklist_template_id", "status", "created_by", "created_at", "updated_at"],
  plan_members: ["id", "plan_id", "user_id", "full_name", "title", "role", "position"],
  visits: ["id", "plan_id", "unit_id", "scheduled_at", "status", "unit_report", "unit_report_submitted_at"],
  answers: ["id", "visit_id", "item_id", "value", "number_value", "text_value", "note", "answered_by", "answered_at", "received_at", "revision", "edit_id"],
  indicator_figures: ["id", "unit_id", "visit_id", "item_id", "code", "label", "numerator", "denominator", "measure_unit", "period_start", "period_end", "source", "target_percent", "recorded_by", "recorded_at"],
  findings: ["id", "visit_id", "kind", "cause_kind", "parent_id", "text", "position", "created_by", "updated_at", "revision"],
  finding_citations: ["id", "finding_id", "item_id", "figure_id", "attachment_id"],
  attachments: ["id", "client_id", "visit_id", "item_id", "remediation_report_id", "kind", "file_name", "content_type", "byte_size", "sha256", "storage_key", "uploaded_by", "uploaded_at"],
  conclusion_notices: ["id", "plan_id", "visit_id", "issuing_unit_id", "number", "symbol", "issue_date", "place_name", "status", "content", "recipients", "signer_authority", "signer_title", "signer_name", "corrects_notice_id", "issued_at", "issued_by", "created_by", "updated_at", "revision"],
  recommendations: ["id", "visit_id", "notice_id", "addressed_unit_id", "addressed_role", "text", "deadline", "extended_deadline", "status", "position", "accepted_at", "accepted_by", "completed_on", "created_by", "created_at", "updated_at", "revision"],
  recommendation_findings: ["recommendation_id", "finding_id"],
  remediation_reports: ["id", "recommendation_id", "unit_id", "progress", "content", "submitted_by", "submitted_at", "review", "review_note", "reviewed_by", "reviewed_at"],
  extension_requests: ["id", "recommendation_id", "requested_deadline", "reason", "status", "requested_by", "requested_at", "decided_by", "decided_at", "decision_note"],
  reminders_sent: ["recommendation_id", "step", "audience", "deadline", "sent_at"],
  audit_log: ["id", "at", "actor_id", "action", "entity", "entity_id", "data"],
} as const satisfies Record<string, readonly string[]>;

export type TableName = keyof typeof TABLES;

export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

/** Tables whose `id` the generator assigns. */
export const ID_TABLES = TABLE_NAMES.filter((table) => (TABLES[table] as readonly string[])[0] === "id");
