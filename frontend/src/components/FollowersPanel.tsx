import { useFollow, useFollowers } from '../api/queries/notes';
import { ProblemMessage } from './ProblemMessage';

/** Who follows the escalation (they hear of its claim, move, close, notes and SLA alarms). */
export function FollowersPanel({ orgId, escalationId, meId }: { orgId: string; escalationId: string; meId?: string }) {
  const followers = useFollowers(orgId, escalationId);
  const follow = useFollow(orgId, escalationId);
  const items = followers.data?.items ?? [];
  const following = items.some((f) => f.user_id === meId);
  return (
    <section aria-labelledby="followers-heading" className="followers">
      <h2 id="followers-heading">Followers</h2>
      {followers.error ? <ProblemMessage error={followers.error} /> : null}
      {followers.data ? (
        items.length ? (
          <ul className="followers-list">
            {items.map((f) => (
              <li key={f.user_id}>
                {f.user_id === meId ? 'You' : f.display_name || f.email}
                {f.source === 'escalated' ? <span className="muted"> (escalated it)</span> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">Nobody follows this escalation.</p>
        )
      ) : null}
      {follow.error ? <ProblemMessage error={follow.error} /> : null}
      <button
        type="button"
        className="button secondary small"
        disabled={!followers.data || follow.isPending}
        onClick={() => follow.mutate(!following)}
      >
        {following ? 'Unfollow' : 'Follow'}
      </button>
      <p className="muted small-text">Followers hear of its claim, moves, notes, SLA warnings and breaches, and how it ends.</p>
    </section>
  );
}
