import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useEscalation, useEscalationEvents } from '../api/queries/escalations';
import { useInboxes } from '../api/queries/inboxes';
import { useCampaignOptions, useMemberDirectory } from '../api/queries/admin';
import { useSlaPolicies } from '../api/queries/sla';
import { useMe } from '../api/queries/account';
import { flatten } from '../api/queries/keys';
import type { Escalation, EscalationEvent, Handoff, Member } from '../api/types';
import { useOrg } from '../org/OrgContext';
import { atLeast } from '../org/roles';
import { PageHeader } from '../components/PageHeader';
import { LoadState } from '../components/LoadState';
import { ProblemMessage } from '../components/ProblemMessage';
import { EmptyState } from '../components/EmptyState';
import { LiveStatus } from '../components/LiveStatus';
import { Pager } from '../components/Pager';
import { Badge, channelLabel } from '../components/Badge';
import { Countdown, formatDateTime, formatWhen, useNow, When } from '../components/time';
import { categoryLabel, describeEvent, PriorityBadge, StatusBadge, type EventLookups } from '../components/escalation';
import { EscalationActions } from '../components/EscalationActions';
import { ReplyBy } from '../components/ReplyBy';
import { NoteCard, NoteComposer } from '../components/EscalationNotes';
import { FollowersPanel } from '../components/FollowersPanel';
import { PresenceNotice } from '../components/PresenceNotice';
import { usePresence } from '../api/queries/presence';

/** One escalation: the hand-off note, SLA fields, the actions and the audit trail. */
export function EscalationPage() {
  const { orgId } = useOrg();
  const { escalationId = '' } = useParams();
  const escalation = useEscalation(orgId, escalationId);
  return (
    <div className="page">
      <div className="toolbar" role="group" aria-label="Escalation navigation">
        <div className="toolbar-start">
          <Link to="../escalations" className="button secondary small">
            ← Back to escalations
          </Link>
        </div>
        {escalation.data ? (
          <div className="toolbar-end">
            <Link
              to={`../conversations/${escalation.data.conversation_id}`}
              state={{ from: 'escalations' }}
              className="button secondary small"
            >
              Open conversation
            </Link>
          </div>
        ) : null}
      </div>
      {escalation.data ? (
        <EscalationDetail escalation={escalation.data} refreshError={escalation.error} />
      ) : (
        <LoadState query={escalation} label="Loading escalation…" />
      )}
    </div>
  );
}

function useLookups(): EventLookups {
  const { orgId } = useOrg();
  const members = useMemberDirectory(orgId);
  const inboxes = useInboxes(orgId, { live: false });
  const campaigns = useCampaignOptions(orgId);
  const me = useMe();
  return {
    person: (id) => {
      if (!id) return 'the system';
      if (id === me.data?.id) return 'you';
      const member = members.data?.get(id);
      return member ? member.display_name || member.email : 'a former member';
    },
    inbox: (id) => inboxes.data?.find((inbox) => inbox.id === id)?.name ?? 'a deleted inbox',
    campaign: (id) => campaigns.data?.find((campaign) => campaign.id === id)?.name ?? 'its campaign',
  };
}

