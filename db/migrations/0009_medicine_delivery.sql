CREATE TYPE "public"."delivery_status" AS ENUM('pending', 'assigned', 'picked_up', 'at_gate', 'received', 'delivered', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."prescription_source" AS ENUM('online_visit', 'paper');--> statement-breakpoint
CREATE TABLE "deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"prescription_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"request_id" uuid,
	"compound_id" uuid NOT NULL,
	"gate_id" uuid NOT NULL,
	"hospital_id" uuid NOT NULL,
	"date" date NOT NULL,
	"parcel_no" text NOT NULL,
	"status" "delivery_status" DEFAULT 'pending' NOT NULL,
	"pickup_window_start" timestamp with time zone NOT NULL,
	"pickup_window_end" timestamp with time zone NOT NULL,
	"dropoff_window_start" timestamp with time zone NOT NULL,
	"dropoff_window_end" timestamp with time zone NOT NULL,
	"vehicle_id" uuid,
	"driver_id" uuid,
	"planned_pickup_at" timestamp with time zone,
	"planned_dropoff_at" timestamp with time zone,
	"unserved_reason" jsonb,
	"picked_up_at" timestamp with time zone,
	"at_gate_at" timestamp with time zone,
	"received_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deliveries_prescription_id_unique" UNIQUE("prescription_id"),
	CONSTRAINT "deliveries_parcel_no_unique" UNIQUE("parcel_no"),
	CONSTRAINT "deliveries_windows" CHECK ("deliveries"."pickup_window_end" >= "deliveries"."pickup_window_start" and "deliveries"."dropoff_window_end" >= "deliveries"."dropoff_window_start"),
	CONSTRAINT "deliveries_booked" CHECK ("deliveries"."status" not in ('assigned', 'picked_up', 'at_gate') or ("deliveries"."vehicle_id" is not null and "deliveries"."driver_id" is not null and "deliveries"."planned_pickup_at" is not null and "deliveries"."planned_dropoff_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "prescriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"hospital_id" uuid NOT NULL,
	"source" "prescription_source" NOT NULL,
	"online_visit_id" uuid,
	"items" jsonb NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"issued_by" uuid,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "prescriptions_items" CHECK (jsonb_array_length("prescriptions"."items") between 1 and 20)
);
--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_prescription_id_prescriptions_id_fk" FOREIGN KEY ("prescription_id") REFERENCES "public"."prescriptions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_gate_id_gates_id_fk" FOREIGN KEY ("gate_id") REFERENCES "public"."gates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_vehicle_id_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."vehicles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_driver_id_drivers_id_fk" FOREIGN KEY ("driver_id") REFERENCES "public"."drivers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescriptions" ADD CONSTRAINT "prescriptions_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescriptions" ADD CONSTRAINT "prescriptions_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deliveries_compound_date_idx" ON "deliveries" USING btree ("compound_id","date");--> statement-breakpoint
CREATE INDEX "deliveries_vehicle_idx" ON "deliveries" USING btree ("vehicle_id","date");--> statement-breakpoint
CREATE INDEX "deliveries_hospital_date_idx" ON "deliveries" USING btree ("hospital_id","date");--> statement-breakpoint
CREATE INDEX "deliveries_request_idx" ON "deliveries" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "prescriptions_patient_idx" ON "prescriptions" USING btree ("patient_id");--> statement-breakpoint
CREATE UNIQUE INDEX "prescriptions_online_visit_unique" ON "prescriptions" USING btree ("online_visit_id");