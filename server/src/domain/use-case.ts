import type { Db } from '@lastmeter/db';
import type { Actor } from './actor.ts';

/**
 * What every use case takes in its one options object (CODE_STYLE.md 3), beside what it works on and
 * its parsed body: the database, who acts, the moment it happens on the server's clock
 * (server/src/clock.ts) and the city's time zone (config `TIME_ZONE`), which says what day that is.
 */
export interface UseCase {
  db: Db;
  actor: Actor;
  now: Date;
  timeZone: string;
}
