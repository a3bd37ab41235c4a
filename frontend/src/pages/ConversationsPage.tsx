import { useId } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useConversationCounts, useConversations } from '../api/queries/conversations';
import { useCampaignOptions, useMemberDirectory } from '../api/queries/admin';
import { useInboxes } from '../api/queries/inboxes';
import { flatten, type ConversationFilters } from '../api/queries/keys';
import { useOrg } from '../org/OrgContext';
import { atLeast } from '../org/roles';
import { PageHeader } from '../components/PageHeader';
import { LoadState } from '../components/LoadState';
import { EmptyState } from '../components/EmptyState';
import { ProblemMessage } from '../components/ProblemMessage';
import { SegmentedControl } from '../components/SegmentedControl';
import { Pager } from '../components/Pager';
import { SelectField } from '../components/Field';
import { Badge, channelLabel } from '../components/Badge';
import { Countdown, formatWhen, useNow, Waiting } from '../components/time';

type YesNoFilter = 'all' | 'yes' | 'no';

const TRISTATE = ['all', 'yes', 'no'] as const satisfies readonly YesNoFilter[];
const ESCALATED_LABELS: Record<YesNoFilter, string> = { all: 'All', yes: 'Escalated', no: 'Not escalated' };
const NEEDS_LABELS: Record<YesNoFilter, string> = { all: 'All', yes: 'Needs response', no: 'Answered' };

function parseYesNo(value: string | null): YesNoFilter {
  return value === 'yes' || value === 'no' ? value : 'all';
}

