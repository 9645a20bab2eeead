import { ERROR_CODES } from '@lastmeter/shared';
import { z } from 'zod';

/**
 * What a protected page hands the login page: where to return, and why the session ended. History state
 * survives reloads and can be stale, so it is parsed like any other input.
 */
export const LoginRedirectState = z.object({
  from: z.string().startsWith('/'),
  reason: z.enum(ERROR_CODES).nullable(),
});
export type LoginRedirectState = z.infer<typeof LoginRedirectState>;
