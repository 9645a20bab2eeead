import type { Db } from '@lastmeter/db';
import type { Actor } from './actor.ts';

/** Who acts, on which database: what every use case takes in its one options object (CODE_STYLE.md 3). */
export interface Acting {
  db: Db;
  actor: Actor;
}

/**
 * A use case that judges against the time, beside what it works on and its parsed body: the moment it
 * happens on the server's clock (server/src/clock.ts) and the city's time zone (config `TIME_ZONE`),
 * which says what day that is.
 */
export interface UseCase extends Acting {
  now: Date;
  timeZone: string;
}

/** A step of a district's day (planning it, serving its requests): the use case's options and the day. */
export type DistrictDay = UseCase & { districtId: string; date: string };
