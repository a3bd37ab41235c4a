import { useState } from 'react';
import { Link } from 'react-router';
import { useApprovals, useDecideApproval } from '../api/queries/rules';
import { useInboxes } from '../api/queries/inboxes';
import { useMemberDirectory } from '../api/queries/admin';
import type { Approval } from '../api/types';
import { useOrg } from '../org/OrgContext';
import { PageHeader } from '../components/PageHeader';
import { LoadState } from '../components/LoadState';
import { LiveStatus } from '../components/LiveStatus';
import { ProblemMessage } from '../components/ProblemMessage';
import { EmptyState } from '../components/EmptyState';
import { TextField } from '../components/Field';
import { formatDateTime } from '../components/time';
import { priorityLabel } from '../components/escalation';

/**
 * The approval queue (supervisors and above): escalations into restricted inboxes waiting for a
 * decision, oldest first. Approving escalates the conversation; rejecting needs a reason, which
 * the agent is told. Polled every 5 s.
 */
export function ApprovalsPage() {
  const { orgId } = useOrg();
  const approvals = useApprovals(orgId);
  const [status, setStatus] = useState('');
  const items = approvals.data ?? [];
  return (
    <div className="page">
      <PageHeader
        title="Approvals"
        subtitle="Escalations into restricted inboxes wait here; the conversation stays with its agent until you decide."
      />
      <LiveStatus message={status} />
      {approvals.data ? null : <LoadState query={approvals} label="Loading approvals…" />}
      {approvals.data && items.length === 0 ? (
        <EmptyState title="Nothing waiting">
          <p>Requests to escalate into a restricted inbox appear here.</p>
        </EmptyState>
      ) : null}
      <ul className="approval-list" aria-label="Pending approvals">
        {items.map((approval) => (
          <ApprovalItem key={approval.id} approval={approval} onDecided={setStatus} />
        ))}
      </ul>
    </div>
  );
}

function ApprovalItem({ approval, onDecided }: { approval: Approval; onDecided: (message: string) => void }) {
  const { orgId } = useOrg();
  const decide = useDecideApproval(orgId);
  const inboxes = useInboxes(orgId, { live: false });
  const members = useMemberDirectory(orgId);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const inbox = inboxes.data?.find((i) => i.id === approval.inbox_id)?.name ?? 'a restricted inbox';
  // Names, as every other screen shows people; the email only when there is no name.
  const requester = approval.requested_by ? members.data?.get(approval.requested_by) : undefined;
  const who = approval.requested_by
    ? (requester?.display_name || requester?.email || 'a member')
    : 'a rule';
  const handoff = approval.handoff as { reason?: string; help_needed?: string };
  const label = `Escalation into ${inbox} requested by ${who}`;
  return (
    <li className="panel" aria-label={label}>
      <h2 className="approval-title">
        Into {inbox} <span className="muted">· {priorityLabel(approval.priority ?? 'normal')}</span>
      </h2>
      <p>
        Requested by {who}, {formatDateTime(approval.created_at)}.{' '}
        <Link to={`../conversations/${approval.conversation_id}`}>Open the conversation</Link>
      </p>
      <p>Reason: {handoff.reason}</p>
      <p>Help needed: {handoff.help_needed}</p>
      <ProblemMessage error={decide.error} />
      <div className="row-actions">
        <button
          type="button"
          className="button primary small"
          disabled={decide.isPending}
          onClick={() =>
            decide.mutate({ approvalId: approval.id, approve: true }, { onSuccess: () => onDecided(`Approved: escalated into ${inbox}.`) })
          }
        >
          Approve
        </button>
        {rejecting ? (
          <form
            className="inline-form"
            onSubmit={(event) => {
              event.preventDefault();
              if (!reason.trim()) return;
              decide.mutate(
                { approvalId: approval.id, approve: false, reason: reason.trim() },
                { onSuccess: () => onDecided('Rejected; the agent was told why.') },
              );
            }}
          >
            <TextField label="Reason for rejecting" name="reason" required value={reason} onChange={(e) => setReason(e.target.value)} />
            <button type="submit" className="button danger small" disabled={decide.isPending || !reason.trim()}>
              Reject
            </button>
          </form>
        ) : (
          <button type="button" className="button secondary small" onClick={() => setRejecting(true)}>
            Reject…
          </button>
        )}
      </div>
    </li>
  );
}
