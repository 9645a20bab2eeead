import type { AnyRoute } from '../route.ts';
import { accountRoutes } from './accounts/index.ts';
import { listAuditRoute } from './audit/list-audit.ts';
import { loginRoute } from './auth/login.ts';
import { logoutRoute } from './auth/logout.ts';
import { meRoute } from './auth/me.ts';
import { complaintRoutes } from './complaints/index.ts';
import { deliveryRoutes } from './deliveries/index.ts';
import { districtRoutes } from './districts/index.ts';
import { hospitalRoutes } from './hospitals/index.ts';
import { noticeRoutes } from './notices/index.ts';
import { onlineVisitRoutes } from './online-visits/index.ts';
import { overviewRoutes } from './overview/index.ts';
import { patientRoutes } from './patients/index.ts';
import { publicRoutes } from './public/index.ts';
import { cityRoute } from './system/city.ts';
import { healthRoute } from './system/health.ts';
import { openApiRoute } from './system/openapi.ts';
import { readyRoute } from './system/ready.ts';
import { trackingRoutes } from './tracking/index.ts';
import { tripRoutes } from './trips/index.ts';
import { vehicleRoutes } from './vehicles/index.ts';

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
  ...districtRoutes,
  ...hospitalRoutes,
  ...vehicleRoutes,
  ...overviewRoutes,
  ...patientRoutes,
  ...tripRoutes,
  ...onlineVisitRoutes,
  ...deliveryRoutes,
  ...publicRoutes,
  ...complaintRoutes,
  ...trackingRoutes,
  ...noticeRoutes,
  openApiRoute(() => routes),
];
