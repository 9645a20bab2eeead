import { createHash, randomBytes } from 'node:crypto';

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only the hash is stored, so a copy of the sessions table cannot be replayed as logins. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
