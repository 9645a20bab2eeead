import { LegView } from '@lastmeter/shared';
import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../lib/api.ts';

const STORAGE_KEY = 'lastmeter.driver.jobs.v1';
const Stored = z.object({ savedAt: z.number(), accountId: z.string(), jobs: z.array(LegView) });

/** The last job list seen on this phone, so a reload in a dead spot still shows the job at hand. */
function storedJobs(accountId: string): { jobs: LegView[]; savedAt: number } | undefined {
  try {
    const parsed = Stored.safeParse(JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null'));
    return parsed.success && parsed.data.accountId === accountId ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function storeJobs(accountId: string, jobs: LegView[]): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ savedAt: Date.now(), accountId, jobs }));
  } catch {
    // Without storage the page still works online; only the offline reload loses the list.
  }
}

export const jobKeys = { mine: ['driver', 'jobs'] as const };

export function myJobsQuery(accountId: string) {
  const stored = storedJobs(accountId);
  return queryOptions({
    queryKey: jobKeys.mine,
    queryFn: async ({ signal }) => {
      const jobs = await api.get('/me/jobs', z.array(LegView), signal);
      storeJobs(accountId, jobs);
      return jobs;
    },
    ...(stored ? { initialData: stored.jobs, initialDataUpdatedAt: stored.savedAt } : {}),
    // Offline the cached list stays on screen; the socket and the retry bring it up to date.
    networkMode: 'always',
    refetchInterval: 60_000,
  });
}
