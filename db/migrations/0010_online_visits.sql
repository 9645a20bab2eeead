CREATE TYPE "public"."online_visit_status" AS ENUM('booked', 'in_progress', 'done', 'no_answer', 'needs_on_site', 'prescription_issued', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."slot_channel" AS ENUM('on_site', 'online');--> statement-breakpoint
CREATE TYPE "public"."way_of_service" AS ENUM('trip', 'online_visit', 'delivery');--> statement-breakpoint
CREATE TABLE "online_visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"hospital_id" uuid NOT NULL,
	"service" "service" NOT NULL,
	"date" date NOT NULL,
	"slot_start" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"join_token" text NOT NULL,
	"status" "online_visit_status" DEFAULT 'booked' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"ended_by" uuid,
	"follow_up_request_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "online_visits_join_token_unique" UNIQUE("join_token"),
	CONSTRAINT "online_visits_time" CHECK ("online_visits"."ends_at" > "online_visits"."starts_at")
);
--> statement-breakpoint
DROP INDEX "hospital_slot_overrides_unique";--> statement-breakpoint
DROP INDEX "hospital_slots_unique";--> statement-breakpoint
ALTER TABLE "care_needs" ADD COLUMN "serve_by" "way_of_service";--> statement-breakpoint
ALTER TABLE "hospital_slot_overrides" ADD COLUMN "channel" "slot_channel" DEFAULT 'on_site' NOT NULL;--> statement-breakpoint
ALTER TABLE "hospital_slots" ADD COLUMN "channel" "slot_channel" DEFAULT 'on_site' NOT NULL;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "serve_by" "way_of_service" DEFAULT 'trip' NOT NULL;--> statement-breakpoint
ALTER TABLE "online_visits" ADD CONSTRAINT "online_visits_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "online_visits" ADD CONSTRAINT "online_visits_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "online_visits" ADD CONSTRAINT "online_visits_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "online_visits" ADD CONSTRAINT "online_visits_follow_up_request_id_requests_id_fk" FOREIGN KEY ("follow_up_request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "online_visits_request_live" ON "online_visits" USING btree ("request_id") WHERE "online_visits"."status" <> 'cancelled';--> statement-breakpoint
CREATE UNIQUE INDEX "online_visits_hospital_time_live" ON "online_visits" USING btree ("hospital_id","service","starts_at") WHERE "online_visits"."status" <> 'cancelled';--> statement-breakpoint
CREATE INDEX "online_visits_hospital_date_idx" ON "online_visits" USING btree ("hospital_id","date");--> statement-breakpoint
CREATE INDEX "online_visits_patient_idx" ON "online_visits" USING btree ("patient_id");--> statement-breakpoint
CREATE UNIQUE INDEX "hospital_slot_overrides_unique" ON "hospital_slot_overrides" USING btree ("hospital_id","channel","service","date","start_time");--> statement-breakpoint
CREATE UNIQUE INDEX "hospital_slots_unique" ON "hospital_slots" USING btree ("hospital_id","channel","service","weekday","start_time");