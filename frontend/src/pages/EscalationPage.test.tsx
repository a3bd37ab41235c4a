import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  baseHandlers,
  CAMPAIGN_ID,
  escalation,
  inbox,
  INBOX_ID,
  ME_ID,
  mockApi,
  ORG_ID,
  OTHER_INBOX_ID,
  problem,
  renderApp,
} from '../test/utils';

const OTHER_USER = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';

function event(type: string, data: Record<string, unknown>, actor: string | null = ME_ID, minute = 0) {
  return {
    id: `ev-${type}-${minute}`,
    type,
    actor_id: actor,
    created_at: new Date(Date.UTC(2026, 0, 5, 9, minute)).toISOString(),
    data,
  };
}

const handoff = {
  reason: 'Charged twice for November',
  steps_taken: 'Checked both invoices',
  offers_made: '10% off next month',
  help_needed: 'Refund one invoice',
};

function setup(events: Record<string, unknown>[], extra: Parameters<typeof mockApi>[0] = {}) {
  const current = escalation({
    contactName: 'Grace Hopper',
    inbox_id: OTHER_INBOX_ID,
    priority: 'high',
    handoff,
    first_response_due_at: '2026-01-05T10:00:00Z',
    resolution_due_at: '2026-01-06T09:00:00Z',
    breached_first_response: true,
    level: 2,
    sla_paused_at: '2026-01-05T11:00:00Z',
  });
  const api = mockApi({
    ...baseHandlers('supervisor', {
      inboxes: [inbox({ id: INBOX_ID, name: 'Service desk' }), inbox({ id: OTHER_INBOX_ID, name: 'Billing' })],
    }),
    'GET /api/v1/orgs/:orgId/members': () => ({
      items: [
        { user_id: ME_ID, email: 'agent@example.com', display_name: 'Ada Agent', role: 'supervisor', created_at: '2026-01-01T00:00:00Z' },
        { user_id: OTHER_USER, email: 'olivia@example.com', display_name: 'Olivia Owner', role: 'agent', created_at: '2026-01-01T00:00:00Z' },
      ],
      next_cursor: null,
    }),
    'GET /api/v1/orgs/:orgId/sla-policies': () => ({ items: [], next_cursor: null }),
    'GET /api/v1/orgs/:orgId/escalations/:id': () => current,
    'GET /api/v1/orgs/:orgId/escalations/:id/events': () => ({ items: events, next_cursor: null }),
    ...extra,
  });
  return { api, current };
}

