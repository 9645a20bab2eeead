CREATE TYPE "public"."complaint_kind" AS ENUM('refused_at_gate', 'delayed_treatment', 'vehicle_late', 'other');--> statement-breakpoint
CREATE TYPE "public"."complaint_source" AS ENUM('driver', 'family', 'gatekeeper', 'dispatcher', 'hotline');--> statement-breakpoint
CREATE TYPE "public"."complaint_status" AS ENUM('open', 'resolved');--> statement-breakpoint
CREATE TYPE "public"."notice_attempt_outcome" AS ENUM('sent', 'failed', 'rate_limited', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."notice_kind" AS ENUM('evening_before', 'vehicle_departed', 'vehicle_at_gate', 'return_booked', 'trip_changed', 'trip_cancelled');--> statement-breakpoint
CREATE TYPE "public"."notice_recipient" AS ENUM('patient', 'family');--> statement-breakpoint
CREATE TYPE "public"."notice_status" AS ENUM('queued', 'failed', 'sent', 'given_up', 'skipped');--> statement-breakpoint
CREATE TABLE "complaints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hospital_id" uuid NOT NULL,
	"district_id" uuid,
	"kind" "complaint_kind" NOT NULL,
	"source" "complaint_source" NOT NULL,
	"incident_id" uuid,
	"trip_id" uuid,
	"reason" text,
	"forbidden_ground" boolean DEFAULT false NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"reported_by" uuid,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" "complaint_status" DEFAULT 'open' NOT NULL,
	"outcome" text,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid,
	CONSTRAINT "complaints_incident_id_unique" UNIQUE("incident_id")
);
--> statement-breakpoint
CREATE TABLE "notice_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"notice_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"outcome" "notice_attempt_outcome" NOT NULL,
	"provider" text NOT NULL,
	"detail" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notice_settings" (
	"patient_id" uuid PRIMARY KEY NOT NULL,
	"opted_out" boolean DEFAULT false NOT NULL,
	"family_phone" text,
	"quiet_start" text DEFAULT '21:30' NOT NULL,
	"quiet_end" text DEFAULT '07:00' NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trip_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"compound_id" uuid NOT NULL,
	"district_id" uuid NOT NULL,
	"kind" "notice_kind" NOT NULL,
	"recipient" "notice_recipient" NOT NULL,
	"phone" text NOT NULL,
	"locale" text DEFAULT 'zh-CN' NOT NULL,
	"params" jsonb NOT NULL,
	"body" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"status" "notice_status" DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_until" timestamp with time zone,
	"last_error" text,
	"provider_message_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "notices_dedupe_key_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
CREATE TABLE "tracking_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trip_id" uuid NOT NULL,
	"token" text NOT NULL,
	"views" integer DEFAULT 0 NOT NULL,
	"last_viewed_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tracking_links_trip_id_unique" UNIQUE("trip_id"),
	CONSTRAINT "tracking_links_token_unique" UNIQUE("token")
);
--> statement-breakpoint
ALTER TABLE "hospitals" ADD COLUMN "status_updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_trip_id_trips_id_fk" FOREIGN KEY ("trip_id") REFERENCES "public"."trips"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_attempts" ADD CONSTRAINT "notice_attempts_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_settings" ADD CONSTRAINT "notice_settings_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_trip_id_trips_id_fk" FOREIGN KEY ("trip_id") REFERENCES "public"."trips"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracking_links" ADD CONSTRAINT "tracking_links_trip_id_trips_id_fk" FOREIGN KEY ("trip_id") REFERENCES "public"."trips"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "complaints_hospital_idx" ON "complaints" USING btree ("hospital_id","occurred_at");--> statement-breakpoint
CREATE INDEX "complaints_district_idx" ON "complaints" USING btree ("district_id","occurred_at");--> statement-breakpoint
CREATE INDEX "notice_attempts_notice_idx" ON "notice_attempts" USING btree ("notice_id");--> statement-breakpoint
CREATE INDEX "notices_due_idx" ON "notices" USING btree ("next_attempt_at") WHERE "notices"."status" in ('queued', 'failed');--> statement-breakpoint
CREATE INDEX "notices_trip_idx" ON "notices" USING btree ("trip_id");--> statement-breakpoint
CREATE INDEX "notices_compound_idx" ON "notices" USING btree ("compound_id","created_at");--> statement-breakpoint
CREATE INDEX "notices_district_idx" ON "notices" USING btree ("district_id","created_at");