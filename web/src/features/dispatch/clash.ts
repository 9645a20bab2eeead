import {
  BookingClash,
  type DeliveryView,
  formatScheduleViolation,
  type LegView,
  type Locale,
  SCHEDULE_RULES,
} from '@lastmeter/shared';
import { z } from 'zod';
import type { translate } from '../../i18n/messages.ts';
import { ApiError } from '../../lib/api.ts';

const ScheduleRuleExtra = z.object({
  rule: z.enum(SCHEDULE_RULES),
  legIds: z.array(z.string()).default([]),
  params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
});

/**
 * What a refused plan or booking clashed with, in words: the schedule rule with the patients of the
 * legs (and the parcels) in the way (names, never ids), or the booking it overlaps. Null when the error says neither.
 */
export function describeClash(
  error: unknown,
  {
    legsById,
    parcelsById,
    vehicles,
    locale,
    t,
    formatTime,
  }: {
    legsById: ReadonlyMap<string, LegView>;
    /** Medicine deliveries that may be in the way too (the gate names their ids beside the legs'). */
    parcelsById?: ReadonlyMap<string, Pick<DeliveryView, 'parcelNo' | 'patient'>>;
    vehicles: ReadonlyMap<string, string>;
    locale: Locale;
    t: (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => string;
    formatTime: (value: string) => string;
  },
): string | null {
  if (!(error instanceof ApiError)) return null;
  const legName = (id: string) => {
    const leg = legsById.get(id);
    if (leg) return `${leg.patient.name} · ${t(`direction.${leg.direction}`)}`;
    const parcel = parcelsById?.get(id);
    return parcel ? `${parcel.parcelNo} · ${parcel.patient.name}` : null;
  };
  if (error.code === 'schedule_rule') {
    const parsed = ScheduleRuleExtra.safeParse(error.extra);
    if (!parsed.success) return null;
    const { rule, legIds, params } = parsed.data;
    const names = legIds.map(legName).filter((n) => n !== null);
    return formatScheduleViolation(
      { rule, params: { ...params, legs: names.length ? names.join('、') : t('dispatch.clash.otherLegs') } },
      locale,
    );
  }
  if (error.code === 'booking_conflict') {
    const parsed = BookingClash.safeParse(error.extra.clash);
    if (!parsed.success || !parsed.data.on) return null;
    const clash = parsed.data;
    const plate = (clash.vehicleId && vehicles.get(clash.vehicleId)) || '';
    const who =
      clash.on === 'patient'
        ? t('dispatch.assign.samePatient')
        : clash.on === 'driver'
          ? t('dispatch.assign.sameDriver', { plate })
          : t('dispatch.assign.sameVehicle', { plate });
    const with_ = clash.legId ? legName(clash.legId) : null;
    const when = clash.from && clash.to ? ` ${formatTime(clash.from)}–${formatTime(clash.to)}` : '';
    return `${who}${with_ ? `${locale === 'en' ? ': ' : '：'}${with_}` : ''}${when}`;
  }
  return null;
}
