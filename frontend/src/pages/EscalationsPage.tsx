import { useState } from 'react';
import { Link } from 'react-router';
import { useOwnerView } from '../api/queries/escalations';
import { useClaimBatch, useInboxes } from '../api/queries/inboxes';
import { useMemberDirectory } from '../api/queries/admin';
import { useMe } from '../api/queries/account';
import { errorMessage } from '../api/problem';
import type { ClaimBatch, Escalation, Inbox, Member, OwnerInbox } from '../api/types';
import { useOrg } from '../org/OrgContext';
import { atLeast } from '../org/roles';
import { PageHeader } from '../components/PageHeader';
import { LoadState } from '../components/LoadState';
import { ProblemMessage } from '../components/ProblemMessage';
import { EmptyState } from '../components/EmptyState';
import { LiveStatus } from '../components/LiveStatus';
import { Badge, channelLabel } from '../components/Badge';
import { Countdown, formatDateTime, useNow, When } from '../components/time';
import { categoryLabel, PriorityBadge } from '../components/escalation';
import { EscalationActions } from '../components/EscalationActions';
import { ReplyBy } from '../components/ReplyBy';

interface ClaimResult {
  inboxId: string;
  inboxName: string;
  batch: ClaimBatch;
}

/**
 * The owner view: the caller's inboxes at the top with their counts and "Claim next batch", then
 * each inbox's escalations (unclaimed ones and the caller's own claims) grouped by campaign.
 * Supervisors and above also see inboxes they do not own. Polls every 5 s.
 */
export function EscalationsPage() {
  const { orgId, role } = useOrg();
  // Supervisors and above see every claim unless they choose to see only what is theirs to take.
  const [othersClaims, setOthersClaims] = useState(atLeast(role, 'supervisor'));
  const view = useOwnerView(orgId, { othersClaims });
  const inboxes = useInboxes(orgId);
  const members = useMemberDirectory(orgId);
  const me = useMe();
  const claim = useClaimBatch(orgId);
  const [status, setStatus] = useState('');
  const [pageError, setPageError] = useState<unknown>(null);
  const [claimed, setClaimed] = useState<ClaimResult | null>(null);
  const [claimingInbox, setClaimingInbox] = useState<string | null>(null);

  const onResult = (message: string, error?: unknown) => {
    setStatus(message);
    setPageError(error ?? null);
  };

  const claimNext = (entry: OwnerInbox) => {
    setClaimingInbox(entry.inbox.id);
    setPageError(null);
    claim.mutate(entry.inbox.id, {
      onSuccess: (batch) => {
        setClaimed({ inboxId: entry.inbox.id, inboxName: entry.inbox.name, batch });
        setStatus(
          batch.items.length === 0
            ? `Nothing to claim in ${entry.inbox.name} right now.`
            : `You claimed ${batch.items.length} escalation${batch.items.length === 1 ? '' : 's'} from ${entry.inbox.name}.`,
        );
      },
      onError: (error) => {
        setClaimed(null);
        onResult(`Could not claim from ${entry.inbox.name}: ${errorMessage(error)}`, error);
      },
      onSettled: () => setClaimingInbox(null),
    });
  };

  const entries = view.data?.inboxes ?? [];
  const justClaimed = new Set(claimed?.batch.items.map((item) => item.id) ?? []);

  return (
    <div className="page">
      <PageHeader
        title="Escalations"
        subtitle={
          atLeast(role, 'supervisor')
            ? 'Your inboxes first, then the others. Your claims, the unclaimed escalations and (if shown) the claims of others, grouped by campaign. Updates automatically.'
            : 'The inboxes you own: your claims, the unclaimed escalations and (if shown) the claims of others, grouped by campaign. Updates automatically.'
        }
      />
      <label className="checkbox-inline owner-view-toggle">
        <input type="checkbox" checked={othersClaims} onChange={(event) => setOthersClaims(event.target.checked)} />
        Show claims held by others
      </label>
      <LiveStatus message={status} className={status ? 'notice-status' : ''} />
      {pageError ? <ProblemMessage error={pageError} /> : null}
      {view.data ? null : <LoadState query={view} label="Loading your escalations…" />}
      {view.data && view.error ? <ProblemMessage error={view.error} /> : null}
      {view.data && entries.length === 0 ? (
        <EmptyState title={atLeast(role, 'supervisor') ? 'No escalation inboxes yet' : 'You do not own an escalation inbox'}>
          {atLeast(role, 'admin') ? (
            <p>
              <Link to="../admin/inboxes">Create an inbox</Link> and choose its owners.
            </p>
          ) : (
            <p>An admin can make you an owner of an inbox.</p>
          )}
        </EmptyState>
      ) : null}
      {entries.length > 0 ? (
        <>
          <UnstaffedWarning entries={entries} />
          <InboxSummary entries={entries} claimingInbox={claimingInbox} onClaim={claimNext} />
          {claimed ? <ClaimedNotice result={claimed} onDismiss={() => setClaimed(null)} /> : null}
          {entries.map((entry) => (
            <InboxSection
              key={entry.inbox.id}
              entry={entry}
              inboxes={inboxes.data}
              members={members.data}
              myId={me.data?.id}
              staff={atLeast(role, 'supervisor')}
              othersClaims={othersClaims}
              justClaimed={justClaimed}
              onResult={onResult}
            />
          ))}
        </>
      ) : null}
    </div>
  );
}

