import { useId } from 'react';
import { useAvailability, useHeartbeat, useUpdateAvailability } from '../api/queries/availability';
import { errorMessage } from '../api/problem';
import { AVAILABILITY_STATUSES, type Availability, type AvailabilityStatus } from '../api/types';
import { formatDateTime } from './time';

export const STATUS_LABELS: Record<AvailabilityStatus, string> = {
  online: 'Online',
  busy: 'Busy',
  offline: 'Offline',
};

/**
 * Why the status that counts is not the one set, or that the member is outside their hours; and,
 * offline, what that means (every member starts offline: no surprise escalations after signing in).
 */
export function statusNote(availability: Availability): string | null {
  if (availability.availability === 'offline') {
    return availability.availability_changed_at
      ? 'Offline: no escalations are assigned to you automatically.'
      : 'Everyone starts offline: choose Online to be assigned escalations automatically.';
  }
  if (availability.effective === 'offline') {
    return 'Idle: counts as offline until you are active again.';
  }
  if (!availability.in_hours) {
    return availability.hours_start_at
      ? `Outside your hours until ${formatDateTime(availability.hours_start_at)}.`
      : 'Outside your working hours.';
  }
  return null;
}

/**
 * The header's status switcher: online (offered auto-assigned escalations), busy or offline. It
 * also sends the heartbeat that keeps an active member from going idle.
 */
export function StatusSwitcher({ orgId }: { orgId: string }) {
  useHeartbeat(orgId);
  const availability = useAvailability(orgId);
  const update = useUpdateAvailability(orgId);
  const id = useId();
  const noteId = useId();
  if (!availability.data) return null;
  const current = update.isPending && update.variables.availability ? update.variables.availability : availability.data.availability;
  const note = update.error ? `Could not change your status: ${errorMessage(update.error)}` : statusNote(availability.data);
  return (
    <div className="status-switcher">
      <span className={`status-dot status-${availability.data.effective}`} aria-hidden="true" />
      <label htmlFor={id}>Status</label>
      <select
        id={id}
        value={current}
        aria-describedby={note ? noteId : undefined}
        onChange={(event) => update.mutate({ availability: event.target.value as AvailabilityStatus })}
      >
        {AVAILABILITY_STATUSES.map((s) => (
          <option key={s} value={s}>
            {STATUS_LABELS[s]}
          </option>
        ))}
      </select>
      {note ? (
        <span id={noteId} className="status-note" role={update.error ? 'alert' : undefined}>
          {note}
        </span>
      ) : null}
    </div>
  );
}
