import { Link, useParams } from 'react-router';
import { PageHeader } from '../components/PageHeader';
import { ProblemMessage } from '../components/ProblemMessage';
import { Spinner } from '../components/Spinner';
import { asProblem } from '../api/problem';
import { useEmailAction, usePerformEmailAction, type EmailAction } from '../api/queries/emailActions';

type Escalation = EmailAction['escalation'];

function escalationPath(escalation: Escalation): string {
  return `/orgs/${escalation.org_id}/escalations/${escalation.id}`;
}

/**
 * Where an email's Claim link leads (/actions/:token). Opening it only shows what it will do; the
 * claim happens when the member confirms (a POST), once. Signed out, they sign in first and come
 * back here (RequireAuth keepNext).
 */
export function EmailActionPage() {
  const { token = '' } = useParams();
  const action = useEmailAction(token);
  const perform = usePerformEmailAction(token);

  if (action.isPending) return <Spinner label="Reading the link…" />;
  if (action.error) {
    return (
      <div className="page email-action-page">
        <PageHeader title="Claim from email" />
        <ProblemMessage error={action.error} />
        <p>
          <Link to="/">Go to your escalations</Link>
        </p>
      </div>
    );
  }
  const { escalation, state, expires_at: expiresAt, used_at: usedAt } = action.data;
  const done = perform.data?.escalation;
  const lost = asProblem(perform.error);
  const lostRace = lost?.type?.endsWith('/escalation-already-claimed');
  return (
    <div className="page email-action-page">
      <PageHeader title="Claim from email" subtitle="You are about to claim this escalation for yourself." />
      <section className="panel" aria-labelledby="email-action-escalation">
        <h2 id="email-action-escalation">{escalation.conversation.contact_name}</h2>
        <dl className="details">
          <dt>Priority</dt>
          <dd>{escalation.priority}</dd>
          <dt>Category</dt>
          <dd>{escalation.category}</dd>
          <dt>Reason</dt>
          <dd>{escalation.handoff.reason}</dd>
          <dt>Status</dt>
          <dd>{escalation.status}</dd>
        </dl>
      </section>
      {done ? (
        <p className="notice" role="status">
          Claimed. It is yours until {new Date(done.claim_expires_at ?? '').toLocaleString()}.
        </p>
      ) : lostRace ? (
        <p className="notice notice-warn" role="alert">
          {String(lost?.claimed_by_name ?? 'Another owner')} claimed it first.
        </p>
      ) : perform.error ? (
        <ProblemMessage error={perform.error} />
      ) : state === 'used' ? (
        <p className="notice" role="status">
          This link was already used{usedAt ? ` (${new Date(usedAt).toLocaleString()})` : ''}. A link works once.
        </p>
      ) : state === 'expired' ? (
        <p className="notice notice-warn" role="status">
          This link expired on {new Date(expiresAt).toLocaleString()}. Open the escalation to claim it there.
        </p>
      ) : (
        <div className="form-actions">
          <button
            type="button"
            className="button"
            disabled={perform.isPending}
            onClick={() => perform.mutate()}
          >
            {perform.isPending ? 'Claiming…' : 'Claim this escalation'}
          </button>
          <span className="muted">Works once, until {new Date(expiresAt).toLocaleString()}.</span>
        </div>
      )}
      <p>
        <Link to={escalationPath(done ?? escalation)}>Open the escalation</Link>
      </p>
    </div>
  );
}
