-- No double booking (docs/product.md, rule 7), enforced by the database rather than by code.
-- A leg that is booked (assigned … arrived) holds its vehicle, its driver and its patient over
-- [booked_from, booked_to). Legs of the same run ride the vehicle together, so for vehicle and
-- driver the constraint only bites between different runs (`run_id WITH <>`).
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
-- Exclusion constraints ignore rows whose keys are NULL, so a booked leg must carry every key:
-- without this check a leg with a NULL vehicle, driver, run or range would slip past them.
ALTER TABLE "legs" ADD CONSTRAINT "legs_booked_keys_present" CHECK (
  "status" NOT IN ('assigned', 'accepted', 'en_route', 'at_pickup', 'on_board', 'arrived')
  OR ("vehicle_id" IS NOT NULL AND "driver_id" IS NOT NULL AND "run_id" IS NOT NULL
      AND "booked_from" IS NOT NULL AND "booked_to" IS NOT NULL)
);
--> statement-breakpoint
ALTER TABLE "legs" ADD CONSTRAINT "legs_no_vehicle_overlap" EXCLUDE USING gist (
  "vehicle_id" WITH =,
  tstzrange("booked_from", "booked_to", '[)') WITH &&,
  "run_id" WITH <>
) WHERE ("status" IN ('assigned', 'accepted', 'en_route', 'at_pickup', 'on_board', 'arrived'));
--> statement-breakpoint
ALTER TABLE "legs" ADD CONSTRAINT "legs_no_driver_overlap" EXCLUDE USING gist (
  "driver_id" WITH =,
  tstzrange("booked_from", "booked_to", '[)') WITH &&,
  "run_id" WITH <>
) WHERE ("status" IN ('assigned', 'accepted', 'en_route', 'at_pickup', 'on_board', 'arrived'));
--> statement-breakpoint
ALTER TABLE "legs" ADD CONSTRAINT "legs_no_patient_overlap" EXCLUDE USING gist (
  "patient_id" WITH =,
  tstzrange("booked_from", "booked_to", '[)') WITH &&
) WHERE ("status" IN ('assigned', 'accepted', 'en_route', 'at_pickup', 'on_board', 'arrived'));
--> statement-breakpoint
-- The audit log is append-only: nobody, not even the application, rewrites history.
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