describe('Escalation detail: audit trail', () => {
  it('lists each event in words with who and when, oldest first', async () => {
    const { current } = setup([
      event('escalation.created', { handoff, inbox_id: INBOX_ID, priority: 'normal', category: 'accounting', campaign_id: CAMPAIGN_ID }, ME_ID, 0),
      event('escalation.claimed', { claimed_by: OTHER_USER, expires_at: '2026-01-05T10:01:00Z' }, OTHER_USER, 1),
      event('escalation.released', { claimed_by: OTHER_USER, reason: 'released' }, OTHER_USER, 2),
      event('escalation.sla_warning', { target: 'first_response', minutes_before: 30, due_at: '2026-01-05T10:00:00Z', level: 1 }, null, 3),
      event('escalation.sla_breached', { target: 'first_response', due_at: '2026-01-05T10:00:00Z', level: 1 }, null, 4),
      event('escalation.level_raised', { from: 1, to: 2, notify: ['supervisors', 'admins'], reason: 'first_response_breached' }, null, 5),
      event('escalation.priority_changed', { from: 'normal', to: 'high', reason: 'sla_breach' }, null, 6),
      event('escalation.moved', { from_inbox_id: INBOX_ID, to_inbox_id: OTHER_INBOX_ID, note: 'Billing handles refunds', former_claimant: null }, ME_ID, 7),
      event('escalation.sla_paused', { resolution_due_at: '2026-01-06T09:00:00Z' }, ME_ID, 8),
      event('escalation.something_new', {}, null, 9),
    ]);
    renderApp(`/orgs/${ORG_ID}/escalations/${current.id}`);

    const trail = await screen.findByRole('list', { name: 'Audit trail, oldest first' });
    const items = within(trail).getAllByRole('listitem');
    expect(items).toHaveLength(10);
    const texts = items.map((li) => li.querySelector('.event-text')?.textContent);
    await waitFor(() =>
      expect(within(trail).getAllByRole('listitem')[0].querySelector('.event-text')?.textContent).toBe(
        'Escalated to Service desk from Winter renewals (normal priority, accounting)',
      ),
    );
    expect(texts.slice(1)).toEqual([
      expect.stringMatching(/^Claimed by Olivia Owner until /),
      'Claim by Olivia Owner given back',
      expect.stringMatching(/^SLA warning: first response due in 30 business minutes \(at /),
      expect.stringMatching(/^SLA breached: first response was due at /),
      'Raised from level 1 to level 2; supervisors and admins notified',
      'Priority changed from normal to high after an SLA breach',
      'Moved from Service desk to Billing',
      'SLA clock paused while waiting for the contact',
      'Something new',
    ]);
    // Who did it: "You", a colleague by name, or the system.
    expect(items[0]).toHaveTextContent('You ·');
    expect(items[1]).toHaveTextContent('Olivia Owner ·');
    expect(items[4]).toHaveTextContent('System ·');
    // When, as a machine-readable time.
    expect(items[0].querySelector('time')).toHaveAttribute('dateTime', '2026-01-05T09:00:00.000Z');
    // The move's note, and the hand-off kept with the creation event.
    expect(items[7]).toHaveTextContent('Note: Billing handles refunds');
    expect(within(items[0]).getByText('Hand-off note')).toBeInTheDocument();
    expect(within(items[0]).getByText('10% off next month')).toBeInTheDocument();
  });

  it('shows the hand-off and the SLA fields', async () => {
    const { current } = setup([]);
    renderApp(`/orgs/${ORG_ID}/escalations/${current.id}`);
    expect(await screen.findByRole('heading', { name: 'Grace Hopper', level: 1 })).toBeInTheDocument();
    const handoffPanel = screen.getByRole('region', { name: 'Hand-off note' });
    expect(within(handoffPanel).getByText('Charged twice for November')).toBeInTheDocument();
    expect(within(handoffPanel).getByText('Refund one invoice')).toBeInTheDocument();
    const facts = screen.getByRole('complementary', { name: 'Escalation' });
    expect(within(facts).getByText('Billing')).toBeInTheDocument();
    expect(within(facts).getByText('Breached')).toBeInTheDocument();
    expect(within(facts).getByText(/waiting for the contact/)).toBeInTheDocument();
    expect(await screen.findByText('No events yet')).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Actions for Grace Hopper' })).toBeInTheDocument();
  });

  it('shows a problem when the escalation is not visible', async () => {
    mockApi({
      ...baseHandlers('agent'),
      'GET /api/v1/orgs/:orgId/escalations/:id': () => problem(404, { title: 'Escalation not found', detail: 'Escalation not found' }),
    });
    renderApp(`/orgs/${ORG_ID}/escalations/99999999-9999-4999-8999-000000000000`);
    expect(await screen.findByRole('alert')).toHaveTextContent('Escalation not found');
  });
});

describe('Escalation detail: presence', () => {
  it('says who else is viewing it, beats while it is open and leaves when it closes', async () => {
    const olivia = { user_id: OTHER_USER, display_name: 'Olivia Owner', email: 'olivia@example.com', state: 'viewing', since: '2026-01-05T09:00:00Z', expires_at: '2026-01-05T09:00:20Z' };
    const { api, current } = setup([], {
      'GET /api/v1/orgs/:orgId/escalations/:id/presence': () => ({ items: [olivia] }),
      'PUT /api/v1/orgs/:orgId/escalations/:id/presence': () => ({ items: [olivia, { ...olivia, user_id: ME_ID, display_name: 'Ada Agent' }] }),
      'DELETE /api/v1/orgs/:orgId/escalations/:id/presence': () => new Response(null, { status: 204 }),
    });
    const presence = `/api/v1/orgs/${ORG_ID}/escalations/${current.id}/presence`;
    const { unmount } = renderApp(`/orgs/${ORG_ID}/escalations/${current.id}`);
    const notice = await screen.findByRole('list', { name: 'Also here' });
    expect(notice).toHaveTextContent('Olivia Owner is viewing');
    await waitFor(() => expect(api.callsTo('PUT', presence)).toHaveLength(1));
    expect(await api.callsTo('PUT', presence)[0].request.json()).toEqual({ state: 'viewing' });
    expect(within(notice).getAllByRole('listitem')).toHaveLength(1); // not myself
    unmount();
    await waitFor(() => expect(api.callsTo('DELETE', presence)).toHaveLength(1));
  });
});