function InboxSummary({
  entries,
  claimingInbox,
  onClaim,
}: {
  entries: OwnerInbox[];
  claimingInbox: string | null;
  onClaim: (entry: OwnerInbox) => void;
}) {
  return (
    <div className="table-wrap">
      <table className="list-table inbox-summary stack">
        <caption className="visually-hidden">Your escalation inboxes with live counts</caption>
        <thead>
          <tr>
            <th scope="col">Inbox</th>
            <th scope="col" className="num">
              Total
            </th>
            <th scope="col" className="num">
              Needs response
            </th>
            <th scope="col" className="num">
              Unclaimed
            </th>
            <th scope="col" className="num">
              Claimed
            </th>
            <th scope="col" className="num">
              Yours
            </th>
            <th scope="col">
              <span className="visually-hidden">Claim</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.inbox.id}>
              <th scope="row">
                <a href={`#inbox-${entry.inbox.id}`} className="row-link">
                  {entry.inbox.name}
                </a>{' '}
                {entry.is_owner ? <Badge tone="info">Owner</Badge> : null}
              </th>
              <td className="num" data-label="Total">{entry.counts.total}</td>
              <td className="num" data-label="Needs response">{entry.counts.needs_response}</td>
              <td className="num" data-label="Unclaimed">{entry.counts.unclaimed}</td>
              <td className="num" data-label="Claimed">{entry.counts.claimed}</td>
              <td className="num" data-label="Yours">
                <span aria-label={capacityLabel(entry)}>
                  {entry.my_open_claims}
                  {entry.inbox.capacity ? ` / ${entry.inbox.capacity}` : ''}
                </span>
              </td>
              <td className="actions-cell">
                {entry.inbox.assignment_mode === 'auto' ? (
                  <span className="muted small-text">Assigned automatically</span>
                ) : entry.is_owner ? (
                  <button
                    type="button"
                    className="button small"
                    onClick={() => onClaim(entry)}
                    disabled={claimingInbox !== null}
                    aria-busy={claimingInbox === entry.inbox.id}
                    title={`Up to ${entry.inbox.batch_size}, held for ${entry.inbox.assignment_duration_minutes} min`}
                  >
                    {claimingInbox === entry.inbox.id ? 'Claiming…' : 'Claim next batch'}
                    {' '}<span className="visually-hidden">from {entry.inbox.name}</span>
                  </button>
                ) : (
                  <span className="muted small-text">Owners claim</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** "Your open claims: 2 of 5": the caller's live claims against the inbox's capacity. */
export function capacityLabel(entry: OwnerInbox): string {
  const n = entry.my_open_claims;
  return entry.inbox.capacity ? `Your open claims: ${n} of ${entry.inbox.capacity}` : `Your open claims: ${n}`;
}

/** Escalations wait in these inboxes and none of their owners is on shift. */
export function UnstaffedWarning({ entries }: { entries: { inbox: { name: string; unstaffed_since?: string | null } }[] }) {
  const unstaffed = entries.filter((e) => e.inbox.unstaffed_since);
  if (unstaffed.length === 0) return null;
  return (
    <div className="notice notice-warn" role="status">
      <strong>Nobody on shift</strong>
      <ul>
        {unstaffed.map((e) => (
          <li key={e.inbox.name}>
            {e.inbox.name}: escalations have waited with no owner on shift since{' '}
            {formatDateTime(e.inbox.unstaffed_since!)}. The next tier of the escalation policy has been told.
          </li>
        ))}
      </ul>
    </div>
  );
}

function ClaimedNotice({ result, onDismiss }: { result: ClaimResult; onDismiss: () => void }) {
  const { batch } = result;
  return (
    <section className="claimed-notice" aria-labelledby="claimed-heading">
      <div className="claimed-head">
        <h2 id="claimed-heading">
          {batch.items.length === 0
            ? `Nothing to claim in ${result.inboxName}`
            : `Claimed from ${result.inboxName}: ${batch.items.length}`}
        </h2>
        <button type="button" className="button secondary small" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
      {batch.items.length === 0 ? (
        <p className="muted">Every escalation there is already claimed, or the inbox is empty.</p>
      ) : (
        <>
          {batch.expires_at ? (
            <p>
              Yours until {formatDateTime(batch.expires_at)} — <Countdown until={batch.expires_at} />.
            </p>
          ) : null}
          <ul className="claimed-list" aria-label="Escalations you just claimed">
            {batch.items.map((item) => (
              <li key={item.id}>
                <Link to={`../escalations/${item.id}`}>{item.conversation.contact_name}</Link> <PriorityBadge priority={item.priority} />{' '}
                <span className="muted">{categoryLabel(item.category)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function InboxSection({
  entry,
  inboxes,
  members,
  myId,
  staff,
  othersClaims,
  justClaimed,
  onResult,
}: {
  entry: OwnerInbox;
  inboxes: Inbox[] | undefined;
  members: Map<string, Member> | undefined;
  myId: string | undefined;
  staff: boolean;
  othersClaims: boolean;
  justClaimed: Set<string>;
  onResult: (message: string, error?: unknown) => void;
}) {
  const headingId = `inbox-${entry.inbox.id}`;
  const count = entry.groups.reduce((n, group) => n + group.items.length, 0);
  return (
    <section className="inbox-section" aria-labelledby={`${headingId}-h`} id={headingId}>
      <h2 id={`${headingId}-h`}>
        {entry.inbox.name}{' '}
        <span className="muted heading-count">
          {count === 0 ? '' : `${count} shown`}
        </span>
      </h2>
      {entry.groups.length === 0 ? (
        <p className="muted empty-inline">
          {othersClaims
            ? 'Nothing here: no unclaimed escalations and no claims.'
            : 'Nothing waiting here: no unclaimed escalations and none claimed by you.'}
          {!othersClaims && entry.counts.claimed > 0 ? ` ${entry.counts.claimed} claimed by others.` : ''}
        </p>
      ) : (
        entry.groups.map((group) => (
          <section key={group.campaign.id} className="campaign-group" aria-labelledby={`${headingId}-${group.campaign.id}`}>
            <h3 id={`${headingId}-${group.campaign.id}`}>
              {group.campaign.name} <span className="muted heading-count">({group.items.length})</span>
            </h3>
            <ul className="escalation-list">
              {group.items.map((escalation) => (
                <EscalationRow
                  key={escalation.id}
                  escalation={escalation}
                  inboxes={inboxes}
                  members={members}
                  myId={myId}
                  staff={staff}
                  highlight={justClaimed.has(escalation.id)}
                  onResult={onResult}
                />
              ))}
            </ul>
          </section>
        ))
      )}
    </section>
  );
}

function EscalationRow({
  escalation,
  inboxes,
  members,
  myId,
  staff,
  highlight,
  onResult,
}: {
  escalation: Escalation;
  inboxes: Inbox[] | undefined;
  members: Map<string, Member> | undefined;
  myId: string | undefined;
  staff: boolean;
  highlight: boolean;
  onResult: (message: string, error?: unknown) => void;
}) {
  const { orgId } = useOrg();
  const now = useNow();
  const mine = escalation.status === 'claimed' && escalation.claimed_by === myId;
  const claimant = escalation.claimed_by ? members?.get(escalation.claimed_by) : undefined;
  const titleId = `esc-${escalation.id}`;
  return (
    <li className={highlight ? 'escalation-row just-claimed' : 'escalation-row'} aria-labelledby={titleId}>
      <div className="escalation-main">
        <p className="escalation-title">
          <Link id={titleId} to={`../escalations/${escalation.id}`} className="row-link">
            {escalation.conversation.contact_name}
          </Link>
          <span className="badges">
            <PriorityBadge priority={escalation.priority} />
            <Badge>{categoryLabel(escalation.category)}</Badge>
            <Badge>{channelLabel(escalation.conversation.channel)}</Badge>
            {escalation.conversation.needs_response ? <Badge tone="warn">Needs response</Badge> : null}
            {escalation.breached_first_response || escalation.breached_resolution ? (
              <Badge tone="danger">SLA breached</Badge>
            ) : null}
            {escalation.level > 1 ? <Badge tone="danger">Level {escalation.level}</Badge> : null}
          </span>
        </p>
        <p className="escalation-reason">{escalation.handoff.reason}</p>
        <p className="escalation-meta">
          {escalation.status === 'claimed' && escalation.claim_expires_at ? (
            <span className="claim-state">
              <strong>{mine ? 'Claimed by you' : `Claimed by ${claimant ? claimant.display_name || claimant.email : 'a colleague'}`}</strong>
              {' — '}
              <Countdown until={escalation.claim_expires_at} />
            </span>
          ) : (
            <span className="claim-state">Unclaimed</span>
          )}
          <ReplyBy escalation={escalation} now={now} />
          <span>
            Escalated <When iso={escalation.created_at} now={now} />
          </span>
          {escalation.first_response_due_at && !escalation.first_responded_at ? (
            <span>
              First response due <When iso={escalation.first_response_due_at} now={now} />
            </span>
          ) : null}
          {escalation.resolution_due_at ? (
            <span>
              Resolution due <When iso={escalation.resolution_due_at} now={now} />
            </span>
          ) : null}
          {escalation.sla_paused_at ? <span>SLA paused (waiting for the contact)</span> : null}
        </p>
      </div>
      <EscalationActions
        orgId={orgId}
        escalation={escalation}
        inboxes={inboxes}
        canRelease={mine || staff}
        onResult={onResult}
        detailsLink
      />
    </li>
  );
}
