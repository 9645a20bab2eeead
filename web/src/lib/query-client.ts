import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError, NetworkError } from './api.ts';

/** Retrying only helps when the failure may be transient; a 4xx answer will not change on retry. */
function shouldRetry(failureCount: number, error: Error): boolean {
  if (failureCount >= 2) return false;
  if (error instanceof NetworkError) return true;
  return error instanceof ApiError && error.status >= 500;
}

/**
 * `onUnauthenticated` runs whenever any request finds the session gone (expired, revoked, idle), so the
 * whole app falls back to the login page in one place instead of every page handling 401.
 */
export function createQueryClient(onUnauthenticated: (error: ApiError) => void): QueryClient {
  const onError = (error: Error) => {
    if (error instanceof ApiError && (error.code === 'unauthenticated' || error.code === 'session_expired')) {
      onUnauthenticated(error);
    }
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 30_000 },
      mutations: { retry: false },
    },
  });
}
