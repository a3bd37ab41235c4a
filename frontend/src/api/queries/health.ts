import { useQuery } from '@tanstack/react-query';
import { api } from '../client';
import type { Readiness } from '../types';
import { keys } from './keys';

/** How often the app asks whether deadline monitoring keeps up: it changes over minutes. */
export const READINESS_INTERVAL_MS = 30_000;

function isReadiness(body: unknown): body is Readiness {
  return typeof body === 'object' && body !== null && 'worker' in body;
}

/** `/readyz`: whether the background worker runs and keeps up with SLA checks. */
export function useReadiness() {
  return useQuery({
    queryKey: keys.readiness,
    queryFn: async (): Promise<Readiness | null> => {
      // A 503 (a dependency down) carries the same body: read it either way.
      const { data, error } = await api.GET('/readyz');
      const body: unknown = data ?? error;
      return isReadiness(body) ? body : null;
    },
    refetchInterval: READINESS_INTERVAL_MS,
  });
}
