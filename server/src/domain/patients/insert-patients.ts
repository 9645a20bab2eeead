import { randomUUID } from 'node:crypto';
import { type ConsentRecord, careNeeds, type Db, patients } from '@lastmeter/db';
import type { CareNeedInput, InfectionClass, Mobility } from '@lastmeter/shared';

/** A person as every way in writes them: the gatekeeper's form, the public link, a spreadsheet row. */
export interface NewPatient {
  /** Given when the caller needs the id before the row exists (an import's prescriptions). */
  id?: string;
  gateId: string | null;
  name: string;
  nationalId: string;
  phone: string;
  building: string;
  unit: string;
  room: string;
  mobility: Mobility;
  companions: number;
  infectionClass: InfectionClass;
  regularHospitalId?: string | null | undefined;
  notes?: string | undefined;
  consent: ConsentRecord | null;
  needs: readonly CareNeedInput[];
}

/** A care need's row from its input: the one mapping registration, self-registration, import and "add a need" share. */
export function careNeedRow(patientId: string, need: CareNeedInput): typeof careNeeds.$inferInsert {
  return {
    patientId,
    kind: need.kind,
    schedule: need.schedule,
    hospitalId: need.hospitalId ?? null,
    serveBy: need.serveBy ?? null,
    notes: need.notes,
  };
}

/**
 * Writes patients of one compound with their care needs, inside the caller's transaction; the one
 * insert of a patient. `status` and `source` say how they came (`pending` from the public link waits for
 * the gatekeeper); `at`, when given, stamps their creation with the server's clock. Two live
 * registrations of one ID number are refused by the partial unique index: the caller translates it.
 */
export async function insertPatients(
  tx: Db,
  {
    compoundId,
    status,
    source,
    createdBy,
    at,
  }: {
    compoundId: string;
    status: 'active' | 'pending';
    source: 'gatekeeper' | 'self' | 'import';
    createdBy: string | null;
    at?: Date;
  },
  people: readonly NewPatient[],
): Promise<{ patients: (typeof patients.$inferSelect)[]; needs: (typeof careNeeds.$inferSelect)[] }> {
  if (people.length === 0) return { patients: [], needs: [] };
  const rows = people.map((p) => ({ id: p.id ?? randomUUID(), p }));
  const written = await tx
    .insert(patients)
    .values(
      rows.map(({ id, p }) => ({
        id,
        compoundId,
        gateId: p.gateId,
        name: p.name,
        nationalId: p.nationalId,
        phone: p.phone,
        building: p.building,
        unit: p.unit,
        room: p.room,
        mobility: p.mobility,
        companions: p.companions,
        infectionClass: p.infectionClass,
        regularHospitalId: p.regularHospitalId ?? null,
        consent: p.consent,
        status,
        source,
        ...(p.notes !== undefined ? { notes: p.notes } : {}),
        createdBy,
        ...(at ? { createdAt: at, updatedAt: at } : {}),
      })),
    )
    .returning();
  const needRows = rows.flatMap(({ id, p }) => p.needs.map((n) => careNeedRow(id, n)));
  const needs = needRows.length ? await tx.insert(careNeeds).values(needRows).returning() : [];
  return { patients: written, needs };
}
