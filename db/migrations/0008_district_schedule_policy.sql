ALTER TABLE "districts" ADD COLUMN "one_patient_per_vehicle" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "districts" ADD COLUMN "disinfect_after_every_passenger" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- The booking exclusions become deferrable: a re-plan moves several legs between runs and vehicles in
-- one transaction, and the database judges the day as it stands at commit, not each row half-way
-- (the schedule gate, server/src/domain/trips/schedule-gate.ts, checks the rules before that).
ALTER TABLE "legs" DROP CONSTRAINT "legs_no_vehicle_overlap";
--> statement-breakpoint
ALTER TABLE "legs" ADD CONSTRAINT "legs_no_vehicle_overlap" EXCLUDE USING gist (
  "vehicle_id" WITH =,
  tstzrange("booked_from", "booked_to", '[)') WITH &&,
  "run_id" WITH <>
) WHERE ("status" IN ('assigned', 'accepted', 'en_route', 'at_pickup', 'on_board', 'arrived'))
  DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "legs" DROP CONSTRAINT "legs_no_driver_overlap";
--> statement-breakpoint
ALTER TABLE "legs" ADD CONSTRAINT "legs_no_driver_overlap" EXCLUDE USING gist (
  "driver_id" WITH =,
  tstzrange("booked_from", "booked_to", '[)') WITH &&,
  "run_id" WITH <>
) WHERE ("status" IN ('assigned', 'accepted', 'en_route', 'at_pickup', 'on_board', 'arrived'))
  DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "legs" DROP CONSTRAINT "legs_no_patient_overlap";
--> statement-breakpoint
ALTER TABLE "legs" ADD CONSTRAINT "legs_no_patient_overlap" EXCLUDE USING gist (
  "patient_id" WITH =,
  tstzrange("booked_from", "booked_to", '[)') WITH &&
) WHERE ("status" IN ('assigned', 'accepted', 'en_route', 'at_pickup', 'on_board', 'arrived'))
  DEFERRABLE INITIALLY IMMEDIATE;
