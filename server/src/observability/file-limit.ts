import { readFileSync } from 'node:fs';
import type { Logger } from '../logger.ts';

/** Descriptors a node needs beyond its sockets: the pool, Redis, listeners, files, REST requests. */
const HEADROOM = 1_000;

/**
 * Every socket is a file descriptor: a soft limit (`ulimit -n`) below MAX_SOCKETS plus headroom
 * would turn load into EMFILE errors, so the operator is told at start (Linux; silent elsewhere).
 */
export function warnOnLowFileLimit(maxSockets: number, logger: Logger): void {
  let limits: string;
  try {
    limits = readFileSync('/proc/self/limits', 'utf8');
  } catch {
    return;
  }
  const soft = /^Max open files\s+(\d+|unlimited)/m.exec(limits)?.[1];
  if (!soft || soft === 'unlimited') return;
  const needed = maxSockets + HEADROOM;
  if (Number(soft) < needed) {
    logger.warn(
      { openFileLimit: Number(soft), maxSockets, needed },
      'the open-file limit is below MAX_SOCKETS plus headroom: raise `ulimit -n` (docs/operations.md)',
    );
  }
}
