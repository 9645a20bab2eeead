import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { sessionLost } from './features/auth/auth.ts';
import { loadCityTimeZone } from './i18n/format.ts';
import { I18nProvider } from './i18n/I18nProvider.tsx';
import { createQueryClient } from './lib/query-client.ts';
import { router } from './routes/router.tsx';
import './styles.css';

const queryClient = createQueryClient((error) => sessionLost(queryClient, error));

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// Times are shown on the city's clock: learn its zone before the first time is drawn.
void loadCityTimeZone().then(() =>
  createRoot(root).render(
    <StrictMode>
      <I18nProvider>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </I18nProvider>
    </StrictMode>,
  ),
);