function EscalationDetail({ escalation, refreshError }: { escalation: Escalation; refreshError: unknown }) {
  const { orgId, role } = useOrg();
  const me = useMe();
  const inboxes = useInboxes(orgId, { live: false });
  const policies = useSlaPolicies(orgId, { live: false });
  const names = useLookups();
  const now = useNow();
  const [status, setStatus] = useState('');
  const [actionError, setActionError] = useState<unknown>(null);
  const mine = escalation.status === 'claimed' && escalation.claimed_by === me.data?.id;
  const live = escalation.status === 'open' || escalation.status === 'claimed';
  const policy = policies.data?.find((p) => p.id === escalation.sla_policy_id);
  const present = usePresence(orgId, live ? escalation.id : undefined, 'viewing');

  return (
    <>
      <PageHeader
        title={escalation.conversation.contact_name}
        subtitle={
          <span className="badges">
            <StatusBadge status={escalation.status} />
            <PriorityBadge priority={escalation.priority} />
            <Badge>{categoryLabel(escalation.category)}</Badge>
            <Badge>{channelLabel(escalation.conversation.channel)}</Badge>
            <Badge tone={escalation.level > 1 ? 'danger' : 'neutral'}>Level {escalation.level}</Badge>
          </span>
        }
      />
      {refreshError ? <ProblemMessage error={refreshError} /> : null}
      {live ? <PresenceNotice present={present} meId={me.data?.id} /> : null}
      <LiveStatus message={status} className={status ? 'notice-status' : ''} />
      {actionError ? <ProblemMessage error={actionError} /> : null}
      {live ? (
        <EscalationActions
          orgId={orgId}
          escalation={escalation}
          inboxes={inboxes.data}
          canRelease={mine || atLeast(role, 'supervisor')}
          onResult={(message, error) => {
            setStatus(message);
            setActionError(error ?? null);
          }}
        />
      ) : null}
      <div className="escalation-layout">
        <div className="escalation-column">
          <section className="panel" aria-labelledby="handoff-heading">
            <h2 id="handoff-heading">Hand-off note</h2>
            <HandoffDetails handoff={escalation.handoff} />
            <p className="muted small-text">
              Escalated by {names.person(escalation.escalated_by)} on {formatDateTime(escalation.created_at)}.
            </p>
          </section>
          <section aria-labelledby="events-heading">
            <h2 id="events-heading">Timeline</h2>
            <EventList escalation={escalation} />
          </section>
        </div>
        <aside className="contact-panel" aria-labelledby="escalation-facts">
          <h2 id="escalation-facts">Escalation</h2>
          <dl className="details">
            <dt>Inbox</dt>
            <dd>{names.inbox(escalation.inbox_id)}</dd>
            <dt>Campaign</dt>
            <dd>{names.campaign(escalation.origin_campaign_id)}</dd>
            <dt>Claim</dt>
            <dd>
              {escalation.status === 'claimed' && escalation.claim_expires_at ? (
                <>
                  {mine ? 'You' : names.person(escalation.claimed_by)} — <Countdown until={escalation.claim_expires_at} />
                  {escalation.claim_reply_due_at ? (
                    <>
                      <br />
                      <ReplyBy escalation={escalation} now={now} />
                    </>
                  ) : null}
                </>
              ) : (
                <span className="muted">{live ? 'Unclaimed' : 'Closed'}</span>
              )}
            </dd>
            <dt>Last activity</dt>
            <dd>
              <When iso={escalation.last_activity_at} now={now} />
            </dd>
            {escalation.closed_at ? (
              <>
                <dt>Closed</dt>
                <dd>{formatDateTime(escalation.closed_at)}</dd>
              </>
            ) : null}
          </dl>
          <h2>Service level</h2>
          <dl className="details">
            <dt>Policy</dt>
            <dd>{escalation.sla_policy_id ? (policy?.name ?? '…') : <span className="muted">None</span>}</dd>
            <dt>First response due</dt>
            <dd>
              <Due iso={escalation.first_response_due_at} breached={escalation.breached_first_response} now={now} />
            </dd>
            <dt>First response</dt>
            <dd>
              {escalation.first_responded_at ? formatDateTime(escalation.first_responded_at) : <span className="muted">Not yet</span>}
            </dd>
            <dt>Resolution due</dt>
            <dd>
              <Due iso={escalation.resolution_due_at} breached={escalation.breached_resolution} now={now} />
            </dd>
            <dt>Level</dt>
            <dd>{escalation.level}</dd>
            <dt>Paused</dt>
            <dd>
              {escalation.sla_paused_at ? (
                <>Since {formatWhen(escalation.sla_paused_at, now)}, waiting for the contact</>
              ) : (
                <span className="muted">No</span>
              )}
            </dd>
          </dl>
          <FollowersPanel orgId={orgId} escalationId={escalation.id} meId={me.data?.id} />
        </aside>
      </div>
    </>
  );
}

