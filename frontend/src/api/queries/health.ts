import { useQuery } from '@tanstack/react-query';
import { api } from '../client';
import type { Readiness } from '../types';
import { keys } from './keys';

/** How often the app asks whether deadline monitoring keeps up: it changes over minutes. */
export const READINESS_INTERVAL_MS = 30_000;
/** ... and while it is behind. */
export const BEHIND_INTERVAL_MS = 5_000;
/** Past this, people must know that SLA warnings, breaches and claim expiries may be late. */
export const BEHIND_AFTER_SECONDS = 60;

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
    refetchInterval: (query) => readinessInterval(query.state.data),
  });
}

/** Poll faster while monitoring is behind, so that the notice goes as soon as it has caught up. */
export function readinessInterval(readiness: Readiness | null | undefined): number {
  return behind(readiness) ? BEHIND_INTERVAL_MS : READINESS_INTERVAL_MS;
}

export type Behind = { kind: 'never-ran' } | { kind: 'silent' | 'backlog'; seconds: number };

/** How deadline monitoring is behind, or null when it keeps up (or the database, and with it
 * everything about the worker, is unknown: the page's own errors say enough then). */
export function behind(readiness: Readiness | null | undefined): Behind | null {
  if (!readiness?.database) return null;
  const { worker } = readiness;
  if (worker.last_heartbeat_at === null) return { kind: 'never-ran' };
  const lag = worker.lag_seconds ?? 0;
  if (lag >= BEHIND_AFTER_SECONDS) return { kind: 'silent', seconds: lag };
  const backlog = worker.sla_backlog_seconds ?? 0;
  if (backlog >= BEHIND_AFTER_SECONDS) return { kind: 'backlog', seconds: backlog };
  return null;
}
