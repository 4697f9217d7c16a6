CREATE TABLE "carried_recommendations" (
	"visit_id" integer NOT NULL,
	"recommendation_id" integer NOT NULL,
	"value" "answer_value",
	"note" text DEFAULT '' NOT NULL,
	"answered_by" integer,
	"answered_at" timestamp with time zone,
	"revision" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "carried_recommendations_visit_id_recommendation_id_pk" PRIMARY KEY("visit_id","recommendation_id")
);
--> statement-breakpoint
CREATE TABLE "email_outbox" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "email_outbox_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"to_address" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempted_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"error" text DEFAULT '' NOT NULL,
	CONSTRAINT "email_outbox_status_known" CHECK ("email_outbox"."status" in ('pending', 'sending', 'sent', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "remediation_documents" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "remediation_documents_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"notice_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"number" integer NOT NULL,
	"symbol" text DEFAULT 'BC-UBND' NOT NULL,
	"issue_date" date NOT NULL,
	"content" jsonb NOT NULL,
	"issued_by" integer NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "carried_recommendations" ADD CONSTRAINT "carried_recommendations_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carried_recommendations" ADD CONSTRAINT "carried_recommendations_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carried_recommendations" ADD CONSTRAINT "carried_recommendations_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remediation_documents" ADD CONSTRAINT "remediation_documents_notice_id_conclusion_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."conclusion_notices"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remediation_documents" ADD CONSTRAINT "remediation_documents_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remediation_documents" ADD CONSTRAINT "remediation_documents_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "carried_recommendations_recommendation_idx" ON "carried_recommendations" USING btree ("recommendation_id");--> statement-breakpoint
CREATE INDEX "email_outbox_pending_idx" ON "email_outbox" USING btree ("created_at") WHERE "email_outbox"."status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "remediation_documents_number_key" ON "remediation_documents" USING btree ("unit_id",extract(year from "issue_date"),"symbol","number");--> statement-breakpoint
CREATE INDEX "remediation_documents_notice_idx" ON "remediation_documents" USING btree ("notice_id","unit_id");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
ALTER TABLE "remediation_reports" DROP COLUMN "number";--> statement-breakpoint
ALTER TABLE "remediation_reports" DROP COLUMN "symbol";