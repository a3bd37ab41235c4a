import { useReadiness } from '../api/queries/health';
import { formatDuration } from './time';

/** Past this, people must know that SLA warnings, breaches and claim expiries may be late. */
export const BEHIND_AFTER_SECONDS = 60;

/**
 * A warning across the app when deadline monitoring is behind: no worker has beaten for a minute,
 * or the oldest due SLA check has waited that long (a worker that runs but fails or cannot keep
 * up). Without it, deadlines would pass silently while every screen looks normal.
 */
export function MonitoringNotice() {
  const readiness = useReadiness();
  const worker = readiness.data?.worker;
  if (!worker) return null;
  const lag = worker.lag_seconds ?? 0;
  const backlog = worker.sla_backlog_seconds ?? 0;
  if (lag < BEHIND_AFTER_SECONDS && backlog < BEHIND_AFTER_SECONDS) return null;
  const why =
    lag >= BEHIND_AFTER_SECONDS
      ? `The background worker last reported ${formatDuration(lag * 1000)} ago.`
      : `The oldest due deadline check has waited ${formatDuration(backlog * 1000)}.`;
  return (
    <div role="alert" className="monitoring-notice">
      <strong>Deadline monitoring is behind.</strong> {why} SLA warnings and breaches, claim expiries and
      notifications may be late until it catches up; tell your administrator.
    </div>
  );
}
