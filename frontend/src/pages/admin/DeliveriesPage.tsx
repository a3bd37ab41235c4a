import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useNotificationDeliveries, useRedeliverNotification } from '../../api/queries/deliveries';
import { flatten } from '../../api/queries/keys';
import { errorMessage } from '../../api/problem';
import { DELIVERY_CHANNELS, NOTIFICATION_DELIVERY_STATUSES, type DeliveryChannel, type NotificationDelivery } from '../../api/types';
import { useOrg } from '../../org/OrgContext';
import { LoadState } from '../../components/LoadState';
import { ProblemMessage } from '../../components/ProblemMessage';
import { SegmentedControl } from '../../components/SegmentedControl';
import { EmptyState } from '../../components/EmptyState';
import { LiveStatus } from '../../components/LiveStatus';
import { Pager } from '../../components/Pager';
import { When } from '../../components/time';
import { canRedeliver, DELIVERY_FILTER_LABELS, DeliveryStatusBadge } from '../../components/delivery';
import { eventTypeLabel } from '../../components/webhook';

export const CHANNEL_LABELS: Record<DeliveryChannel, string> = { email: 'Email', slack: 'Slack', webhook: 'Webhook' };

function oneOf<T extends string>(values: readonly T[], raw: string | null): T | undefined {
  return values.includes(raw as T) ? (raw as T) : undefined;
}

function Recipient({ orgId, delivery }: { orgId: string; delivery: NotificationDelivery }) {
  if (delivery.channel === 'webhook') {
    return (
      <Link to={`/orgs/${orgId}/admin/webhooks/${delivery.recipient}`} title={delivery.recipient}>
        Webhook endpoint
      </Link>
    );
  }
  // Slack: only the host of the incoming-webhook URL; the URL itself is a secret the API never shows.
  return <span className="member-email">{delivery.recipient}</span>;
}

/**
 * Admin → Deliveries: every email, Slack and webhook notification on its way out, newest first,
 * with channel and status filters (?channel=, ?status=), the last error and Redeliver.
 */
export function DeliveriesPage() {
  const { orgId } = useOrg();
  const [params, setParams] = useSearchParams();
  const channel = oneOf(DELIVERY_CHANNELS, params.get('channel'));
  const status = oneOf(NOTIFICATION_DELIVERY_STATUSES, params.get('status'));
  const deliveries = useNotificationDeliveries(orgId, { channel, status });
  const redeliver = useRedeliverNotification(orgId);
  const [message, setMessage] = useState('');
  const [actionError, setActionError] = useState<unknown>(null);
  const items = flatten(deliveries.data);

  const setFilter = (name: 'channel' | 'status', value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === 'all') next.delete(name);
        else next.set(name, value);
        return next;
      },
      { replace: true },
    );

  const send = (d: NotificationDelivery) =>
    redeliver.mutate(d.id, {
      onSuccess: () => {
        setActionError(null);
        setMessage(`${eventTypeLabel(d.event_type)} to ${d.recipient} queued again with fresh attempts.`);
      },
      onError: (error) => {
        setActionError(error);
        setMessage(`Could not redeliver: ${errorMessage(error)}`);
      },
    });

  return (
    <section aria-labelledby="deliveries-heading">
      <div className="section-head">
        <h2 id="deliveries-heading">Deliveries</h2>
      </div>
      <p className="muted">
        Every notification sent by email, Slack or webhook. A dead one never reached its recipient: fix the cause, then
        redeliver it.
      </p>

      <div className="filters">
        <SegmentedControl
          legend="Channel"
          name="channel"
          options={['all', ...DELIVERY_CHANNELS] as const}
          value={channel ?? 'all'}
          onChange={(value) => setFilter('channel', value)}
          label={(value) => (value === 'all' ? 'All' : CHANNEL_LABELS[value])}
        />
        <SegmentedControl
          legend="Status"
          name="status"
          options={['all', ...NOTIFICATION_DELIVERY_STATUSES] as const}
          value={status ?? 'all'}
          onChange={(value) => setFilter('status', value)}
          label={(value) => (value === 'all' ? 'All' : DELIVERY_FILTER_LABELS[value])}
        />
      </div>

      <LiveStatus message={message} />
      {actionError ? <ProblemMessage error={actionError} /> : null}
      {deliveries.data ? null : <LoadState query={deliveries} label="Loading deliveries…" />}
      {deliveries.data && deliveries.error ? <ProblemMessage error={deliveries.error} /> : null}
      {deliveries.data && items.length === 0 ? (
        <EmptyState title={channel || status ? 'No deliveries match these filters' : 'No deliveries yet'}>
          <p>Each escalation event is sent to the recipients of the escalation policy once it happens.</p>
        </EmptyState>
      ) : null}
      {items.length > 0 ? (
        <div className="table-wrap">
          <table className="list-table stack">
            <caption className="visually-hidden">Notification deliveries, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Channel</th>
                <th scope="col">Recipient</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Attempts
                </th>
                <th scope="col">Last error</th>
                <th scope="col">Next attempt</th>
                <th scope="col">Created</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.id}>
                  <th scope="row">
                    <span className="member-name">{eventTypeLabel(d.event_type)}</span>
                    {d.escalation_id ? (
                      <Link className="small-text" to={`/orgs/${orgId}/escalations/${d.escalation_id}`}>
                        Open escalation
                      </Link>
                    ) : null}
                  </th>
                  <td>{CHANNEL_LABELS[d.channel] ?? d.channel}</td>
                  <td>
                    <Recipient orgId={orgId} delivery={d} />
                  </td>
                  <td>
                    <DeliveryStatusBadge status={d.status} />
                  </td>
                  <td className="num">{d.attempts}</td>
                  <td className="small-text">
                    {d.last_error || d.last_status_code ? (
                      <>
                        {d.last_status_code ? <code>{d.last_status_code}</code> : null} {d.last_error ?? ''}
                      </>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td className="small-text">
                    <When iso={d.next_attempt_at} />
                  </td>
                  <td className="small-text">
                    <When iso={d.created_at} />
                  </td>
                  <td className="actions-cell">
                    {canRedeliver(d) ? (
                      <button
                        type="button"
                        className="button secondary small"
                        disabled={redeliver.isPending && redeliver.variables === d.id}
                        onClick={() => send(d)}
                      >
                        Redeliver
                        <span className="visually-hidden">
                          {' '}
                          {eventTypeLabel(d.event_type)} to {d.recipient}
                        </span>
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <Pager query={deliveries} label="Older deliveries" />
    </section>
  );
}
