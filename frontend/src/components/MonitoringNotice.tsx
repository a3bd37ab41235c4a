import { useReadiness } from '../api/queries/health';
import type { Readiness } from '../api/types';
import { formatDuration } from './time';

/** Past this, people must know that SLA warnings, breaches and claim expiries may be late. */
export const BEHIND_AFTER_SECONDS = 60;

/**
 * A warning across the app when deadline monitoring is behind: no worker has ever run, none has
 * beaten for a minute, or the oldest due SLA check has waited that long (a worker that runs but
 * fails or cannot keep up). Without it, deadlines would pass silently while every screen looks
 * normal.
 */
export function MonitoringNotice() {
  const readiness = useReadiness();
  const data = readiness.data;
  // Without the database nothing is known about the worker: the page's own errors say enough.
  if (!data?.database) return null;
  const why = behind(data.worker);
  if (!why) return null;
  return (
    <div role="alert" className="monitoring-notice">
      <strong>Deadline monitoring is behind.</strong> {why} SLA warnings and breaches, claim expiries and
      notifications may be late until it catches up; tell your administrator.
    </div>
  );
}

/** Why monitoring is behind, or null when it keeps up. */
function behind(worker: Readiness['worker']): string | null {
  if (worker.last_heartbeat_at === null) return 'No background worker has run yet.';
  const lag = worker.lag_seconds ?? 0;
  if (lag >= BEHIND_AFTER_SECONDS) return `The background worker last reported ${formatDuration(lag * 1000)} ago.`;
  const backlog = worker.sla_backlog_seconds ?? 0;
  if (backlog >= BEHIND_AFTER_SECONDS) return `The oldest due deadline check has waited ${formatDuration(backlog * 1000)}.`;
  return null;
}
