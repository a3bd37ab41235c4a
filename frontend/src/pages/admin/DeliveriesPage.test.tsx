import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { baseHandlers, json, mockApi, ORG_ID, problem, renderApp } from '../../test/utils';

const ESCALATION_ID = '99999999-9999-4999-8999-000000000001';
const HOOK_ID = 'bbbbbbbb-bbbb-4bbb-8bbb-000000000001';
const PATH = `/api/v1/orgs/${ORG_ID}/notification-deliveries`;

function delivery(n: number, overrides: Record<string, unknown> = {}) {
  return {
    id: `cccccccc-cccc-4ccc-8ccc-${String(n).padStart(12, '0')}`,
    channel: 'email',
    recipient: 'ops@example.com',
    event_type: 'escalation.created',
    event_id: null,
    escalation_id: ESCALATION_ID,
    rule: 'category',
    status: 'succeeded',
    attempts: 1,
    last_status_code: 250,
    last_error: null,
    next_attempt_at: null,
    delivered_at: '2026-01-01T00:00:01Z',
    digest_id: null,
    created_at: '2026-01-01T00:00:00Z',
    ...overrides,
  };
}

const ALL = [
  delivery(1, {
    status: 'dead',
    attempts: 2,
    last_status_code: 550,
    last_error: '5.1.1 No such mailbox',
    delivered_at: null,
  }),
  delivery(2, { channel: 'slack', recipient: 'hooks.slack.com', event_type: 'escalation.sla_breached', last_status_code: 200 }),
  delivery(3, { channel: 'webhook', recipient: HOOK_ID, status: 'failed', attempts: 3, last_status_code: 503, last_error: 'HTTP 503' }),
  delivery(4, { status: 'digested', digest_id: 'dddddddd-dddd-4ddd-8ddd-000000000001', attempts: 0, last_status_code: null }),
];

function handlers(overrides: Record<string, Parameters<typeof mockApi>[0][string]> = {}) {
  return {
    ...baseHandlers('admin'),
    'GET /api/v1/orgs/:orgId/notification-deliveries': (request: Request) => {
      const search = new URL(request.url).searchParams;
      const items = ALL.filter(
        (d) => (!search.get('channel') || d.channel === search.get('channel')) && (!search.get('status') || d.status === search.get('status')),
      );
      return { items: items.slice(0, Number(search.get('limit') ?? 50)), next_cursor: null, dead_count: 3 };
    },
    ...overrides,
  };
}

describe('Admin → Deliveries', () => {
  it('lists every channel with its error, filters by channel and status, and redelivers a dead email', async () => {
    const api = mockApi({
      ...handlers(),
      'POST /api/v1/orgs/:orgId/notification-deliveries/:id/redeliver': () =>
        json({ ...ALL[0], status: 'pending', attempts: 0, next_attempt_at: '2026-01-01T01:00:00Z' }, 202),
    });
    const { user } = renderApp(`/orgs/${ORG_ID}/admin/deliveries`);

    const table = await screen.findByRole('table', { name: 'Notification deliveries, newest first' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(4);
    expect(rows[0]).toHaveTextContent('Dead, no more attempts');
    expect(rows[0]).toHaveTextContent('550 5.1.1 No such mailbox');
    expect(rows[0]).toHaveTextContent('ops@example.com');
    expect(within(rows[0]).getByRole('link', { name: 'Open escalation' })).toHaveAttribute(
      'href',
      `/orgs/${ORG_ID}/escalations/${ESCALATION_ID}`,
    );
    expect(rows[1]).toHaveTextContent('Slack');
    expect(rows[1]).toHaveTextContent('hooks.slack.com');
    expect(within(rows[2]).getByRole('link', { name: 'Webhook endpoint' })).toHaveAttribute(
      'href',
      `/orgs/${ORG_ID}/admin/webhooks/${HOOK_ID}`,
    );
    expect(rows[2]).toHaveTextContent('Failed, will retry');
    expect(rows[3]).toHaveTextContent('Sent in a digest');
    // Failed and dead ones can be sent again; delivered and digested ones cannot.
    expect(within(rows[1]).queryByRole('button', { name: /Redeliver/ })).toBeNull();
    expect(within(rows[3]).queryByRole('button', { name: /Redeliver/ })).toBeNull();
    expect(within(rows[2]).getByRole('button', { name: /Redeliver/ })).toBeInTheDocument();

    // The tab carries the dead count of the last 7 days.
    const tab = screen.getByRole('link', { name: /Deliveries/ });
    await waitFor(() => expect(tab).toHaveTextContent('3 dead in the last 7 days'));

    await user.click(screen.getByRole('radio', { name: 'Email' }));
    await user.click(screen.getByRole('radio', { name: 'Dead' }));
    await waitFor(() =>
      expect(api.callsTo('GET', PATH).some((c) => c.search.get('channel') === 'email' && c.search.get('status') === 'dead' && c.search.get('limit') === '50')).toBe(true),
    );
    await waitFor(() => expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(2));

    await user.click(screen.getByRole('button', { name: /Redeliver/ }));
    await waitFor(() => expect(api.callsTo('POST', `${PATH}/${ALL[0].id}/redeliver`)).toHaveLength(1));
    expect(await screen.findByText('Escalated to ops@example.com queued again with fresh attempts.')).toBeInTheDocument();
  });

  it('explains why a redelivery was refused', async () => {
    mockApi({
      ...handlers(),
      'POST /api/v1/orgs/:orgId/notification-deliveries/:id/redeliver': () =>
        problem(409, {
          type: 'https://errors.escalation-inbox.example/webhook-disabled',
          title: 'The webhook endpoint is disabled',
          detail: 'Enable the endpoint before redelivering to it.',
        }),
    });
    const { user } = renderApp(`/orgs/${ORG_ID}/admin/deliveries?channel=webhook`);
    const table = await screen.findByRole('table');
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    expect(screen.getByRole('radio', { name: 'Webhook' })).toBeChecked();
    await user.click(within(table).getByRole('button', { name: /Redeliver/ }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The webhook endpoint is disabled (409)');
    expect(alert).toHaveTextContent('Enable the endpoint before redelivering to it.');
  });

  it('shows an empty state without a badge when nothing died', async () => {
    mockApi({
      ...baseHandlers('admin'),
      'GET /api/v1/orgs/:orgId/notification-deliveries': () => ({ items: [], next_cursor: null, dead_count: 0 }),
    });
    renderApp(`/orgs/${ORG_ID}/admin/deliveries`);
    expect(await screen.findByText('No deliveries yet')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Deliveries' })).toHaveTextContent(/^Deliveries$/);
  });

  it('shows a failed load with a retry', async () => {
    const api = mockApi({
      ...baseHandlers('admin'),
      'GET /api/v1/orgs/:orgId/notification-deliveries': () =>
        problem(403, { title: 'Forbidden', detail: 'Admins and owners only.' }),
    });
    const { user } = renderApp(`/orgs/${ORG_ID}/admin/deliveries`);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Forbidden (403)');
    const before = api.callsTo('GET', PATH).length;
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(api.callsTo('GET', PATH).length).toBeGreaterThan(before));
  });
});
