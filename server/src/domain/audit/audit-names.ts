import { accounts, compounds, type Db, districts, hospitals, patients, vehicles } from '@lastmeter/db';
import { inArray } from 'drizzle-orm';
import { maskName } from '../mask-identity.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Which table an id names, by the record kind of an entry or the detail field that holds it. */
const KIND_OF: Record<string, 'hospital' | 'vehicle' | 'compound' | 'district' | 'account' | 'patient'> = {
  hospital: 'hospital',
  hospitalId: 'hospital',
  vehicle: 'vehicle',
  vehicleId: 'vehicle',
  compound: 'compound',
  compoundId: 'compound',
  district: 'district',
  districtId: 'district',
  account: 'account',
  accountId: 'account',
  patient: 'patient',
  patientId: 'patient',
  patientIds: 'patient',
};

type Kind = (typeof KIND_OF)[string];

/** The ids an audit entry names — its record and the detail fields that hold ids — by kind. */
export function idsOf(entry: { entity: string; entityId: string | null; detail: Record<string, unknown> }) {
  const found: Array<{ kind: Kind; id: string }> = [];
  const add = (key: string, value: unknown) => {
    const kind = KIND_OF[key];
    if (!kind) return;
    for (const v of Array.isArray(value) ? value : [value])
      if (typeof v === 'string' && UUID.test(v)) found.push({ kind, id: v });
  };
  add(entry.entity, entry.entityId);
  for (const [key, value] of Object.entries(entry.detail)) add(key, value);
  return found;
}

/**
 * What a person reads for each id: a hospital's or compound's name, a plate, an account's display
 * name — and a patient's name masked, as every staff screen shows it. One query per kind.
 */
export async function loadAuditNames(
  db: Db,
  ids: ReadonlyArray<{ kind: Kind; id: string }>,
): Promise<{ names: Map<string, string>; patients: number }> {
  const of = (kind: Kind) => [...new Set(ids.filter((i) => i.kind === kind).map((i) => i.id))];
  const names = new Map<string, string>();
  const load = async (
    kind: Kind,
    query: (list: string[]) => Promise<Array<{ id: string; name: string }>>,
  ): Promise<number> => {
    const list = of(kind);
    if (!list.length) return 0;
    const rows = await query(list);
    for (const row of rows) names.set(row.id, row.name);
    return rows.length;
  };
  await load('hospital', (l) =>
    db.select({ id: hospitals.id, name: hospitals.name }).from(hospitals).where(inArray(hospitals.id, l)),
  );
  await load('vehicle', (l) =>
    db.select({ id: vehicles.id, name: vehicles.plate }).from(vehicles).where(inArray(vehicles.id, l)),
  );
  await load('compound', (l) =>
    db.select({ id: compounds.id, name: compounds.name }).from(compounds).where(inArray(compounds.id, l)),
  );
  await load('district', (l) =>
    db.select({ id: districts.id, name: districts.name }).from(districts).where(inArray(districts.id, l)),
  );
  await load('account', (l) =>
    db.select({ id: accounts.id, name: accounts.displayName }).from(accounts).where(inArray(accounts.id, l)),
  );
  const patientCount = await load('patient', async (l) =>
    (
      await db.select({ id: patients.id, name: patients.name }).from(patients).where(inArray(patients.id, l))
    ).map((p) => ({ id: p.id, name: maskName(p.name) })),
  );
  return { names, patients: patientCount };
}
