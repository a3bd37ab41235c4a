import { screen, waitFor, within } from '@testing-library/react';
import { versionOf } from '../../api/versions';
import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../../components/time';
import { baseHandlers, json, mockApi, ORG_ID, problem, renderApp } from '../../test/utils';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const ROTATED = 'whsec_c2Vjb25kIHNlY3JldCBmb3IgdGhlIHRlc3Q=';

function hook(overrides: Record<string, unknown> = {}) {
  return {
    id: 'bbbbbbbb-bbbb-4bbb-8bbb-000000000001',
    url: 'https://helpdesk.example.com/hooks',
    description: 'Helpdesk',
    event_types: ['escalation.created'],
    enabled: true,
    disabled_reason: null,
    previous_secret_expires_at: null as string | null,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00.000001Z',
    ...overrides,
  };
}

describe('Admin → Webhooks', () => {
  it('creates an endpoint and shows its secret once', async () => {
    let hooks: ReturnType<typeof hook>[] = [];
    const api = mockApi({
      ...baseHandlers('admin'),
      'GET /api/v1/orgs/:orgId/webhooks': () => ({ items: hooks, next_cursor: null }),
      'POST /api/v1/orgs/:orgId/webhooks': async (request) => {
        const body = await request.json();
        const created = hook({ ...body, id: 'bbbbbbbb-bbbb-4bbb-8bbb-000000000002' });
        hooks = [created];
        return json({ ...created, secret: SECRET }, 201);
      },
    });
    const { user } = renderApp(`/orgs/${ORG_ID}/admin/webhooks`);
    expect(await screen.findByText('No webhooks yet')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'New webhook' }));
    const form = screen.getByRole('form', { name: 'New webhook' });
    await user.type(within(form).getByLabelText('URL'), 'ftp://nope');
    await user.click(within(form).getByRole('checkbox', { name: /Escalated/ }));
    await user.click(within(form).getByRole('checkbox', { name: /SLA breached/ }));
    await user.click(within(form).getByRole('button', { name: 'Create webhook' }));
    expect(within(form).getByText(/An http or https URL/)).toBeInTheDocument();
    expect(within(form).getByText('Choose at least one event type, or All events.')).toBeInTheDocument();
    expect(api.callsTo('POST', `/api/v1/orgs/${ORG_ID}/webhooks`)).toHaveLength(0);

    await user.clear(within(form).getByLabelText('URL'));
    await user.type(within(form).getByLabelText('URL'), 'https://helpdesk.example.com/hooks');
    await user.type(within(form).getByLabelText('Description (optional)'), 'Helpdesk');
    await user.click(within(form).getByRole('checkbox', { name: /All events/ }));
    expect(within(form).getByRole('checkbox', { name: /Escalated/ })).toBeDisabled();
    await user.click(within(form).getByRole('button', { name: 'Create webhook' }));

    await waitFor(() => expect(api.callsTo('POST', `/api/v1/orgs/${ORG_ID}/webhooks`)).toHaveLength(1));
    expect(await api.callsTo('POST', `/api/v1/orgs/${ORG_ID}/webhooks`)[0].request.json()).toEqual({
      url: 'https://helpdesk.example.com/hooks',
      description: 'Helpdesk',
      event_types: ['*'],
      enabled: true,
    });

    const notice = await screen.findByRole('region', { name: 'Signing secret for https://helpdesk.example.com/hooks' });
    expect(within(notice).getByLabelText('Signing secret')).toHaveValue(SECRET);
    expect(notice).toHaveTextContent('you won’t see it again');
    expect(notice).toHaveFocus();
    const table = await screen.findByRole('table', { name: /Webhook endpoints/ });
    expect(within(table).getByRole('row', { name: /helpdesk\.example\.com/ })).toHaveTextContent('All events');
    expect(table).not.toHaveTextContent(SECRET);

    await user.click(within(notice).getByRole('button', { name: 'Done, I have stored it' }));
    expect(screen.queryByRole('region', { name: /Signing secret/ })).toBeNull();
    expect(document.body).not.toHaveTextContent(SECRET);
    expect(screen.queryByDisplayValue(SECRET)).toBeNull();
  });

  it('rotates the secret (shown once again) and explains why a webhook in use cannot be deleted', async () => {
    const id = hook().id;
    const api = mockApi({
      ...baseHandlers('admin'),
      'GET /api/v1/orgs/:orgId/webhooks': () => ({
        items: [hook(), hook({ id: 'bbbbbbbb-bbbb-4bbb-8bbb-000000000009', url: 'https://old.example.com/x', description: null, enabled: false, disabled_reason: 'The endpoint answered 410 Gone' })],
        next_cursor: null,
      }),
      'POST /api/v1/orgs/:orgId/webhooks/:id/rotate-secret': () => ({ secret: ROTATED, previous_secret_expires_at: null }),
      'DELETE /api/v1/orgs/:orgId/webhooks/:id': () =>
        problem(409, {
          type: 'https://errors.escalation-inbox.example/webhook-in-use',
          title: 'The escalation policy names this webhook as a recipient',
          detail: 'Remove it from the escalation policy first.',
        }),
    });
    const { user } = renderApp(`/orgs/${ORG_ID}/admin/webhooks`);
    const row = await screen.findByRole('row', { name: /helpdesk\.example\.com/ });
    expect(screen.getByRole('row', { name: /old\.example\.com/ })).toHaveTextContent('DisabledReason: The endpoint answered 410 Gone');

    await user.click(within(row).getByRole('button', { name: 'Rotate secret' }));
    const ask = within(row).getByRole('group', { name: 'Rotate the secret of Helpdesk?' });
    await user.selectOptions(within(ask).getByLabelText('Old secret keeps working'), 'Stops at once');
    await user.click(within(ask).getByRole('button', { name: 'Rotate' }));
    await waitFor(() => expect(api.callsTo('POST', `/api/v1/orgs/${ORG_ID}/webhooks/${id}/rotate-secret`)).toHaveLength(1));
    expect(await api.callsTo('POST', `/api/v1/orgs/${ORG_ID}/webhooks/${id}/rotate-secret`)[0].request.json()).toEqual({
      grace_minutes: 0,
    });
    const notice = await screen.findByRole('region', { name: 'New signing secret for https://helpdesk.example.com/hooks' });
    expect(within(notice).getByLabelText('Signing secret')).toHaveValue(ROTATED);
    expect(notice).toHaveTextContent('The previous secret has already stopped working.');
    expect(row).not.toHaveTextContent('Previous secret valid until');

    await user.click(within(row).getByRole('button', { name: 'Delete' }));
    await user.click(within(row).getByRole('button', { name: 'Delete webhook' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The escalation policy names this webhook as a recipient (409)');
    expect(alert).toHaveTextContent('Remove it from the escalation policy first.');
    // Only the version on screen is deleted: If-Match with the webhook's version.
    const [deleted] = api.callsTo('DELETE', `/api/v1/orgs/${ORG_ID}/webhooks/${id}`);
    expect(deleted.request.headers.get('If-Match')).toBe(`"${versionOf('2026-01-01T00:00:00.000001Z')}"`);
    expect(screen.getByRole('link', { name: 'escalation policy' })).toHaveAttribute('href', `/orgs/${ORG_ID}/admin/escalation-policy`);
  });

  it('rotates with the old secret working for 24 hours by default, or the period chosen, and shows until when', async () => {
    const id = hook().id;
    // Whole minutes ahead of the real clock, as the server would answer.
    const until = (hours: number) => new Date(Math.ceil(Date.now() / 60_000) * 60_000 + hours * 3_600_000).toISOString();
    let previous: string | null = null;
    const api = mockApi({
      ...baseHandlers('admin'),
      'GET /api/v1/orgs/:orgId/webhooks': () => ({
        items: [
          hook({ previous_secret_expires_at: previous }),
          // An expiry already past (the list was read a moment before it ended) shows nothing.
          hook({ id: 'bbbbbbbb-bbbb-4bbb-8bbb-000000000009', url: 'https://old.example.com/x', previous_secret_expires_at: '2026-01-01T00:00:00Z' }),
        ],
        next_cursor: null,
      }),
      'POST /api/v1/orgs/:orgId/webhooks/:id/rotate-secret': async (request) => {
        const { grace_minutes } = (await request.json()) as { grace_minutes: number };
        previous = until(grace_minutes / 60);
        return { secret: ROTATED, previous_secret_expires_at: previous };
      },
    });
    const rotations = () => api.callsTo('POST', `/api/v1/orgs/${ORG_ID}/webhooks/${id}/rotate-secret`);
    const { user } = renderApp(`/orgs/${ORG_ID}/admin/webhooks`);
    const row = await screen.findByRole('row', { name: /helpdesk\.example\.com/ });
    expect(row).not.toHaveTextContent('Previous secret valid until');
    expect(screen.getByRole('row', { name: /old\.example\.com/ })).not.toHaveTextContent('Previous secret');

    // Cancel (or Escape) sends nothing.
    await user.click(within(row).getByRole('button', { name: 'Rotate secret' }));
    const ask = within(row).getByRole('group', { name: 'Rotate the secret of Helpdesk?' });
    const choice = within(ask).getByLabelText('Old secret keeps working');
    expect(choice).toHaveFocus();
    expect(within(choice).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Stops at once',
      '1 hour',
      '24 hours (default)',
      '7 days',
    ]);
    expect(choice).toHaveDisplayValue('24 hours (default)');
    await user.click(within(ask).getByRole('button', { name: 'Cancel' }));
    expect(within(row).getByRole('button', { name: 'Rotate secret' })).toHaveFocus();
    await user.click(within(row).getByRole('button', { name: 'Rotate secret' }));
    await user.keyboard('{Escape}');
    expect(within(row).queryByRole('group')).toBeNull();
    expect(rotations()).toHaveLength(0);

    // The default: 24 hours.
    await user.click(within(row).getByRole('button', { name: 'Rotate secret' }));
    await user.click(within(row).getByRole('button', { name: 'Rotate' }));
    await waitFor(() => expect(rotations()).toHaveLength(1));
    expect(await rotations()[0].request.json()).toEqual({ grace_minutes: 1440 });
    const notice = await screen.findByRole('region', { name: 'New signing secret for https://helpdesk.example.com/hooks' });
    expect(within(notice).getByLabelText('Signing secret')).toHaveValue(ROTATED);
    const day = formatDateTime(previous!);
    expect(notice).toHaveTextContent(`The previous secret keeps working until ${day}`);
    expect(notice).not.toHaveTextContent('already stopped working');
    await waitFor(() => expect(row).toHaveTextContent(`Previous secret valid until ${day}`));
    expect(row).not.toHaveTextContent(ROTATED);

    // Or a period chosen: 7 days.
    await user.click(within(notice).getByRole('button', { name: 'Done, I have stored it' }));
    await user.click(within(row).getByRole('button', { name: 'Rotate secret' }));
    await user.selectOptions(within(row).getByLabelText('Old secret keeps working'), '7 days');
    await user.click(within(row).getByRole('button', { name: 'Rotate' }));
    await waitFor(() => expect(rotations()).toHaveLength(2));
    expect(await rotations()[1].request.json()).toEqual({ grace_minutes: 10080 });
    const week = formatDateTime(previous!);
    expect(await screen.findByRole('region', { name: /New signing secret/ })).toHaveTextContent(
      `The previous secret keeps working until ${week}`,
    );
    await waitFor(() => expect(row).toHaveTextContent(`Previous secret valid until ${week}`));
  });

  it('lists deliveries with a status filter and redelivers a dead one', async () => {
    const id = hook().id;
    const delivery = (n: number, status: string, extra: Record<string, unknown> = {}) => ({
      id: `cccccccc-cccc-4ccc-8ccc-${String(n).padStart(12, '0')}`,
      event_id: null,
      event_type: 'escalation.created',
      status,
      attempts: 3,
      last_status_code: 500,
      next_attempt_at: null,
      created_at: '2026-01-01T00:00:00Z',
      ...extra,
    });
    const api = mockApi({
      ...baseHandlers('admin'),
      'GET /api/v1/orgs/:orgId/webhooks/:id': () => hook(),
      'GET /api/v1/orgs/:orgId/webhooks/:id/deliveries': (request) => {
        const status = new URL(request.url).searchParams.get('status');
        const all = [delivery(1, 'dead'), delivery(2, 'succeeded', { attempts: 1, last_status_code: 200 })];
        return { items: status ? all.filter((d) => d.status === status) : all, next_cursor: null };
      },
      'POST /api/v1/orgs/:orgId/webhooks/:id/deliveries/:deliveryId/redeliver': () =>
        json(delivery(1, 'pending', { attempts: 0 }), 202),
    });
    const { user } = renderApp(`/orgs/${ORG_ID}/admin/webhooks/${id}`);
    expect(await screen.findByRole('heading', { name: 'Deliveries to Helpdesk' })).toBeInTheDocument();
    const table = await screen.findByRole('table', { name: 'Deliveries, newest first' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent('Dead, no more attempts');
    expect(within(rows[1]).queryByRole('button', { name: /Redeliver/ })).toBeNull();

    await user.click(screen.getByRole('radio', { name: 'Dead' }));
    await waitFor(() =>
      expect(api.callsTo('GET', `/api/v1/orgs/${ORG_ID}/webhooks/${id}/deliveries`).some((c) => c.search.get('status') === 'dead')).toBe(true),
    );
    await waitFor(() => expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(2));
    await user.click(screen.getByRole('button', { name: /Redeliver/ }));
    await waitFor(() =>
      expect(
        api.callsTo('POST', `/api/v1/orgs/${ORG_ID}/webhooks/${id}/deliveries/${delivery(1, 'dead').id}/redeliver`),
      ).toHaveLength(1),
    );
    expect(await screen.findByText(/delivery queued again with fresh attempts/)).toBeInTheDocument();
  });
});
