import type { RouteObject } from 'react-router';

/**
 * The gatekeeper's pages, below `/gatekeeper`, inside one layout that picks the compound. Loaded on demand
 * so each role downloads only its own screens (the driver's phone never fetches the dispatcher's map).
 */
export const gatekeeperRoutes: RouteObject[] = [
  {
    lazy: async () => ({ Component: (await import('./GatekeeperLayout.tsx')).GatekeeperLayout }),
    children: [
      { index: true, lazy: async () => ({ Component: (await import('./GatePage.tsx')).GatePage }) },
      { path: 'care', lazy: async () => ({ Component: (await import('./CarePage.tsx')).CarePage }) },
      {
        path: 'patients',
        lazy: async () => ({ Component: (await import('./PatientsPage.tsx')).PatientsPage }),
      },
      {
        path: 'patients/new',
        lazy: async () => ({ Component: (await import('./NewPatientPage.tsx')).NewPatientPage }),
      },
      {
        path: 'patients/:patientId',
        lazy: async () => ({ Component: (await import('./EditPatientPage.tsx')).EditPatientPage }),
      },
      { path: 'import', lazy: async () => ({ Component: (await import('./ImportPage.tsx')).ImportPage }) },
      {
        path: 'self-registration',
        lazy: async () => ({
          Component: (await import('./SelfRegistrationAdminPage.tsx')).SelfRegistrationAdminPage,
        }),
      },
    ],
  },
];
