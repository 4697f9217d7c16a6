CREATE TYPE "public"."answer_type" AS ENUM('tri_state', 'number', 'text', 'indicator');--> statement-breakpoint
CREATE TYPE "public"."answer_value" AS ENUM('met', 'not_met', 'not_applicable');--> statement-breakpoint
CREATE TYPE "public"."attachment_kind" AS ENUM('photo', 'document');--> statement-breakpoint
CREATE TYPE "public"."cause_kind" AS ENUM('objective', 'subjective');--> statement-breakpoint
CREATE TYPE "public"."document_type" AS ENUM('KH', 'TB', 'BC', 'QD', 'BB');--> statement-breakpoint
CREATE TYPE "public"."extension_status" AS ENUM('pending', 'granted', 'refused');--> statement-breakpoint
CREATE TYPE "public"."figure_source" AS ENUM('reported', 'verified');--> statement-breakpoint
CREATE TYPE "public"."finding_kind" AS ENUM('achievement', 'shortcoming', 'cause');--> statement-breakpoint
CREATE TYPE "public"."notice_status" AS ENUM('draft', 'issued');--> statement-breakpoint
CREATE TYPE "public"."plan_status" AS ENUM('draft', 'issued', 'in_progress', 'concluded', 'closed');--> statement-breakpoint
CREATE TYPE "public"."recommendation_status" AS ENUM('not_started', 'in_progress', 'reported', 'accepted', 'returned');--> statement-breakpoint
CREATE TYPE "public"."remediation_progress" AS ENUM('not_started', 'in_progress', 'completed');--> statement-breakpoint
CREATE TYPE "public"."report_review" AS ENUM('submitted', 'accepted', 'returned');--> statement-breakpoint
CREATE TYPE "public"."team_role" AS ENUM('lead', 'deputy', 'member', 'secretary');--> statement-breakpoint
CREATE TYPE "public"."template_status" AS ENUM('draft', 'published', 'retired');--> statement-breakpoint
CREATE TYPE "public"."unit_kind" AS ENUM('province', 'commune', 'people_council', 'council_committee', 'people_committee', 'public_service_center', 'fatherland_front', 'other');--> statement-breakpoint
CREATE TYPE "public"."user_role" AS ENUM('admin', 'committee', 'team_member', 'unit');--> statement-breakpoint
CREATE TYPE "public"."visit_status" AS ENUM('scheduled', 'in_progress', 'completed');--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "units" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "units_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"parent_id" integer,
	"path" text NOT NULL,
	"kind" "unit_kind" NOT NULL,
	"name" text NOT NULL,
	"place_name" text,
	"code" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "units_name_not_blank" CHECK (length(btrim("units"."name")) > 0),
	CONSTRAINT "units_path_shape" CHECK ("units"."path" ~ '^(/[0-9]+)+/$')
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "users_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"username" text NOT NULL,
	"full_name" text NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"unit_id" integer NOT NULL,
	"role" "user_role" NOT NULL,
	"email" text,
	"password_hash" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"failed_login_count" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"password_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_username_shape" CHECK ("users"."username" ~ '^[a-z0-9._-]{3,64}$'),
	CONSTRAINT "users_failed_login_count_nonneg" CHECK ("users"."failed_login_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "checklist_items" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "checklist_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"section_id" integer NOT NULL,
	"code" text NOT NULL,
	"text" text NOT NULL,
	"guidance" text DEFAULT '' NOT NULL,
	"answer_type" "answer_type" DEFAULT 'tri_state' NOT NULL,
	"legal_basis" text DEFAULT '' NOT NULL,
	"indicator_code" text,
	"target_percent" numeric(5, 2),
	"position" integer NOT NULL,
	CONSTRAINT "checklist_items_indicator_has_code" CHECK (("checklist_items"."answer_type" <> 'indicator') OR ("checklist_items"."indicator_code" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "checklist_sections" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "checklist_sections_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"template_id" integer NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "checklist_templates" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "checklist_templates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"status" "template_status" DEFAULT 'draft' NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "checklist_templates_version_positive" CHECK ("checklist_templates"."version" > 0)
);
--> statement-breakpoint
CREATE TABLE "plan_members" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "plan_members_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"plan_id" integer NOT NULL,
	"user_id" integer,
	"full_name" text NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"role" "team_role" NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_plans" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "supervision_plans_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"issuing_unit_id" integer NOT NULL,
	"number" integer,
	"symbol" text DEFAULT 'KH-HĐND' NOT NULL,
	"issue_date" date,
	"subject" text NOT NULL,
	"legal_basis" text DEFAULT '' NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"reporting_outline" text DEFAULT '' NOT NULL,
	"checklist_template_id" integer,
	"status" "plan_status" DEFAULT 'draft' NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "supervision_plans_period_order" CHECK ("supervision_plans"."period_start" <= "supervision_plans"."period_end"),
	CONSTRAINT "supervision_plans_issued_has_number" CHECK ("supervision_plans"."status" = 'draft' OR ("supervision_plans"."number" IS NOT NULL AND "supervision_plans"."issue_date" IS NOT NULL)),
	CONSTRAINT "supervision_plans_number_positive" CHECK ("supervision_plans"."number" IS NULL OR "supervision_plans"."number" > 0)
);
--> statement-breakpoint
CREATE TABLE "visits" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "visits_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"plan_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"scheduled_at" timestamp with time zone,
	"status" "visit_status" DEFAULT 'scheduled' NOT NULL,
	"unit_report" text DEFAULT '' NOT NULL,
	"unit_report_submitted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "answers" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "answers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"visit_id" integer NOT NULL,
	"item_id" integer NOT NULL,
	"value" "answer_value",
	"number_value" numeric(18, 4),
	"text_value" text,
	"note" text DEFAULT '' NOT NULL,
	"answered_by" integer,
	"answered_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "attachments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "attachments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"client_id" uuid,
	"visit_id" integer,
	"item_id" integer,
	"remediation_report_id" integer,
	"kind" "attachment_kind" NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"byte_size" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"uploaded_by" integer,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attachments_has_owner" CHECK ("attachments"."visit_id" IS NOT NULL OR "attachments"."remediation_report_id" IS NOT NULL),
	CONSTRAINT "attachments_size_positive" CHECK ("attachments"."byte_size" > 0)
);
--> statement-breakpoint
CREATE TABLE "finding_citations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "finding_citations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"finding_id" integer NOT NULL,
	"item_id" integer,
	"figure_id" integer,
	"attachment_id" integer,
	CONSTRAINT "finding_citations_exactly_one" CHECK (num_nonnulls("finding_citations"."item_id", "finding_citations"."figure_id", "finding_citations"."attachment_id") = 1)
);
--> statement-breakpoint
CREATE TABLE "findings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "findings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"visit_id" integer NOT NULL,
	"kind" "finding_kind" NOT NULL,
	"cause_kind" "cause_kind",
	"parent_id" integer,
	"text" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "findings_cause_has_kind" CHECK (("findings"."kind" = 'cause') = ("findings"."cause_kind" IS NOT NULL)),
	CONSTRAINT "findings_text_not_blank" CHECK (length(btrim("findings"."text")) > 0)
);
--> statement-breakpoint
CREATE TABLE "indicator_figures" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "indicator_figures_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"unit_id" integer NOT NULL,
	"visit_id" integer,
	"item_id" integer,
	"code" text NOT NULL,
	"label" text NOT NULL,
	"numerator" bigint NOT NULL,
	"denominator" bigint,
	"measure_unit" text DEFAULT 'hồ sơ' NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"source" "figure_source" NOT NULL,
	"target_percent" numeric(5, 2),
	"recorded_by" integer,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_figures_numerator_nonneg" CHECK ("indicator_figures"."numerator" >= 0),
	CONSTRAINT "indicator_figures_denominator_nonneg" CHECK ("indicator_figures"."denominator" IS NULL OR "indicator_figures"."denominator" >= 0),
	CONSTRAINT "indicator_figures_period_order" CHECK ("indicator_figures"."period_start" <= "indicator_figures"."period_end"),
	CONSTRAINT "indicator_figures_target_range" CHECK ("indicator_figures"."target_percent" IS NULL OR ("indicator_figures"."target_percent" >= 0 AND "indicator_figures"."target_percent" <= 100))
);
--> statement-breakpoint
CREATE TABLE "indicator_targets" (
	"unit_id" integer NOT NULL,
	"year" integer NOT NULL,
	"code" text NOT NULL,
	"target_percent" numeric(5, 2) NOT NULL,
	CONSTRAINT "indicator_targets_unit_id_year_code_pk" PRIMARY KEY("unit_id","year","code"),
	CONSTRAINT "indicator_targets_range" CHECK ("indicator_targets"."target_percent" >= 0 AND "indicator_targets"."target_percent" <= 100)
);
--> statement-breakpoint
CREATE TABLE "conclusion_notices" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "conclusion_notices_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"plan_id" integer NOT NULL,
	"visit_id" integer,
	"issuing_unit_id" integer NOT NULL,
	"number" integer,
	"symbol" text DEFAULT 'TB-HĐND' NOT NULL,
	"issue_date" date,
	"place_name" text NOT NULL,
	"status" "notice_status" DEFAULT 'draft' NOT NULL,
	"content" jsonb NOT NULL,
	"recipients" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"signer_authority" text DEFAULT 'TM. THƯỜNG TRỰC HĐND' NOT NULL,
	"signer_title" text DEFAULT 'CHỦ TỊCH' NOT NULL,
	"signer_name" text NOT NULL,
	"corrects_notice_id" integer,
	"issued_at" timestamp with time zone,
	"issued_by" integer,
	"created_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "conclusion_notices_issued_complete" CHECK ("conclusion_notices"."status" = 'draft' OR ("conclusion_notices"."number" IS NOT NULL AND "conclusion_notices"."issue_date" IS NOT NULL AND "conclusion_notices"."issued_at" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "document_series" (
	"issuing_unit_id" integer NOT NULL,
	"year" integer NOT NULL,
	"document_type" "document_type" NOT NULL,
	"last_number" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "document_series_issuing_unit_id_year_document_type_pk" PRIMARY KEY("issuing_unit_id","year","document_type"),
	CONSTRAINT "document_series_last_number_nonneg" CHECK ("document_series"."last_number" >= 0)
);
--> statement-breakpoint
CREATE TABLE "extension_requests" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "extension_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"recommendation_id" integer NOT NULL,
	"requested_deadline" date NOT NULL,
	"reason" text NOT NULL,
	"status" "extension_status" DEFAULT 'pending' NOT NULL,
	"requested_by" integer NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"decision_note" text DEFAULT '' NOT NULL,
	CONSTRAINT "extension_requests_reason_not_blank" CHECK (length(btrim("extension_requests"."reason")) > 0),
	CONSTRAINT "extension_requests_decision_complete" CHECK ("extension_requests"."status" = 'pending' OR ("extension_requests"."decided_by" IS NOT NULL AND "extension_requests"."decided_at" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "notifications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"user_id" integer NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"link" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "recommendation_findings" (
	"recommendation_id" integer NOT NULL,
	"finding_id" integer NOT NULL,
	CONSTRAINT "recommendation_findings_recommendation_id_finding_id_pk" PRIMARY KEY("recommendation_id","finding_id")
);
--> statement-breakpoint
CREATE TABLE "recommendations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "recommendations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"visit_id" integer NOT NULL,
	"notice_id" integer,
	"addressed_unit_id" integer NOT NULL,
	"addressed_role" text DEFAULT '' NOT NULL,
	"text" text NOT NULL,
	"deadline" date NOT NULL,
	"extended_deadline" date,
	"status" "recommendation_status" DEFAULT 'not_started' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"accepted_at" timestamp with time zone,
	"accepted_by" integer,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "recommendations_text_not_blank" CHECK (length(btrim("recommendations"."text")) > 0),
	CONSTRAINT "recommendations_accepted_complete" CHECK (("recommendations"."status" = 'accepted') = ("recommendations"."accepted_at" IS NOT NULL AND "recommendations"."accepted_by" IS NOT NULL)),
	CONSTRAINT "recommendations_extension_later" CHECK ("recommendations"."extended_deadline" IS NULL OR "recommendations"."extended_deadline" > "recommendations"."deadline")
);
--> statement-breakpoint
CREATE TABLE "remediation_reports" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "remediation_reports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"recommendation_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"progress" "remediation_progress" NOT NULL,
	"content" text NOT NULL,
	"submitted_by" integer NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"review" "report_review" DEFAULT 'submitted' NOT NULL,
	"review_note" text DEFAULT '' NOT NULL,
	"reviewed_by" integer,
	"reviewed_at" timestamp with time zone,
	"number" integer,
	"symbol" text DEFAULT 'BC-UBND' NOT NULL,
	CONSTRAINT "remediation_reports_review_complete" CHECK ("remediation_reports"."review" = 'submitted' OR ("remediation_reports"."reviewed_by" IS NOT NULL AND "remediation_reports"."reviewed_at" IS NOT NULL)),
	CONSTRAINT "remediation_reports_return_has_reason" CHECK ("remediation_reports"."review" <> 'returned' OR length(btrim("remediation_reports"."review_note")) > 0)
);
--> statement-breakpoint
CREATE TABLE "reminders_sent" (
	"recommendation_id" integer NOT NULL,
	"step" text NOT NULL,
	"audience" text NOT NULL,
	"deadline" date NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reminders_sent_recommendation_id_deadline_step_audience_pk" PRIMARY KEY("recommendation_id","deadline","step","audience")
);
--> statement-breakpoint
CREATE TABLE "app_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" integer
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" integer,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "holidays" (
	"day" date PRIMARY KEY NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_parent_id_units_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklist_items" ADD CONSTRAINT "checklist_items_section_id_checklist_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."checklist_sections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklist_sections" ADD CONSTRAINT "checklist_sections_template_id_checklist_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."checklist_templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklist_templates" ADD CONSTRAINT "checklist_templates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_members" ADD CONSTRAINT "plan_members_plan_id_supervision_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."supervision_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_members" ADD CONSTRAINT "plan_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_plans" ADD CONSTRAINT "supervision_plans_issuing_unit_id_units_id_fk" FOREIGN KEY ("issuing_unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_plans" ADD CONSTRAINT "supervision_plans_checklist_template_id_checklist_templates_id_fk" FOREIGN KEY ("checklist_template_id") REFERENCES "public"."checklist_templates"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_plans" ADD CONSTRAINT "supervision_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_plan_id_supervision_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."supervision_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answers" ADD CONSTRAINT "answers_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answers" ADD CONSTRAINT "answers_item_id_checklist_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."checklist_items"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answers" ADD CONSTRAINT "answers_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_item_id_checklist_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."checklist_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_remediation_report_id_remediation_reports_id_fk" FOREIGN KEY ("remediation_report_id") REFERENCES "public"."remediation_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_citations" ADD CONSTRAINT "finding_citations_finding_id_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."findings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_citations" ADD CONSTRAINT "finding_citations_item_id_checklist_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."checklist_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_citations" ADD CONSTRAINT "finding_citations_figure_id_indicator_figures_id_fk" FOREIGN KEY ("figure_id") REFERENCES "public"."indicator_figures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_citations" ADD CONSTRAINT "finding_citations_attachment_id_attachments_id_fk" FOREIGN KEY ("attachment_id") REFERENCES "public"."attachments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_parent_id_findings_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."findings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_figures" ADD CONSTRAINT "indicator_figures_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_figures" ADD CONSTRAINT "indicator_figures_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_figures" ADD CONSTRAINT "indicator_figures_item_id_checklist_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."checklist_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_figures" ADD CONSTRAINT "indicator_figures_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_targets" ADD CONSTRAINT "indicator_targets_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conclusion_notices" ADD CONSTRAINT "conclusion_notices_plan_id_supervision_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."supervision_plans"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conclusion_notices" ADD CONSTRAINT "conclusion_notices_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conclusion_notices" ADD CONSTRAINT "conclusion_notices_issuing_unit_id_units_id_fk" FOREIGN KEY ("issuing_unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conclusion_notices" ADD CONSTRAINT "conclusion_notices_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conclusion_notices" ADD CONSTRAINT "conclusion_notices_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_series" ADD CONSTRAINT "document_series_issuing_unit_id_units_id_fk" FOREIGN KEY ("issuing_unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extension_requests" ADD CONSTRAINT "extension_requests_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extension_requests" ADD CONSTRAINT "extension_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extension_requests" ADD CONSTRAINT "extension_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_findings" ADD CONSTRAINT "recommendation_findings_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_findings" ADD CONSTRAINT "recommendation_findings_finding_id_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."findings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_notice_id_conclusion_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."conclusion_notices"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_addressed_unit_id_units_id_fk" FOREIGN KEY ("addressed_unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_accepted_by_users_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remediation_reports" ADD CONSTRAINT "remediation_reports_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remediation_reports" ADD CONSTRAINT "remediation_reports_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remediation_reports" ADD CONSTRAINT "remediation_reports_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remediation_reports" ADD CONSTRAINT "remediation_reports_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminders_sent" ADD CONSTRAINT "reminders_sent_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app_settings" ADD CONSTRAINT "app_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_expires_idx" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "units_parent_idx" ON "units" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "units_path_idx" ON "units" USING btree ("path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "units_code_key" ON "units" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "users_username_key" ON "users" USING btree (lower("username"));--> statement-breakpoint
CREATE INDEX "users_unit_idx" ON "users" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "checklist_items_section_code_key" ON "checklist_items" USING btree ("section_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "checklist_sections_template_code_key" ON "checklist_sections" USING btree ("template_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "checklist_sections_template_position_key" ON "checklist_sections" USING btree ("template_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "checklist_templates_code_version_key" ON "checklist_templates" USING btree ("code","version");--> statement-breakpoint
CREATE INDEX "plan_members_plan_idx" ON "plan_members" USING btree ("plan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_members_plan_user_key" ON "plan_members" USING btree ("plan_id","user_id") WHERE "plan_members"."user_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "plan_members_user_idx" ON "plan_members" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_plans_number_key" ON "supervision_plans" USING btree ("issuing_unit_id",extract(year from "issue_date"),"symbol","number") WHERE "supervision_plans"."number" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "supervision_plans_status_idx" ON "supervision_plans" USING btree ("status","issue_date");--> statement-breakpoint
CREATE UNIQUE INDEX "visits_plan_unit_key" ON "visits" USING btree ("plan_id","unit_id");--> statement-breakpoint
CREATE INDEX "visits_unit_idx" ON "visits" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "answers_visit_item_key" ON "answers" USING btree ("visit_id","item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "attachments_client_id_key" ON "attachments" USING btree ("client_id");--> statement-breakpoint
CREATE UNIQUE INDEX "attachments_storage_key_key" ON "attachments" USING btree ("storage_key");--> statement-breakpoint
CREATE INDEX "attachments_visit_idx" ON "attachments" USING btree ("visit_id");--> statement-breakpoint
CREATE INDEX "attachments_report_idx" ON "attachments" USING btree ("remediation_report_id");--> statement-breakpoint
CREATE INDEX "finding_citations_finding_idx" ON "finding_citations" USING btree ("finding_id");--> statement-breakpoint
CREATE INDEX "findings_visit_idx" ON "findings" USING btree ("visit_id","position");--> statement-breakpoint
CREATE INDEX "indicator_figures_unit_period_idx" ON "indicator_figures" USING btree ("unit_id","period_end");--> statement-breakpoint
CREATE INDEX "indicator_figures_visit_idx" ON "indicator_figures" USING btree ("visit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "conclusion_notices_number_key" ON "conclusion_notices" USING btree ("issuing_unit_id",extract(year from "issue_date"),"symbol","number") WHERE "conclusion_notices"."number" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "conclusion_notices_plan_idx" ON "conclusion_notices" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "extension_requests_recommendation_idx" ON "extension_requests" USING btree ("recommendation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "extension_requests_one_pending_key" ON "extension_requests" USING btree ("recommendation_id") WHERE "extension_requests"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "notifications_user_unread_idx" ON "notifications" USING btree ("user_id","created_at") WHERE "notifications"."read_at" IS NULL;--> statement-breakpoint
CREATE INDEX "recommendations_open_by_unit_idx" ON "recommendations" USING btree ("addressed_unit_id",coalesce("extended_deadline", "deadline")) WHERE "recommendations"."status" <> 'accepted' AND "recommendations"."notice_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "recommendations_open_by_deadline_idx" ON "recommendations" USING btree (coalesce("extended_deadline", "deadline")) WHERE "recommendations"."status" <> 'accepted' AND "recommendations"."notice_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "recommendations_visit_idx" ON "recommendations" USING btree ("visit_id","position");--> statement-breakpoint
CREATE INDEX "recommendations_notice_idx" ON "recommendations" USING btree ("notice_id");--> statement-breakpoint
CREATE INDEX "remediation_reports_recommendation_idx" ON "remediation_reports" USING btree ("recommendation_id","submitted_at");--> statement-breakpoint
CREATE INDEX "remediation_reports_unit_idx" ON "remediation_reports" USING btree ("unit_id","submitted_at");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity","entity_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_id","at");