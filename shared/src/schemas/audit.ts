import { z } from 'zod';
import { line } from './text.ts';

export const AuditQuery = z
  .strictObject({
    entity: line()
      .max(64)
      .optional()
      .meta({ description: 'Only entries about this kind of record, e.g. `patient`' }),
    entityId: line().max(64).optional().meta({ description: 'Only entries about this record' }),
    actorId: z.uuid().optional().meta({ description: 'Only entries by this account' }),
    before: z.coerce
      .number()
      .int()
      .positive()
      .optional()
      .meta({ description: 'Page backwards: entries with a smaller id' }),
    limit: z.coerce.number().int().min(1).max(500).default(100).meta({ description: 'Page size (1–500)' }),
  })
  .meta({ id: 'AuditQuery' });
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditEntry = z
  .object({
    id: z.number().int(),
    at: z.iso.datetime(),
    actorId: z.uuid().nullable(),
    actorRole: z.string(),
    actorName: z.string().nullable().meta({ description: "The acting account's display name (staff only)" }),
    action: z.string(),
    entity: z.string(),
    entityId: z.string().nullable(),
    outcome: z.enum(['allowed', 'denied']),
    detail: z.record(z.string(), z.unknown()),
    entityName: z.string().nullable().meta({
      description:
        "The record's name as staff read it (a hospital's or compound's name, a plate, an account's name, a patient's masked name); null when unknown",
    }),
    names: z
      .record(z.string(), z.string())
      .meta({ description: 'Names of the records the entry names in its detail, by id (patients masked)' }),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntry>;
