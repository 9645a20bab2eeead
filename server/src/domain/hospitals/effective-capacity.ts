import { type CapacitySlot, isoWeekdayOf, type Service } from '@lastmeter/shared';

export interface TemplateSlot {
  service: Service;
  weekday: number;
  startTime: string;
  endTime: string;
  capacity: number;
}
export type OverrideSlot = Omit<TemplateSlot, 'weekday'>;

/**
 * A date's capacity: the weekly template of that weekday, with each override replacing the template slot
 * of the same service and start time (capacity 0 closes it) or adding a slot the template lacks.
 */
export function effectiveCapacity(
  date: string,
  template: readonly TemplateSlot[],
  overrides: readonly OverrideSlot[],
): CapacitySlot[] {
  const weekday = isoWeekdayOf(date);
  const slots = new Map<string, CapacitySlot>();
  const key = (s: { service: string; startTime: string }) => `${s.service} ${s.startTime}`;
  for (const s of template) {
    if (s.weekday !== weekday) continue;
    slots.set(key(s), {
      service: s.service,
      startTime: s.startTime,
      endTime: s.endTime,
      capacity: s.capacity,
      source: 'template',
    });
  }
  for (const s of overrides) {
    slots.set(key(s), {
      service: s.service,
      startTime: s.startTime,
      endTime: s.endTime,
      capacity: s.capacity,
      source: 'override',
    });
  }
  return [...slots.values()].sort(
    (a, b) => a.service.localeCompare(b.service) || a.startTime.localeCompare(b.startTime),
  );
}
