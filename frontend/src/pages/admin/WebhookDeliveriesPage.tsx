import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useRedeliver, useWebhook, useWebhookDeliveries } from '../../api/queries/webhooks';
import { flatten } from '../../api/queries/keys';
import { errorMessage } from '../../api/problem';
import { DELIVERY_STATUSES, type DeliveryStatus } from '../../api/types';
import { useOrg } from '../../org/OrgContext';
import { LoadState } from '../../components/LoadState';
import { ProblemMessage } from '../../components/ProblemMessage';
import { SegmentedControl } from '../../components/SegmentedControl';
import { EmptyState } from '../../components/EmptyState';
import { LiveStatus } from '../../components/LiveStatus';
import { Pager } from '../../components/Pager';
import { Badge } from '../../components/Badge';
import { When } from '../../components/time';
import { canRedeliver, DELIVERY_FILTER_LABELS, DELIVERY_STATUS_LABELS, DeliveryStatusBadge } from '../../components/delivery';
import { eventTypeLabel, eventTypesSummary } from '../../components/webhook';

/** Admin → Webhooks → one endpoint's deliveries, newest first, with a status filter (?status=) and Redeliver. */
export function WebhookDeliveriesPage() {
  const { orgId } = useOrg();
  const { webhookId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const status = DELIVERY_STATUSES.includes(raw as DeliveryStatus) ? (raw as DeliveryStatus) : undefined;
  const webhook = useWebhook(orgId, webhookId);
  const deliveries = useWebhookDeliveries(orgId, webhookId, status);
  const redeliver = useRedeliver(orgId, webhookId);
  const [message, setMessage] = useState('');
  const [actionError, setActionError] = useState<unknown>(null);
  const items = flatten(deliveries.data);
  const hook = webhook.data;

  const setFilter = (value: DeliveryStatus | 'all') =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === 'all') next.delete('status');
        else next.set('status', value);
        return next;
      },
      { replace: true },
    );

  return (
    <section aria-labelledby="deliveries-heading">
      <p className="back-link">
        <Link to="..">← All webhooks</Link>
      </p>
      <div className="section-head">
        <h2 id="deliveries-heading">Deliveries{hook ? ` to ${hook.description || hook.url}` : ''}</h2>
      </div>
      {hook ? null : <LoadState query={webhook} label="Loading the webhook…" />}
      {hook ? (
        <dl className="details webhook-details">
          <dt>URL</dt>
          <dd className="webhook-url">{hook.url}</dd>
          <dt>Events</dt>
          <dd>{eventTypesSummary(hook.event_types)}</dd>
          <dt>Status</dt>
          <dd>
            {hook.enabled ? (
              <Badge tone="ok">Enabled</Badge>
            ) : (
              <>
                <Badge tone="danger">Disabled</Badge>{' '}
                <span className="disabled-reason">
                  {hook.disabled_reason ? `Reason: ${hook.disabled_reason}` : 'Disabled by an admin.'} Enable it on the
                  webhooks list before redelivering.
                </span>
              </>
            )}
          </dd>
        </dl>
      ) : null}

      <div className="filters">
        <SegmentedControl
          legend="Status"
          name="status"
          options={['all', ...DELIVERY_STATUSES] as const}
          value={status ?? 'all'}
          onChange={setFilter}
          label={(value) => (value === 'all' ? 'All' : DELIVERY_FILTER_LABELS[value])}
        />
      </div>

      <LiveStatus message={message} />
      {actionError ? <ProblemMessage error={actionError} /> : null}
      {deliveries.data ? null : <LoadState query={deliveries} label="Loading deliveries…" />}
      {deliveries.data && deliveries.error ? <ProblemMessage error={deliveries.error} /> : null}
      {deliveries.data && items.length === 0 ? (
        <EmptyState title={status ? `No deliveries that are ${DELIVERY_STATUS_LABELS[status].toLowerCase()}` : 'No deliveries yet'}>
          <p>Each event this endpoint subscribes to is delivered once it happens.</p>
        </EmptyState>
      ) : null}
      {items.length > 0 ? (
        <div className="table-wrap">
          <table className="list-table stack">
            <caption className="visually-hidden">Deliveries, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Attempts
                </th>
                <th scope="col" className="num">
                  Last status code
                </th>
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
                    <code className="member-email" title="webhook-id">
                      {d.id}
                    </code>
                  </th>
                  <td>
                    <DeliveryStatusBadge status={d.status} />
                  </td>
                  <td className="num">{d.attempts}</td>
                  <td className="num">{d.last_status_code ?? <span className="muted">—</span>}</td>
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
                        onClick={() =>
                          redeliver.mutate(d.id, {
                            onSuccess: () => {
                              setActionError(null);
                              setMessage(`${eventTypeLabel(d.event_type)} delivery queued again with fresh attempts (same webhook-id).`);
                            },
                            onError: (error) => {
                              setActionError(error);
                              setMessage(`Could not redeliver: ${errorMessage(error)}`);
                            },
                          })
                        }
                      >
                        Redeliver<span className="visually-hidden"> {eventTypeLabel(d.event_type)} {d.id}</span>
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
