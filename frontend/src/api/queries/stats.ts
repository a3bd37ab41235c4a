import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import { keys, LIVE_INTERVAL_MS } from './keys';

/** The periods the dashboard offers (days back, today included; the API allows 1–90). */
export const STATS_PERIODS = [7, 14, 30, 90] as const;
export type StatsPeriod = (typeof STATS_PERIODS)[number];

/** GET /stats/escalations?days=N — open escalations now, the daily flow and SLA attainment (supervisor+). */
export function useEscalationStats(orgId: string, days: StatsPeriod) {
  return useQuery({
    queryKey: keys.stats(orgId, days),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/orgs/{org_id}/stats/escalations', {
          params: { path: { org_id: orgId }, query: { days } },
        }),
      ),
    // Switching the period keeps the last figures on screen until the new ones arrive.
    placeholderData: keepPreviousData,
    refetchInterval: LIVE_INTERVAL_MS,
  });
}
