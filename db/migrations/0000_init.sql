CREATE TYPE "public"."audit_outcome" AS ENUM('allowed', 'denied');--> statement-breakpoint
CREATE TYPE "public"."compound_level" AS ENUM('none', 'precaution', 'controlled', 'sealed');--> statement-breakpoint
CREATE TYPE "public"."crowding_level" AS ENUM('low', 'medium', 'high', 'full');--> statement-breakpoint
CREATE TYPE "public"."hospital_status" AS ENUM('open', 'diverting');--> statement-breakpoint
CREATE TYPE "public"."incident_kind" AS ENUM('refused_at_gate', 'breakdown', 'zone_change', 'no_show', 'other');--> statement-breakpoint
CREATE TYPE "public"."infection_class" AS ENUM('normal', 'close_contact', 'positive');--> statement-breakpoint
CREATE TYPE "public"."leg_direction" AS ENUM('outbound', 'return');--> statement-breakpoint
CREATE TYPE "public"."leg_status" AS ENUM('planned', 'assigned', 'accepted', 'en_route', 'at_pickup', 'on_board', 'arrived', 'completed', 'declined', 'cancelled', 'no_show', 'refused_at_gate');--> statement-breakpoint
CREATE TYPE "public"."mobility" AS ENUM('walk', 'wheelchair', 'stretcher');--> statement-breakpoint
CREATE TYPE "public"."need_kind" AS ENUM('dialysis', 'chemotherapy', 'radiotherapy', 'pregnancy', 'newborn', 'chronic', 'emergency');--> statement-breakpoint
CREATE TYPE "public"."patient_status" AS ENUM('pending', 'active', 'rejected', 'archived');--> statement-breakpoint
CREATE TYPE "public"."request_status" AS ENUM('open', 'matched', 'planned', 'unserved', 'cancelled', 'done');--> statement-breakpoint
CREATE TYPE "public"."return_mode" AS ENUM('fixed', 'will_call');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('admin', 'dispatcher', 'gatekeeper', 'driver', 'hospital');--> statement-breakpoint
CREATE TYPE "public"."service" AS ENUM('dialysis', 'oncology', 'obstetrics', 'neonatal', 'emergency', 'general');--> statement-breakpoint
CREATE TYPE "public"."urgency" AS ENUM('emergency', 'scheduled');--> statement-breakpoint
CREATE TYPE "public"."vehicle_kind" AS ENUM('ambulance_120', 'volunteer', 'requisitioned');--> statement-breakpoint
CREATE TYPE "public"."vehicle_status" AS ENUM('available', 'on_job', 'disinfecting', 'off');--> statement-breakpoint
CREATE TYPE "public"."zone_level" AS ENUM('precaution', 'controlled', 'sealed');--> statement-breakpoint
CREATE TABLE "account_scopes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"district_id" uuid,
	"compound_id" uuid,
	CONSTRAINT "account_scopes_one_target" CHECK (num_nonnulls("account_scopes"."district_id", "account_scopes"."compound_id") = 1)
);
--> statement-breakpoint
CREATE TABLE "accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"username" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" "role" NOT NULL,
	"display_name" text NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"locale" text DEFAULT 'zh-CN' NOT NULL,
	"hospital_id" uuid,
	"disabled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accounts_username_unique" UNIQUE("username")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_role" text NOT NULL,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text,
	"outcome" "audit_outcome" NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"ip" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_needs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"kind" "need_kind" NOT NULL,
	"schedule" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"hospital_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "compounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"name" text NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"boundary" jsonb NOT NULL,
	"level" "compound_level" DEFAULT 'none' NOT NULL,
	"level_zone_id" uuid,
	"self_registration_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "compounds_self_registration_token_unique" UNIQUE("self_registration_token")
);
--> statement-breakpoint
CREATE TABLE "districts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"city" text NOT NULL,
	"center" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "districts_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "domain_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"actor_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "drivers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"vehicle_id" uuid,
	"name" text NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "drivers_account_id_unique" UNIQUE("account_id"),
	CONSTRAINT "drivers_vehicle_id_unique" UNIQUE("vehicle_id")
);
--> statement-breakpoint
CREATE TABLE "gates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"compound_id" uuid NOT NULL,
	"name" text NOT NULL,
	"lng" double precision NOT NULL,
	"lat" double precision NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hospital_slot_overrides" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hospital_id" uuid NOT NULL,
	"service" "service" NOT NULL,
	"date" date NOT NULL,
	"start_time" text NOT NULL,
	"end_time" text NOT NULL,
	"capacity" integer NOT NULL,
	CONSTRAINT "hospital_slot_overrides_capacity" CHECK ("hospital_slot_overrides"."capacity" >= 0)
);
--> statement-breakpoint
CREATE TABLE "hospital_slots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hospital_id" uuid NOT NULL,
	"service" "service" NOT NULL,
	"weekday" smallint NOT NULL,
	"start_time" text NOT NULL,
	"end_time" text NOT NULL,
	"capacity" integer NOT NULL,
	CONSTRAINT "hospital_slots_weekday" CHECK ("hospital_slots"."weekday" between 1 and 7),
	CONSTRAINT "hospital_slots_capacity" CHECK ("hospital_slots"."capacity" >= 0)
);
--> statement-breakpoint
CREATE TABLE "hospitals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid,
	"name" text NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"lng" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"entrance_lng" double precision NOT NULL,
	"entrance_lat" double precision NOT NULL,
	"accepts_positive" boolean DEFAULT false NOT NULL,
	"crowding" "crowding_level" DEFAULT 'low' NOT NULL,
	"status" "hospital_status" DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "incident_kind" NOT NULL,
	"district_id" uuid,
	"leg_id" uuid,
	"vehicle_id" uuid,
	"hospital_id" uuid,
	"reported_by" uuid,
	"description" text DEFAULT '' NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid,
	"resolution" text
);
--> statement-breakpoint
CREATE TABLE "leg_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"leg_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"from_status" "leg_status",
	"to_status" "leg_status" NOT NULL,
	"lng" double precision,
	"lat" double precision,
	"note" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "legs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trip_id" uuid NOT NULL,
	"direction" "leg_direction" NOT NULL,
	"patient_id" uuid NOT NULL,
	"status" "leg_status" DEFAULT 'planned' NOT NULL,
	"vehicle_id" uuid,
	"driver_id" uuid,
	"run_id" uuid,
	"pickup_window_start" timestamp with time zone,
	"pickup_window_end" timestamp with time zone,
	"dropoff_window_start" timestamp with time zone,
	"dropoff_window_end" timestamp with time zone,
	"planned_pickup_at" timestamp with time zone,
	"planned_dropoff_at" timestamp with time zone,
	"booked_from" timestamp with time zone,
	"booked_to" timestamp with time zone,
	"eta_at" timestamp with time zone,
	"released" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "legs_booked_range" CHECK ("legs"."booked_to" is null or "legs"."booked_from" < "legs"."booked_to")
);
--> statement-breakpoint
CREATE TABLE "login_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"succeeded" boolean NOT NULL,
	"ip" text DEFAULT '' NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "patients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"compound_id" uuid NOT NULL,
	"gate_id" uuid,
	"name" text NOT NULL,
	"national_id" text NOT NULL,
	"phone" text NOT NULL,
	"building" text DEFAULT '' NOT NULL,
	"unit" text DEFAULT '' NOT NULL,
	"room" text DEFAULT '' NOT NULL,
	"mobility" "mobility" DEFAULT 'walk' NOT NULL,
	"companions" smallint DEFAULT 0 NOT NULL,
	"infection_class" "infection_class" DEFAULT 'normal' NOT NULL,
	"regular_hospital_id" uuid,
	"consent" jsonb,
	"status" "patient_status" DEFAULT 'active' NOT NULL,
	"source" text DEFAULT 'gatekeeper' NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "patients_companions" CHECK ("patients"."companions" between 0 and 4)
);
--> statement-breakpoint
CREATE TABLE "requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"need_id" uuid,
	"service" "service" NOT NULL,
	"date" date NOT NULL,
	"urgency" "urgency" DEFAULT 'scheduled' NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"window_end" timestamp with time zone NOT NULL,
	"return_mode" "return_mode" DEFAULT 'fixed' NOT NULL,
	"treatment_minutes" integer,
	"hospital_id" uuid,
	"match_reason" jsonb,
	"status" "request_status" DEFAULT 'open' NOT NULL,
	"source" text DEFAULT 'schedule' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "requests_window" CHECK ("requests"."window_end" >= "requests"."window_start")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"account_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"ip" text DEFAULT '' NOT NULL,
	"user_agent" text DEFAULT '' NOT NULL,
	CONSTRAINT "sessions_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "stream_events" (
	"recipient" text NOT NULL,
	"offset" bigint NOT NULL,
	"event_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stream_events_recipient_offset_pk" PRIMARY KEY("recipient","offset")
);
--> statement-breakpoint
CREATE TABLE "stream_heads" (
	"recipient" text PRIMARY KEY NOT NULL,
	"head" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trips" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"hospital_id" uuid NOT NULL,
	"gate_id" uuid NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trips_request_id_unique" UNIQUE("request_id")
);
--> statement-breakpoint
CREATE TABLE "vehicles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"kind" "vehicle_kind" NOT NULL,
	"plate" text NOT NULL,
	"call_sign" text DEFAULT '' NOT NULL,
	"seats" smallint NOT NULL,
	"wheelchair_places" smallint DEFAULT 0 NOT NULL,
	"stretchers" smallint DEFAULT 0 NOT NULL,
	"base_lng" double precision NOT NULL,
	"base_lat" double precision NOT NULL,
	"shift_start" text DEFAULT '07:00' NOT NULL,
	"shift_end" text DEFAULT '19:00' NOT NULL,
	"disinfection_minutes" smallint DEFAULT 30 NOT NULL,
	"status" "vehicle_status" DEFAULT 'available' NOT NULL,
	"last_lng" double precision,
	"last_lat" double precision,
	"last_seen_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vehicles_plate_unique" UNIQUE("plate"),
	CONSTRAINT "vehicles_capacity" CHECK ("vehicles"."seats" >= 0 and "vehicles"."wheelchair_places" >= 0 and "vehicles"."stretchers" >= 0)
);
--> statement-breakpoint
CREATE TABLE "zones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"name" text NOT NULL,
	"level" "zone_level" NOT NULL,
	"geometry" jsonb NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_to" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "zones_validity" CHECK ("zones"."valid_to" is null or "zones"."valid_to" > "zones"."valid_from")
);
--> statement-breakpoint
ALTER TABLE "account_scopes" ADD CONSTRAINT "account_scopes_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_scopes" ADD CONSTRAINT "account_scopes_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_scopes" ADD CONSTRAINT "account_scopes_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_needs" ADD CONSTRAINT "care_needs_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_needs" ADD CONSTRAINT "care_needs_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compounds" ADD CONSTRAINT "compounds_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drivers" ADD CONSTRAINT "drivers_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drivers" ADD CONSTRAINT "drivers_vehicle_id_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."vehicles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gates" ADD CONSTRAINT "gates_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hospital_slot_overrides" ADD CONSTRAINT "hospital_slot_overrides_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hospital_slots" ADD CONSTRAINT "hospital_slots_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hospitals" ADD CONSTRAINT "hospitals_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_leg_id_legs_id_fk" FOREIGN KEY ("leg_id") REFERENCES "public"."legs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_vehicle_id_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."vehicles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leg_events" ADD CONSTRAINT "leg_events_leg_id_legs_id_fk" FOREIGN KEY ("leg_id") REFERENCES "public"."legs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legs" ADD CONSTRAINT "legs_trip_id_trips_id_fk" FOREIGN KEY ("trip_id") REFERENCES "public"."trips"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legs" ADD CONSTRAINT "legs_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legs" ADD CONSTRAINT "legs_vehicle_id_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."vehicles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legs" ADD CONSTRAINT "legs_driver_id_drivers_id_fk" FOREIGN KEY ("driver_id") REFERENCES "public"."drivers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patients" ADD CONSTRAINT "patients_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patients" ADD CONSTRAINT "patients_gate_id_gates_id_fk" FOREIGN KEY ("gate_id") REFERENCES "public"."gates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patients" ADD CONSTRAINT "patients_regular_hospital_id_hospitals_id_fk" FOREIGN KEY ("regular_hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_need_id_care_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."care_needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stream_events" ADD CONSTRAINT "stream_events_event_id_domain_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."domain_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trips" ADD CONSTRAINT "trips_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trips" ADD CONSTRAINT "trips_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trips" ADD CONSTRAINT "trips_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trips" ADD CONSTRAINT "trips_gate_id_gates_id_fk" FOREIGN KEY ("gate_id") REFERENCES "public"."gates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vehicles" ADD CONSTRAINT "vehicles_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "zones" ADD CONSTRAINT "zones_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_scopes_account_idx" ON "account_scopes" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity","entity_id");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_id","at");--> statement-breakpoint
CREATE INDEX "care_needs_patient_idx" ON "care_needs" USING btree ("patient_id");--> statement-breakpoint
CREATE INDEX "compounds_district_idx" ON "compounds" USING btree ("district_id");--> statement-breakpoint
CREATE INDEX "gates_compound_idx" ON "gates" USING btree ("compound_id");--> statement-breakpoint
CREATE UNIQUE INDEX "hospital_slot_overrides_unique" ON "hospital_slot_overrides" USING btree ("hospital_id","service","date","start_time");--> statement-breakpoint
CREATE UNIQUE INDEX "hospital_slots_unique" ON "hospital_slots" USING btree ("hospital_id","service","weekday","start_time");--> statement-breakpoint
CREATE INDEX "incidents_open_idx" ON "incidents" USING btree ("district_id","resolved_at");--> statement-breakpoint
CREATE INDEX "leg_events_leg_idx" ON "leg_events" USING btree ("leg_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "legs_trip_direction_unique" ON "legs" USING btree ("trip_id","direction");--> statement-breakpoint
CREATE INDEX "legs_vehicle_idx" ON "legs" USING btree ("vehicle_id","booked_from");--> statement-breakpoint
CREATE INDEX "legs_patient_idx" ON "legs" USING btree ("patient_id");--> statement-breakpoint
CREATE INDEX "login_attempts_username_at_idx" ON "login_attempts" USING btree ("username","at");--> statement-breakpoint
CREATE INDEX "patients_compound_idx" ON "patients" USING btree ("compound_id");--> statement-breakpoint
CREATE UNIQUE INDEX "patients_national_id_live" ON "patients" USING btree ("national_id") WHERE "patients"."status" in ('pending', 'active');--> statement-breakpoint
CREATE UNIQUE INDEX "requests_need_date_unique" ON "requests" USING btree ("need_id","date");--> statement-breakpoint
CREATE INDEX "requests_date_idx" ON "requests" USING btree ("date");--> statement-breakpoint
CREATE INDEX "sessions_account_idx" ON "sessions" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "vehicles_district_idx" ON "vehicles" USING btree ("district_id");--> statement-breakpoint
CREATE INDEX "zones_district_idx" ON "zones" USING btree ("district_id");