import { ERROR_CODES } from '@lastmeter/shared';
import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import type { AnyRoute } from './route.ts';

const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string().meta({ description: "Human-readable summary in the caller's language" }),
    status: z.number().int(),
    code: z.enum(ERROR_CODES).meta({ description: 'Stable machine-readable error code' }),
    detail: z.string().optional(),
    issues: z
      .array(
        z.object({
          path: z.string().meta({ description: 'The field, e.g. `body.nationalId`' }),
          message: z.string(),
        }),
      )
      .optional(),
  })
  .meta({ id: 'Problem' });

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

/** The OpenAPI 3.1 document, generated from the same zod schemas that validate requests. */
export function buildOpenApi(routes: AnyRoute[], version: string) {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    const operation: ZodOpenApiOperationObject = {
      summary: route.summary,
      tags: route.tags,
      ...(route.auth === 'session' ? { security: [{ cookie: [] }, { bearer: [] }] } : { security: [] }),
      ...(route.query || route.params
        ? {
            requestParams: {
              ...(route.query ? { query: route.query } : {}),
              ...(route.params ? { path: route.params } : {}),
            },
          }
        : {}),
      ...(route.body
        ? {
            requestBody: {
              content: {
                [route.bodyType === 'multipart' ? 'multipart/form-data' : 'application/json']: {
                  schema: route.body,
                },
              },
            },
          }
        : {}),
      responses: {
        [String(route.success.status)]: {
          description: route.success.description,
          ...(route.success.schema
            ? {
                content: {
                  [route.success.contentType ?? 'application/json']: { schema: route.success.schema },
                },
              }
            : {}),
        },
        '400': problem('Invalid input; `issues` names each field'),
        ...(route.auth === 'session'
          ? { '401': problem('No valid session'), '403': problem('Outside your scope') }
          : {}),
        default: problem('Error'),
      },
    };
    paths[path] = { ...paths[path], [route.method]: operation };
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Last Meter (最后一米) API',
      version,
      description: 'Special-needs patients out of locked-down compounds to hospital and back.',
    },
    components: {
      securitySchemes: {
        cookie: { type: 'apiKey', in: 'cookie', name: 'lm_session' },
        bearer: { type: 'http', scheme: 'bearer' },
      },
    },
    paths,
  });
}
