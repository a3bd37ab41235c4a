import { useEndOtherSessions, useEndSession, useSessions } from '../../api/queries/sessions';
import { Badge } from '../../components/Badge';
import { ConfirmButton } from '../../components/ConfirmButton';
import { LoadState } from '../../components/LoadState';
import { ProblemMessage } from '../../components/ProblemMessage';
import { formatDateTime, formatDuration, useNow } from '../../components/time';

/** Where the member is signed in, and a way to sign any device out (a lost phone, a shared PC). */
export function SessionsPanel() {
  const sessions = useSessions();
  const endOne = useEndSession();
  const endOthers = useEndOtherSessions();
  const now = useNow();
  const others = (sessions.data ?? []).filter((s) => !s.current).length;

  return (
    <section className="panel" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Signed-in devices</h2>
      <p className="muted">
        Signing a device out ends its session at once, wherever it is. Changing your password signs out every device but
        this one.
      </p>
      <LoadState query={sessions} label="signed-in devices" />
      {sessions.data ? (
        <ul className="card-list">
          {sessions.data.map((s) => (
            <li key={s.id} className="card-row session-row">
              <div>
                <strong>{s.device}</strong> {s.current ? <Badge tone="ok">This device</Badge> : null}
                <div className="muted small-text">
                  {s.transport === 'bearer' ? 'Access token (script or integration) · ' : ''}
                  {s.ip ? `${s.ip} · ` : ''}
                  signed in {formatDateTime(s.created_at)} · last active{' '}
                  <time dateTime={s.last_seen_at} title={formatDateTime(s.last_seen_at)}>
                    {ago(now - new Date(s.last_seen_at).getTime())}
                  </time>
                </div>
              </div>
              {s.current ? null : (
                <ConfirmButton
                  label={`Sign out ${s.device}`}
                  question={`Sign out ${s.device}?`}
                  confirmLabel="Sign out"
                  busy={endOne.isPending}
                  onConfirm={() => endOne.mutate(s.id)}
                />
              )}
            </li>
          ))}
        </ul>
      ) : null}
      <ProblemMessage error={endOne.error ?? endOthers.error} />
      {others > 0 ? (
        <ConfirmButton
          label="Sign out all other devices"
          question={`Sign out ${others} other ${others === 1 ? 'device' : 'devices'}?`}
          confirmLabel="Sign them out"
          busy={endOthers.isPending}
          onConfirm={() => endOthers.mutate()}
        />
      ) : null}
    </section>
  );
}

function ago(ms: number): string {
  const duration = formatDuration(ms);
  return duration === 'just now' ? duration : `${duration} ago`;
}