function Due({ iso, breached, now }: { iso: string | null; breached: boolean; now: number }) {
  if (!iso) return <span className="muted">No target</span>;
  return (
    <span className="due">
      <When iso={iso} now={now} />{' '}
      {breached ? <Badge tone="danger">Breached</Badge> : new Date(iso).getTime() < now ? <Badge tone="warn">Overdue</Badge> : null}
    </span>
  );
}

export function HandoffDetails({ handoff }: { handoff: Partial<Handoff> }) {
  return (
    <dl className="handoff-details">
      <dt>Reason</dt>
      <dd>{handoff.reason || '—'}</dd>
      <dt>Steps taken</dt>
      <dd>{handoff.steps_taken || '—'}</dd>
      <dt>Offers made</dt>
      <dd>{handoff.offers_made || <span className="muted">None</span>}</dd>
      <dt>Help needed</dt>
      <dd>{handoff.help_needed || '—'}</dd>
    </dl>
  );
}

/** Who may be mentioned in a note: the members who may see the escalation (its inbox's owners,
 * supervisors and above), but not the writer. */
function useMentionable(escalation: Escalation, meId: string | undefined): Member[] {
  const { orgId } = useOrg();
  const members = useMemberDirectory(orgId);
  const inboxes = useInboxes(orgId, { live: false });
  const owners = new Set(inboxes.data?.find((i) => i.id === escalation.inbox_id)?.owner_ids ?? []);
  return [...(members.data?.values() ?? [])].filter(
    (m) => m.user_id !== meId && (owners.has(m.user_id) || atLeast(m.role, 'supervisor')),
  );
}

/** The timeline, oldest first: each event in words, who did it and when, and each internal note
 * where it was written. */
export function EventList({ escalation }: { escalation: Escalation }) {
  const { orgId } = useOrg();
  const events = useEscalationEvents(orgId, escalation.id);
  const names = useLookups();
  const members = useMemberDirectory(orgId);
  const me = useMe();
  const candidates = useMentionable(escalation, me.data?.id);
  const now = useNow();
  const items = flatten(events.data);
  if (!events.data) return <LoadState query={events} label="Loading the audit trail…" />;
  return (
    <>
      {events.error ? <ProblemMessage error={events.error} /> : null}
      {items.length === 0 ? (
        <EmptyState title="No events yet" />
      ) : (
        <ol className="event-list" aria-label="Audit trail, oldest first">
          {items.map((event) =>
            event.note ? (
              <NoteCard
                key={event.id}
                orgId={orgId}
                escalationId={escalation.id}
                note={event.note}
                author={names.person(event.note.author_id)}
                mine={Boolean(me.data) && event.note.author_id === me.data?.id}
                people={members.data ?? new Map()}
                candidates={candidates}
                now={now}
              />
            ) : (
              <EventItem key={event.id} event={event} names={names} now={now} />
            ),
          )}
        </ol>
      )}
      <Pager query={events} label="Load newer events" />
      <NoteComposer orgId={orgId} escalationId={escalation.id} candidates={candidates} />
    </>
  );
}

function EventItem({ event, names, now }: { event: EscalationEvent; names: EventLookups; now: number }) {
  const { text, note } = describeEvent(event, names);
  const actor = event.actor_id ? names.person(event.actor_id) : 'System';
  const handoff = event.type === 'escalation.created' ? (event.data.handoff as Partial<Handoff> | undefined) : undefined;
  return (
    <li className={`event event-${event.type.replace(/^escalation\./, '').replace(/_/g, '-')}`}>
      <p className="event-text">{text}</p>
      <p className="event-meta">
        <span className="event-actor">{actor.charAt(0).toUpperCase() + actor.slice(1)}</span> ·{' '}
        <time dateTime={event.created_at} title={formatDateTime(event.created_at)}>
          {formatWhen(event.created_at, now)}
        </time>
      </p>
      {note ? <p className="event-note">Note: {note}</p> : null}
      {handoff ? (
        <details className="event-handoff">
          <summary>Hand-off note</summary>
          <HandoffDetails handoff={handoff} />
        </details>
      ) : null}
    </li>
  );
}
