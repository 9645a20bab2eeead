import { z } from 'zod';

export const TripPathParams = z.strictObject({
  tripId: z.uuid().meta({ description: "The round trip's id" }),
});
export const TrackingTokenParams = z.strictObject({
  token: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/)
    .meta({ description: 'The tracking token from the link (43 base64url characters)' }),
});

export const TrackingLinkView = z
  .object({
    tripId: z.uuid(),
    url: z.string().meta({ description: 'The link to give the family' }),
    qrUrl: z.string().meta({ description: 'PNG QR code of the link (same session)' }),
    views: z.number().int(),
    lastViewedAt: z.string().nullable(),
    expired: z.boolean().meta({ description: 'The round trip has ended: the link shows nothing any more' }),
  })
  .meta({ id: 'TrackingLinkView' });
export type TrackingLinkView = z.infer<typeof TrackingLinkView>;

const TrackStop = z.object({ name: z.string(), lng: z.number(), lat: z.number() });
const TrackLeg = z.object({
  status: z.string().meta({ description: 'The leg status (`LEG_STATUSES`)' }),
  plannedPickupAt: z.string().nullable(),
  plannedDropoffAt: z.string().nullable(),
  etaAt: z.string().nullable().meta({ description: 'Estimated arrival at the next stop while on the way' }),
  vehicle: z
    .object({
      plate: z.string(),
      lng: z.number().nullable().meta({ description: 'Live position, only while this leg is under way' }),
      lat: z.number().nullable(),
      seenAt: z.string().nullable(),
    })
    .nullable(),
});

export const TrackView = z
  .object({
    patient: z.string().meta({ description: 'Masked name, e.g. 张*' }),
    date: z.string(),
    gate: TrackStop,
    hospital: TrackStop,
    outbound: TrackLeg,
    return: TrackLeg.nullable(),
    phase: z
      .enum(['waiting', 'coming', 'at_gate', 'to_hospital', 'at_hospital', 'returning', 'home', 'cancelled'])
      .meta({ description: 'Where the round trip stands, in words the family understands' }),
    hotline: z.string(),
  })
  .meta({ id: 'TrackView' });
export type TrackView = z.infer<typeof TrackView>;
