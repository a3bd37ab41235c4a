/** Reply-or-return: a claim in an inbox that asks for a reply in time says by when. */
import type { Escalation } from '../api/types';
import { formatDateTime, formatWhen } from './time';

export function ReplyBy({
  escalation,
  now,
}: {
  escalation: Pick<Escalation, 'status' | 'claim_reply_due_at'>;
  now?: number;
}) {
  const due = escalation.claim_reply_due_at;
  if (escalation.status !== 'claimed' || !due) return null;
  return (
    <span className="reply-by">
      Reply by{' '}
      <time dateTime={due} title={formatDateTime(due)}>
        {formatWhen(due, now)}
      </time>{' '}
      or it returns to the inbox
    </span>
  );
}
