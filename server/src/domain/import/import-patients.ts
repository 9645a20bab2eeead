import { randomUUID } from 'node:crypto';
import { auditLog, type Db, gates, hospitals, PG, pgErrorOf } from '@lastmeter/db';
import {
  cityDateOf,
  fieldMessage,
  type ImportMapping,
  type ImportResult,
  type ImportRowError,
  type Locale,
  rooms,
} from '@lastmeter/shared';
import { asc, eq } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import type { Actor } from '../actor.ts';
import { createDeliveryFromPrescription } from '../deliveries/create-delivery-from-prescription.ts';
import { type NewDomainEvent, type RecordedEvent, recordEvents } from '../events/record-event.ts';
import { maskName, maskNationalId, maskPhone } from '../mask-identity.ts';
import { findLiveDuplicates } from '../patients/find-live-duplicates.ts';
import { insertPatients } from '../patients/insert-patients.ts';
import { loadCompoundForPatients } from '../patients/load-scope.ts';
import { seesFullName } from '../patients/present-patient.ts';
import { recordAudit } from '../record-audit.ts';
import { resolveMapping } from './header-mapping.ts';
import { type ImportCandidate, parseImportRows } from './parse-import-rows.ts';
import { readSpreadsheet } from './read-spreadsheet.ts';

/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters for the widest table here. */
const CHUNK = 1000;
const PREVIEW_ROWS = 20;

/**
 * A gatekeeper's spreadsheet into their compound's registry. A dry run reports every row's errors
 * and a preview; a commit writes every row or none, in one transaction, with consent recorded as
 * given to the gatekeeper and the source file named.
 */
export async function importPatients({
  db,
  actor,
  compoundId,
  file,
  mode,
  mapping: override,
  locale = actor.locale,
  now,
  timeZone,
}: {
  db: Db;
  actor: Actor;
  compoundId: string;
  file: { name: string; buffer: Buffer };
  mode: 'dry_run' | 'commit';
  mapping?: ImportMapping | undefined;
  /** Language of the row messages: the request's, else the account's. */
  locale?: Locale;
  /** The server's clock: the day rows are judged on, and which day an imported prescription is delivered on. */
  now: Date;
  timeZone: string;
}): Promise<ImportResult> {
  const compound = await loadCompoundForPatients(db, actor, compoundId, 'write');

  const table = await readSpreadsheet(file.name, file.buffer);
  const mapping = resolveMapping(table.headers, override);
  const [hospitalRows, gateRows] = await Promise.all([
    db.select({ id: hospitals.id, name: hospitals.name }).from(hospitals),
    db
      .select({ id: gates.id, name: gates.name })
      .from(gates)
      .where(eq(gates.compoundId, compoundId))
      .orderBy(asc(gates.name)),
  ]);
  const { candidates, errors: rowErrors } = parseImportRows(table, mapping, {
    locale,
    today: cityDateOf(now, timeZone),
    hospitals: new Map(hospitalRows.map((h) => [h.name, h.id])),
    gates: new Map(gateRows.map((g) => [g.name, g.id])),
    defaultGateId: gateRows[0]?.id ?? null,
  });
  const live = await findLiveDuplicates(
    db,
    actor,
    candidates.map((c) => c.nationalId),
  );
  const accepted = candidates.filter((c) => {
    if (!live.has(c.nationalId)) return true;
    rowErrors.push({ row: c.row, field: 'nationalId', message: fieldMessage('already_registered', locale) });
    return false;
  });
  rowErrors.sort((a, b) => a.row - b.row);

  const result: ImportResult = {
    mode,
    fileName: file.name,
    format: table.format,
    encoding: table.encoding,
    headers: table.headers,
    mapping,
    rowCount: table.rows.length,
    validCount: accepted.length,
    errors: rowErrors,
    preview: accepted.slice(0, PREVIEW_ROWS).map((c) => previewRow(c, seesFullName(actor, compoundId))),
    imported: 0,
    prescriptions: accepted.filter((c) => c.prescription).length,
  };
  if (mode === 'dry_run') {
    await recordAudit(db, {
      actor,
      action: 'import_dry_run',
      entity: 'patient',
      outcome: 'allowed',
      detail: { compoundId, fileName: file.name, rows: table.rows.length, errors: rowErrors.length },
    });
    return result;
  }
  if (rowErrors.length) throw importRejected(rowErrors);

  try {
    await db.transaction(async (tx) =>
      writeCandidates(tx, actor, compound, file.name, accepted, { now, timeZone }),
    );
  } catch (error) {
    if (pgErrorOf(error)?.code === PG.uniqueViolation) throw errors.duplicatePatient(undefined, 'file');
    throw error;
  }
  return { ...result, imported: accepted.length };
}

function importRejected(rowErrors: ImportRowError[]) {
  return errors.validation(
    rowErrors.map((e) => ({ path: `rows.${e.row}.${e.field}`, message: e.message })),
    `${rowErrors.length} problem(s) in the file; nothing was imported`,
  );
}

async function writeCandidates(
  tx: Db,
  actor: Actor,
  compound: { id: string; districtId: string },
  fileName: string,
  candidates: ImportCandidate[],
  { now, timeZone }: { now: Date; timeZone: string },
): Promise<RecordedEvent[]> {
  const consent = {
    givenBy: actor.displayName,
    relation: 'gatekeeper',
    at: now.toISOString(),
    purposes: ['transport', 'hospital_handover'],
    recordedBy: actor.accountId,
    source: `import:${fileName}`,
  };
  const rows = candidates.map((c) => ({ id: randomUUID(), c }));
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    await insertPatients(
      tx,
      { compoundId: compound.id, status: 'active', source: 'import', createdBy: actor.accountId, at: now },
      chunk.map(({ id, c }) => ({ ...c, id, consent, needs: c.need ? [c.need] : [] })),
    );
    await tx.insert(auditLog).values(
      chunk.map(({ id, c }) => ({
        actorId: actor.accountId,
        actorRole: actor.role,
        action: 'import',
        entity: 'patient',
        entityId: id,
        outcome: 'allowed' as const,
        detail: { compoundId: compound.id, fileName, row: c.row },
        ip: actor.ip,
      })),
    );
  }
  const events: NewDomainEvent[] = [
    {
      type: 'patients.imported',
      payload: { compoundId: compound.id, count: candidates.length },
      actorId: actor.accountId,
      recipients: [rooms.compound(compound.id), rooms.district(compound.districtId)],
    },
  ];
  // A paper prescription copied into the sheet becomes a delivery, as if entered on the patient's page.
  for (const { id, c } of rows) {
    if (!c.prescription || !c.regularHospitalId) continue;
    const issued = await createDeliveryFromPrescription({
      db: tx,
      actor,
      patientId: id,
      input: { hospitalId: c.regularHospitalId, items: c.prescription, note: '' },
      now,
      timeZone,
    });
    events.push(...issued.events);
  }
  return recordEvents(tx, events);
}

function previewRow(c: ImportCandidate, fullName: boolean) {
  return {
    row: c.row,
    name: fullName ? c.name : maskName(c.name),
    nationalId: maskNationalId(c.nationalId),
    phone: maskPhone(c.phone),
    address: [c.building && `${c.building}号楼`, c.unit && `${c.unit}单元`, c.room && `${c.room}室`]
      .filter(Boolean)
      .join(''),
    needKind: c.need?.kind ?? null,
    mobility: c.mobility,
    infectionClass: c.infectionClass,
  };
}
