import type { Db } from '@lastmeter/db';
import {
  createAccount,
  createCompound,
  createDistrict,
  createHospital,
  createVehicle,
  validNationalId,
} from '../../support/factories.ts';
import { loginAs } from '../../support/http.ts';
import type { TestServer } from '../../support/test-server.ts';

/** Two compounds in one district, another district, and one signed-in account per role. */
export async function createWorld(server: TestServer) {
  const db: Db = server.app.db;
  const district = await createDistrict(db);
  const otherDistrict = await createDistrict(db);
  const compoundA = await createCompound(db, district.id);
  const compoundB = await createCompound(db, district.id);
  const compoundFar = await createCompound(db, otherDistrict.id);
  const hospital = await createHospital(db, { name: '瑞金医院' });
  const vehicle = await createVehicle(db, district.id);
  const sign = async (
    role: Parameters<typeof createAccount>[1],
    scope: Parameters<typeof createAccount>[2],
  ) => {
    const account = await createAccount(db, role, scope);
    return { ...account, token: await loginAs(server, account.username, account.password) };
  };
  return {
    db,
    district,
    otherDistrict,
    compoundA,
    compoundB,
    compoundFar,
    hospital,
    gatekeeperA: await sign('gatekeeper', { compoundIds: [compoundA.id] }),
    gatekeeperB: await sign('gatekeeper', { compoundIds: [compoundB.id] }),
    dispatcher: await sign('dispatcher', { districtIds: [district.id] }),
    farDispatcher: await sign('dispatcher', { districtIds: [otherDistrict.id] }),
    admin: await sign('admin', {}),
    driver: await sign('driver', { vehicleId: vehicle.id }),
    hospitalStaff: await sign('hospital', { hospitalId: hospital.id }),
  };
}
export type World = Awaited<ReturnType<typeof createWorld>>;

export const consent = { givenBy: '张三明', relation: 'self', purposes: ['transport', 'hospital_handover'] };

export function patientBody(overrides: Record<string, unknown> = {}) {
  return {
    name: '张三明',
    nationalId: validNationalId(),
    phone: '13812341234',
    building: '12',
    unit: '2',
    room: '301',
    mobility: 'wheelchair',
    companions: 1,
    infectionClass: 'normal',
    consent,
    needs: [{ kind: 'dialysis', schedule: { weekdays: [1, 3, 5], startTime: '07:00', sessionMinutes: 240 } }],
    ...overrides,
  };
}

/** Multipart upload of one file in the field `file`, as a browser form does it. */
export async function upload(
  server: Pick<TestServer, 'url'>,
  path: string,
  token: string,
  file: { name: string; content: Buffer | Uint8Array; type?: string },
  fields: Record<string, string> = {},
  headers: Record<string, string> = {},
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([file.content], { type: file.type ?? 'application/octet-stream' }), file.name);
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...headers },
    body: form,
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // keep text
  }
  return { status: res.status, body: body as Record<string, unknown> & { code?: string } };
}
