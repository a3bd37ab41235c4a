import { behind, type Behind, useReadiness } from '../api/queries/health';
import { formatDuration } from './time';

/**
 * A warning across the app when deadline monitoring is behind: no worker has ever run, none has
 * beaten for a minute, or the oldest due SLA check has waited that long (a worker that runs but
 * fails or cannot keep up). Without it, deadlines would pass silently while every screen looks
 * normal.
 */
export function MonitoringNotice() {
  const state = behind(useReadiness().data);
  if (!state) return null;
  return (
    <div role="alert" className="monitoring-notice">
      <strong>Deadline monitoring is behind.</strong> {why(state)} SLA warnings and breaches, claim
      expiries and notifications may be late until it catches up; tell your administrator.
    </div>
  );
}

function why(state: Behind): string {
  if (state.kind === 'never-ran') return 'No background worker has run yet.';
  const duration = formatDuration(state.seconds * 1000);
  return state.kind === 'silent'
    ? `The background worker last reported ${duration} ago.`
    : `The oldest due deadline check has waited ${duration}.`;
}
