import { type ErrorCode, type LoginBody, LoginResult, Me } from '@lastmeter/shared';
import { type QueryClient, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../../lib/api.ts';

/**
 * Who is signed in. A missing session is a normal state, not a query error, so pages branch on `status`;
 * `reason` says why a session ended (shown on the login page), `null` when nobody was signed in.
 */
type AuthState = { status: 'signed_in'; me: Me } | { status: 'signed_out'; reason: ErrorCode | null };

const authQuery = queryOptions({
  queryKey: ['auth', 'me'],
  queryFn: async ({ signal }): Promise<AuthState> => {
    try {
      return { status: 'signed_in', me: await api.get('/auth/me', Me, signal) };
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        return { status: 'signed_out', reason: error.code === 'unauthenticated' ? null : error.code };
      }
      throw error;
    }
  },
  // Refetching on focus re-checks the session when a phone comes back to the tab after a while.
  staleTime: 60_000,
});

/** Sign out locally and drop every cached answer: the next user must not see the previous one's data. */
function endSession(queryClient: QueryClient, reason: ErrorCode | null): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'auth' });
  const signedOut: AuthState = { status: 'signed_out', reason };
  queryClient.setQueryData(authQuery.queryKey, signedOut);
}

/** For the global 401 handler: only a session that was live can "end"; a failed login is not one. */
export function sessionLost(queryClient: QueryClient, error: ApiError): void {
  if (queryClient.getQueryData(authQuery.queryKey)?.status === 'signed_in')
    endSession(queryClient, error.code);
}

/** Re-ask the server who is signed in, e.g. when the realtime handshake was refused. */
export function recheckSession(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: authQuery.queryKey });
}

export function useAuth() {
  return useQuery(authQuery);
}

/** The signed-in user. Only for components rendered inside <RequireAuth>, which guarantees one. */
export function useMe(): Me {
  const { data } = useAuth();
  if (data?.status !== 'signed_in') throw new Error('useMe used outside <RequireAuth>');
  return data.me;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginBody) => api.post('/auth/login', LoginResult, body),
    onSuccess: (result) => {
      const signedIn: AuthState = { status: 'signed_in', me: result.me };
      queryClient.setQueryData(authQuery.queryKey, signedIn);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      try {
        await api.command('POST', '/auth/logout');
      } catch (error) {
        // Already signed out on the server (expired, revoked): the goal is reached.
        if (!(error instanceof ApiError && error.status === 401)) throw error;
      }
    },
    onSuccess: () => endSession(queryClient, null),
  });
}
