ALTER TYPE "public"."notice_kind" ADD VALUE 'visit_booked';--> statement-breakpoint
ALTER TYPE "public"."notice_kind" ADD VALUE 'visit_changed';--> statement-breakpoint
ALTER TYPE "public"."notice_kind" ADD VALUE 'visit_cancelled';--> statement-breakpoint
ALTER TABLE "notices" ALTER COLUMN "trip_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "notices" ADD COLUMN "online_visit_id" uuid;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_online_visit_id_online_visits_id_fk" FOREIGN KEY ("online_visit_id") REFERENCES "public"."online_visits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notices_online_visit_idx" ON "notices" USING btree ("online_visit_id");--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_subject" CHECK (num_nonnulls("notices"."trip_id", "notices"."online_visit_id") = 1);