import { useState } from 'react';
import { useOrg } from '../../org/OrgContext';
import { ProblemMessage } from '../../components/ProblemMessage';
import { SelectField } from '../../components/Field';
import { Pager } from '../../components/Pager';
import { Spinner } from '../../components/Spinner';
import { SingleSignOnSetting } from './SingleSignOnSetting';
import { useMembers } from '../../api/queries/admin';
import {
  useRequireTwoFactor,
  useSecurityEvents,
  type SecurityEvent,
  type SecurityEventKind,
} from '../../api/queries/twoFactor';

const KIND_LABELS: Record<SecurityEventKind, string> = {
  sign_in: 'Signed in',
  sign_in_failed: 'Sign-in failed',
  two_factor_enrolled: 'Two-factor turned on',
  two_factor_disabled: 'Two-factor turned off',
  backup_codes_regenerated: 'New backup codes',
  backup_code_used: 'Backup code used',
  two_factor_failed: 'Wrong two-factor code',
  two_factor_requirement_changed: 'Two-factor requirement changed',
  session_ended: 'Session ended',
  password_changed: 'Password changed',
  api_key_created: 'API key created',
  api_key_revoked: 'API key revoked',
};

/** Admin › Security: require two factors of the organisation's staff, single sign-on, and the security audit trail. */
export function SecurityAdminPage() {
  return (
    <>
      <RequireTwoFactorSetting />
      <SingleSignOnSetting />
      <SecurityEvents />
    </>
  );
}

function RequireTwoFactorSetting() {
  const { org, orgId } = useOrg();
  const update = useRequireTwoFactor(orgId);
  return (
    <section className="panel" aria-labelledby="require-two-factor">
      <h2 id="require-two-factor">Two-factor sign-in</h2>
      <div className="field">
        <label>
          <input
            type="checkbox"
            checked={!!org.require_two_factor}
            disabled={update.isPending}
            onChange={(event) => update.mutate(event.target.checked)}
          />{' '}
          Require two-factor for admins and supervisors
        </label>
        <p className="field-hint">
          Owners, admins and supervisors without it are sent to set it up before they can do anything in this
          organisation. Set it up yourself first (Security, in the top bar).
        </p>
      </div>
      <ProblemMessage error={update.error} />
    </section>
  );
}

function SecurityEvents() {
  const { orgId } = useOrg();
  const [kind, setKind] = useState<SecurityEventKind | ''>('');
  const [userId, setUserId] = useState('');
  const members = useMembers(orgId);
  const events = useSecurityEvents(orgId, { kind: kind || undefined, userId: userId || undefined });
  const items = events.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="panel" aria-labelledby="security-events">
      <h2 id="security-events">Security events</h2>
      <div className="filters">
        <SelectField label="Kind" value={kind} onChange={(event) => setKind(event.target.value as SecurityEventKind | '')}>
          <option value="">All kinds</option>
          {Object.entries(KIND_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
        <SelectField label="Member" value={userId} onChange={(event) => setUserId(event.target.value)}>
          <option value="">Everyone</option>
          {(members.data?.pages.flatMap((page) => page.items) ?? []).map((member) => (
            <option key={member.user_id} value={member.user_id}>
              {member.display_name || member.email}
            </option>
          ))}
        </SelectField>
      </div>
      {events.isPending ? <Spinner label="Loading security events…" /> : null}
      <ProblemMessage error={events.error} onRetry={() => void events.refetch()} />
      {events.data && items.length === 0 ? <p className="muted">No security events yet.</p> : null}
      {items.length > 0 ? (
        // Focusable: a keyboard user scrolls the table sideways on a narrow screen.
        <div className="table-wrap" tabIndex={0} role="group" aria-label="Security events">
          <table className="list-table">
            <caption className="visually-hidden">Security events, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">What</th>
                <th scope="col">Who</th>
                <th scope="col">From</th>
              </tr>
            </thead>
            <tbody>
              {items.map((event) => (
                <EventRow key={event.id} event={event} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <Pager query={events} label="Older events" />
    </section>
  );
}

function EventRow({ event }: { event: SecurityEvent }) {
  const tried = typeof event.detail.email === 'string' ? event.detail.email : null;
  const keyName = typeof event.detail.name === 'string' ? event.detail.name : null;
  return (
    <tr>
      <td>{new Date(event.at).toLocaleString()}</td>
      <td>
        {KIND_LABELS[event.kind]}
        {keyName ? ` (${keyName})` : null}
      </td>
      <td>{event.user_email ?? tried ?? '—'}</td>
      <td>
        {event.ip ?? '—'}
        {event.user_agent ? <span className="muted small-text"> {event.user_agent}</span> : null}
      </td>
    </tr>
  );
}
