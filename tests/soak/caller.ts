import { api } from '../support/http.ts';
import type { TestServer } from '../support/test-server.ts';
import type { Finding } from './invariants.ts';
import type { Party } from './world.ts';

export interface Call {
  party: string;
  method: string;
  path: string;
  status: number;
  code?: string;
}

export interface CallResult<T> {
  status: number;
  ok: boolean;
  body: T;
  code: string | undefined;
}

/**
 * The soak's HTTP client: every call goes to the real API as a signed-in party and is checked as it
 * returns — never a 5xx, every refusal a 4xx carrying a coded reason, and a call made by a party
 * that has no business making it (`expectRefusal`) never succeeds.
 */
export class Caller {
  calls: Call[] = [];
  findings: Finding[] = [];
  total = 0;

  constructor(private readonly server: Pick<TestServer, 'url'>) {}

  /** Starts a new operation: its calls and findings. */
  reset(): void {
    this.calls = [];
    this.findings = [];
  }

  async call<T = Record<string, unknown>>(
    party: Party,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT',
    path: string,
    body?: unknown,
    options: { expectRefusal?: string } = {},
  ): Promise<CallResult<T>> {
    const res = await api<T>(this.server, method, `/api/v1${path}`, {
      token: party.token,
      ...(body !== undefined ? { body } : {}),
    });
    this.total++;
    const problem = res.body as { code?: unknown } | undefined;
    const code = res.status >= 400 && typeof problem?.code === 'string' ? problem.code : undefined;
    this.calls.push({ party: party.name, method, path, status: res.status, ...(code ? { code } : {}) });
    const where = `${method} ${path} as ${party.name}`;
    if (res.status >= 500) {
      this.findings.push({
        invariant: 'http_status',
        key: `http|${method} ${path.replace(/[0-9a-f-]{36}/g, ':id')}|${res.status}`,
        detail: `${where} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`,
        legIds: [],
      });
    } else if (res.status >= 400 && !code) {
      this.findings.push({
        invariant: 'http_status',
        key: `http|${method} ${path.replace(/[0-9a-f-]{36}/g, ':id')}|uncoded ${res.status}`,
        detail: `${where} → ${res.status} without a coded reason: ${JSON.stringify(res.body).slice(0, 300)}`,
        legIds: [],
      });
    }
    if (options.expectRefusal && res.status < 400) {
      this.findings.push({
        invariant: 'wrong_party_accepted',
        key: `party|${method} ${path}|${party.name}`,
        detail: `${where} → ${res.status}: ${options.expectRefusal}`,
        legIds: [],
      });
    }
    return { status: res.status, ok: res.status < 300, body: res.body, code };
  }
}
