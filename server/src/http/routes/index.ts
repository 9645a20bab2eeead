import type { AnyRoute } from '../route.ts';
import { listAuditRoute } from './audit/list-audit.ts';
import { loginRoute } from './auth/login.ts';
import { logoutRoute } from './auth/logout.ts';
import { meRoute } from './auth/me.ts';
import { accountRoutes } from './registry/accounts.ts';
import { deliveryRoutes } from './registry/deliveries.ts';
import { geographyRoutes } from './registry/geography.ts';
import { onlineVisitRoutes } from './registry/online-visits.ts';
import { patientRoutes } from './registry/patients.ts';
import { peopleRoutes } from './registry/people.ts';
import { tripRoutes } from './registry/trips.ts';
import { cityRoute } from './system/city.ts';
import { healthRoute } from './system/health.ts';
import { openApiRoute } from './system/openapi.ts';
import { readyRoute } from './system/ready.ts';

/** Every HTTP route of the API; the OpenAPI document and the auth-negative tests are generated from this list. */
export const routes: AnyRoute[] = [
  healthRoute,
  readyRoute,
  cityRoute,
  loginRoute,
  logoutRoute,
  meRoute,
  listAuditRoute,
  ...accountRoutes,
  ...geographyRoutes,
  ...patientRoutes,
  ...tripRoutes,
  ...onlineVisitRoutes,
  ...deliveryRoutes,
  ...peopleRoutes,
  openApiRoute(() => routes),
];
