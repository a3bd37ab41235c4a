import { Link } from 'react-router';
import { useQueue } from '../api/queries/conversations';
import { useCampaignOptions } from '../api/queries/admin';
import { flatten } from '../api/queries/keys';
import { useOrg } from '../org/OrgContext';
import { PageHeader } from '../components/PageHeader';
import { LoadState } from '../components/LoadState';
import { EmptyState } from '../components/EmptyState';
import { Pager } from '../components/Pager';
import { LiveStatus } from '../components/LiveStatus';
import { channelLabel } from '../components/Badge';
import { ProblemMessage } from '../components/ProblemMessage';
import { formatWhen, useNow, Waiting } from '../components/time';
import { Flash } from '../components/Flash';

/** The agent's reply queue: their conversations waiting for a response, oldest first. */
export function QueuePage() {
  const { orgId } = useOrg();
  const queue = useQueue(orgId);
  const campaigns = useCampaignOptions(orgId);
  const now = useNow();
  const items = flatten(queue.data);
  const campaignName = new Map((campaigns.data ?? []).map((c) => [c.id, c.name]));
  const more = queue.hasNextPage ? '+' : '';

  return (
    <div className="page">
      <PageHeader
        title="Reply queue"
        subtitle="Conversations assigned to you that need a response, oldest first. Updates automatically."
      />
      <Flash />
      <LiveStatus
        className="count-status"
        message={queue.data ? (items.length === 0 ? 'Nothing waiting' : `${items.length}${more} waiting`) : ''}
      />
      {queue.data ? null : <LoadState query={queue} label="Loading your queue…" />}
      {queue.data && queue.error ? <ProblemMessage error={queue.error} /> : null}
      {queue.data && items.length === 0 ? (
        <EmptyState title="Nothing waiting for you">
          <p>Conversations assigned to you appear here as soon as a contact writes in.</p>
        </EmptyState>
      ) : null}
      {items.length > 0 ? (
        <div className="table-wrap">
          <table className="list-table stack">
            <caption className="visually-hidden">Conversations waiting for your reply, oldest first</caption>
            <thead>
              <tr>
                <th scope="col">Contact</th>
                <th scope="col">Channel</th>
                <th scope="col">Campaign</th>
                <th scope="col">Waiting</th>
                <th scope="col" className="hide-narrow">
                  Last message
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((conversation) => (
                <tr key={conversation.id}>
                  <th scope="row">
                    <Link to={`../conversations/${conversation.id}`} state={{ from: 'queue' }} className="row-link">
                      {conversation.contact.name}
                    </Link>
                  </th>
                  <td data-label="Channel">{channelLabel(conversation.channel)}</td>
                  <td data-label="Campaign">{campaignName.get(conversation.campaign_id) ?? '—'}</td>
                  <td data-label="Waiting">
                    <Waiting since={conversation.needs_response_since} now={now} />
                  </td>
                  <td className="hide-narrow">
                    {conversation.last_message_at ? formatWhen(conversation.last_message_at, now) : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <Pager query={queue} />
    </div>
  );
}
