import { VERSION } from '../../../domain/system/check-health.ts';
import { buildOpenApi } from '../../openapi.ts';
import { type AnyRoute, defineRoute } from '../../route.ts';

/** The document lists every route, itself included; it is built once, on first request. */
export function openApiRoute(allRoutes: () => AnyRoute[]) {
  let document: ReturnType<typeof buildOpenApi> | undefined;
  return defineRoute({
    method: 'get',
    path: '/api/openapi.json',
    summary: 'This OpenAPI 3.1 document, generated from the zod schemas',
    tags: ['system'],
    auth: 'public',
    success: { status: 200, description: 'OpenAPI document' },
    async handler() {
      document ??= buildOpenApi(allRoutes(), VERSION);
      return document;
    },
  });
}
