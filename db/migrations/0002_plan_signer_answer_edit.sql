ALTER TABLE "supervision_plans" ADD COLUMN "purpose" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "supervision_plans" ADD COLUMN "signer_name" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "supervision_plans" ADD COLUMN "signer_is_deputy" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "supervision_plans" ADD COLUMN "recipients" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "answers" ADD COLUMN "edit_id" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_figures_visit_item_source_key" ON "indicator_figures" USING btree ("visit_id","item_id","source") WHERE "indicator_figures"."visit_id" IS NOT NULL AND "indicator_figures"."item_id" IS NOT NULL;