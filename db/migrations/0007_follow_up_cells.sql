CREATE TABLE "follow_up_cells" (
	"unit_id" integer NOT NULL,
	"plan_id" integer NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"completed_on_time" integer DEFAULT 0 NOT NULL,
	"completed_late" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "follow_up_cells_unit_id_plan_id_pk" PRIMARY KEY("unit_id","plan_id"),
	CONSTRAINT "follow_up_cells_counts" CHECK ("follow_up_cells"."completed_on_time" >= 0 AND "follow_up_cells"."completed_late" >= 0 AND "follow_up_cells"."completed_on_time" + "follow_up_cells"."completed_late" <= "follow_up_cells"."total")
);
--> statement-breakpoint
DROP INDEX "recommendations_follow_up_idx";--> statement-breakpoint
ALTER TABLE "follow_up_cells" ADD CONSTRAINT "follow_up_cells_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_cells" ADD CONSTRAINT "follow_up_cells_plan_id_supervision_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."supervision_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "recommendations_completed_by_unit_idx" ON "recommendations" USING btree ("addressed_unit_id","completed_on") WHERE "recommendations"."status" = 'accepted' AND "recommendations"."notice_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "recommendations_follow_up_idx" ON "recommendations" USING btree ("addressed_unit_id","notice_id") WHERE "recommendations"."notice_id" IS NOT NULL;