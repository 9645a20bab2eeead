import { CareNeedInput, type NeedKind, type WayOfService } from '@lastmeter/shared';
import { exhaustive } from '@lastmeter/shared/exhaustive.ts';
import { z } from 'zod';

/** What the need editor holds while the user types: plain strings, turned into a CareNeedInput on change. */
export interface NeedDraft {
  kind: NeedKind | '';
  weekdays: number[];
  startTime: string;
  sessionMinutes: string;
  /** Treatment dates, one per line or separated by commas/spaces. */
  dates: string;
  dueDate: string;
  birthDate: string;
  medicineDelivery: boolean;
  hospitalId: string;
  /** The way this need is served; '' keeps the kind's default (shared/src/care-ways.ts). */
  serveBy: WayOfService | '';
  notes: string;
}

export const EMPTY_NEED: NeedDraft = {
  kind: '',
  weekdays: [],
  startTime: '',
  sessionMinutes: '',
  dates: '',
  dueDate: '',
  birthDate: '',
  medicineDelivery: false,
  hospitalId: '',
  serveBy: '',
  notes: '',
};

type NeedInput = z.input<typeof CareNeedInput>;

function minutes(text: string): number | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : Number(trimmed);
}

/** The draft as the API's input; the shared schema judges it, so nothing here second-guesses a value. */
export function needFromDraft(draft: NeedDraft): NeedInput | null {
  const common = { hospitalId: draft.hospitalId || null, serveBy: draft.serveBy || null, notes: draft.notes };
  switch (draft.kind) {
    case '':
      return null;
    case 'dialysis':
      return {
        kind: 'dialysis',
        schedule: {
          weekdays: [...draft.weekdays].sort(),
          startTime: draft.startTime,
          sessionMinutes: minutes(draft.sessionMinutes),
        },
        ...common,
      };
    case 'chemotherapy':
    case 'radiotherapy':
      return {
        kind: draft.kind,
        schedule: {
          dates: draft.dates.split(/[\s,，、]+/).filter(Boolean),
          startTime: draft.startTime,
          sessionMinutes: minutes(draft.sessionMinutes),
        },
        ...common,
      };
    case 'pregnancy':
      return { kind: 'pregnancy', schedule: { dueDate: draft.dueDate }, ...common };
    case 'newborn':
      return { kind: 'newborn', schedule: { birthDate: draft.birthDate }, ...common };
    case 'chronic':
      return { kind: 'chronic', schedule: { medicineDelivery: draft.medicineDelivery }, ...common };
    case 'emergency':
      return { kind: 'emergency', schedule: {}, ...common };
    default:
      return exhaustive(draft.kind);
  }
}

/**
 * A required need as a form holds it: `needFromDraft`'s value, `null` while no kind is chosen. Then it
 * is refused like a need without a kind, under the kind select, rather than the form keeping a need
 * the user took back.
 */
export const RequiredNeed = z.preprocess((need) => need ?? { kind: undefined }, CareNeedInput);
