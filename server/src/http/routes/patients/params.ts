import { z } from 'zod';

export const CompoundParams = z.strictObject({ compoundId: z.uuid().meta({ description: 'The compound' }) });
export const PatientParams = z.strictObject({ patientId: z.uuid().meta({ description: 'The patient' }) });
export const NeedParams = z.strictObject({
  patientId: z.uuid(),
  needId: z.uuid().meta({ description: 'The care need' }),
});
export const TokenParams = z.strictObject({
  token: z
    .string()
    .min(16)
    .max(64)
    .regex(/^[\w-]+$/)
    .meta({ description: "The compound's self-registration token" }),
});