function countLabel(n: number | undefined): string {
  return n === undefined ? '' : ` (${n})`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Conversations (threads) the caller can see: their own for agents, every thread for supervisors
 * and above. Filters live in the URL (?campaign=…&inbox=…&escalated=yes|no&needs=yes|no) so a
 * filtered view can be shared. The inbox and escalated filters are for supervisors and above.
 */
export function ConversationsPage() {
  const { orgId, role } = useOrg();
  const [params, setParams] = useSearchParams();
  const campaignId = params.get('campaign') ?? '';
  const needs = parseYesNo(params.get('needs'));
  const seesAll = atLeast(role, 'supervisor');
  const inboxId = seesAll ? (params.get('inbox') ?? '') : '';
  const escalated = seesAll ? parseYesNo(params.get('escalated')) : 'all';
  // Everything but the needs-response choice: the counts label those choices.
  const scope: ConversationFilters = {
    ...(campaignId ? { campaignId } : {}),
    ...(inboxId ? { inboxId } : {}),
    ...(escalated !== 'all' ? { escalated: escalated === 'yes' } : {}),
  };
  const filters: ConversationFilters = {
    ...scope,
    ...(needs !== 'all' ? { needsResponse: needs === 'yes' } : {}),
  };
  const filtered = Boolean(campaignId || inboxId || escalated !== 'all' || needs !== 'all');

  const list = useConversations(orgId, filters);
  const counts = useConversationCounts(orgId, scope);
  const campaigns = useCampaignOptions(orgId);
  const inboxes = useInboxes(orgId, { live: seesAll });
  const members = useMemberDirectory(orgId);
  const now = useNow();
  const items = flatten(list.data);
  const campaignName = new Map((campaigns.data ?? []).map((c) => [c.id, c.name]));

  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value && value !== 'all') next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const total = counts.data?.total;
  const waiting = counts.data?.needs_response;
  const needsCounts: Record<YesNoFilter, number | undefined> = {
    all: total,
    yes: waiting,
    no: total !== undefined && waiting !== undefined ? total - waiting : undefined,
  };
  const needsGroupId = useId();
  const inboxItems = seesAll ? (inboxes.data ?? []) : [];
  const inboxName = new Map(inboxItems.map((inbox) => [inbox.id, inbox.name]));
  const chosenInbox = inboxItems.find((inbox) => inbox.id === inboxId);
  const where = inboxId ? ' in this inbox' : campaignId ? ' in this campaign' : '';

  return (
    <div className="page">
      <PageHeader
        title={seesAll ? 'All threads' : 'Your conversations'}
        subtitle={
          seesAll
            ? 'Every conversation in this organisation, newest first.'
            : 'Conversations assigned to you, newest first.'
        }
      />
      <form className="filters" aria-label="Filter conversations" onSubmit={(event) => event.preventDefault()}>
        <SelectField
          label="Campaign"
          name="campaign"
          value={campaignId}
          onChange={(event) => setFilter('campaign', event.target.value)}
        >
          <option value="">All campaigns</option>
          {(campaigns.data ?? []).map((campaign) => (
            <option key={campaign.id} value={campaign.id}>
              {campaign.name}
            </option>
          ))}
        </SelectField>
        {seesAll ? (
          <SelectField
            label="Escalation inbox"
            name="inbox"
            value={inboxId}
            onChange={(event) => setFilter('inbox', event.target.value)}
            hint={
              inboxes.error
                ? 'Inboxes could not be loaded.'
                : chosenInbox?.counts
                  ? `${chosenInbox.counts.total} escalated here, ${chosenInbox.counts.needs_response} awaiting a reply from us, ${chosenInbox.counts.claimed} claimed`
                  : undefined
            }
          >
            <option value="">Any inbox</option>
            {inboxItems.map((inbox) => (
              <option key={inbox.id} value={inbox.id}>
                {inbox.name}
                {inbox.counts ? ` (${inbox.counts.total} escalated, ${inbox.counts.needs_response} awaiting a reply)` : ''}
              </option>
            ))}
          </SelectField>
        ) : null}
        {seesAll ? (
          <SegmentedControl
            legend="Escalated"
            name="escalated"
            options={TRISTATE}
            value={escalated}
            onChange={(value) => setFilter('escalated', value)}
            label={(value) => ESCALATED_LABELS[value]}
          />
        ) : null}
        <SegmentedControl
          legend="Needs response"
          name="needs"
          options={TRISTATE}
          value={needs}
          onChange={(value) => setFilter('needs', value)}
          label={(value) => (
            <>
              {NEEDS_LABELS[value]}
              <span className="segment-count">{countLabel(needsCounts[value])}</span>
            </>
          )}
          aria-describedby={`${needsGroupId}-counts`}
        />
        <p id={`${needsGroupId}-counts`} className="filter-counts" aria-live="polite">
          {counts.data
            ? `${plural(counts.data.total, 'conversation')}${where}${escalated === 'yes' && !inboxId ? ' escalated' : escalated === 'no' ? ' not escalated' : ''}, ${counts.data.needs_response} needing a response`
            : counts.error
              ? 'Counts unavailable'
              : ''}
        </p>
      </form>

      {list.data ? null : <LoadState query={list} label="Loading conversations…" />}
      {list.data && list.error ? <ProblemMessage error={list.error} /> : null}
      {list.data && items.length === 0 ? (
        <EmptyState title={filtered ? 'No conversations match these filters' : 'No conversations yet'}>
          {filtered ? (
            <p>
              <Link to="." replace>
                Clear the filters
              </Link>
            </p>
          ) : (
            <p>{seesAll ? 'Conversations appear here when they are started through the API.' : 'Conversations assigned to you appear here.'}</p>
          )}
        </EmptyState>
      ) : null}
      {items.length > 0 ? (
        <div className="table-wrap">
          <table className="list-table stack">
            <caption className="visually-hidden">Conversations, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Contact</th>
                <th scope="col">Status</th>
                <th scope="col">Channel</th>
                <th scope="col">Campaign</th>
                {seesAll ? <th scope="col">Assigned to</th> : null}
                <th scope="col" className="hide-narrow">
                  Last message
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((conversation) => {
                const assignee = conversation.assignee_id ? members.data?.get(conversation.assignee_id) : undefined;
                const claim = conversation.escalation?.claimed_by ? conversation.escalation : null;
                const holder = claim?.claimed_by ? members.data?.get(claim.claimed_by) : undefined;
                const pending = conversation.pending_approval;
                return (
                  <tr key={conversation.id}>
                    <th scope="row">
                      <Link to={`../conversations/${conversation.id}`} state={{ from: 'threads' }} className="row-link">
                        {conversation.contact.name}
                      </Link>
                    </th>
                    <td data-label="Status">
                      {pending ? (
                        <Badge tone="warn">
                          Awaiting approval
                          {inboxName.get(pending.inbox_id) ? ` · ${inboxName.get(pending.inbox_id)}` : ''}
                        </Badge>
                      ) : null}{' '}
                      {conversation.escalation ? (
                        <Badge tone="danger">
                          Escalated
                          {inboxName.get(conversation.escalation.inbox_id) ? ` · ${inboxName.get(conversation.escalation.inbox_id)}` : ''}
                        </Badge>
                      ) : conversation.needs_response ? (
                        <span className="status-cell">
                          <Badge tone="warn">Needs response</Badge>{' '}
                          <Waiting since={conversation.needs_response_since} now={now} />
                        </span>
                      ) : (
                        <Badge tone="ok">Answered</Badge>
                      )}
                    </td>
                    <td data-label="Channel">{channelLabel(conversation.channel)}</td>
                    <td data-label="Campaign">{campaignName.get(conversation.campaign_id) ?? '—'}</td>
                    {seesAll ? (
                      <td data-label="Assigned to">
                        {claim?.claim_expires_at ? (
                          <span className="claim-holder">
                            Claimed by {holder ? holder.display_name || holder.email : '…'}{' '}
                            <span className="muted">
                              (<Countdown until={claim.claim_expires_at} />)
                            </span>
                          </span>
                        ) : conversation.assignee_id ? (
                          assignee ? (
                            assignee.display_name || assignee.email
                          ) : (
                            '…'
                          )
                        ) : (
                          <span className="muted">Unassigned</span>
                        )}
                      </td>
                    ) : null}
                    <td className="hide-narrow">
                      {conversation.last_message_at ? formatWhen(conversation.last_message_at, now) : '—'}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      <Pager query={list} />
    </div>
  );
}
