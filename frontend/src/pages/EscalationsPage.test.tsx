import { render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  baseHandlers,
  CAMPAIGN_ID,
  escalation,
  inbox,
  INBOX_ID,
  json,
  ME_ID,
  mockApi,
  ORG_ID,
  OTHER_INBOX_ID,
  renderApp,
} from '../test/utils';
import { Countdown, formatClock } from '../components/time';

function ownerView(items: Record<string, unknown>[], counts = { total: 2, needs_response: 2, unclaimed: 2, claimed: 0 }) {
  return {
    inboxes: [
      {
        inbox: { id: INBOX_ID, name: 'Service desk', batch_size: 2, assignment_duration_minutes: 10 },
        is_owner: true,
        counts,
        groups: items.length ? [{ campaign: { id: CAMPAIGN_ID, name: 'Winter renewals' }, items }] : [],
      },
    ],
  };
}

describe('Owner view: claim next batch', () => {
  it('claims, lists what was claimed and counts down to the claim expiry', async () => {
    const open = [
      escalation({ contactName: 'Grace Hopper', priority: 'urgent' }),
      escalation({ contactName: 'Alan Turing' }),
    ];
    const expiresAt = new Date(Date.now() + 10 * 60_000).toISOString();
    const claimed = open.map((e) => ({
      ...e,
      status: 'claimed',
      claimed_by: ME_ID,
      claimed_at: new Date().toISOString(),
      claim_expires_at: expiresAt,
    }));
    let view = ownerView(open);
    const api = mockApi({
      ...baseHandlers('agent', { inboxes: [inbox(), inbox({ id: OTHER_INBOX_ID, name: 'Billing', owner_ids: [] })] }),
      'GET /api/v1/orgs/:orgId/me/escalations': () => view,
      'POST /api/v1/orgs/:orgId/inboxes/:inboxId/claims': () => {
        view = ownerView(claimed, { total: 2, needs_response: 2, unclaimed: 0, claimed: 2 });
        return json({ items: claimed, expires_at: expiresAt }, 201);
      },
    });
    const { user } = renderApp(`/orgs/${ORG_ID}/escalations`);

    // Inboxes at the top with their counts.
    const summary = await screen.findByRole('table', { name: /Your escalation inboxes/ });
    const row = within(summary).getAllByRole('row')[1];
    expect(within(row).getByRole('rowheader')).toHaveTextContent('Service desk');
    expect(within(row).getAllByRole('cell').slice(0, 4).map((c) => c.textContent)).toEqual(['2', '2', '2', '0']);
    // Escalations grouped by campaign.
    const group = screen.getByRole('region', { name: /Winter renewals/ });
    expect(within(group).getByRole('link', { name: 'Grace Hopper' })).toBeInTheDocument();
    expect(within(group).getAllByText('Unclaimed')).toHaveLength(2);

    await user.click(within(row).getByRole('button', { name: 'Claim next batch from Service desk' }));

    await waitFor(() => expect(api.callsTo('POST', `/api/v1/orgs/${ORG_ID}/inboxes/${INBOX_ID}/claims`)).toHaveLength(1));
    expect(await api.callsTo('POST', `/api/v1/orgs/${ORG_ID}/inboxes/${INBOX_ID}/claims`)[0].request.json()).toEqual({});

    const notice = await screen.findByRole('region', { name: 'Claimed from Service desk: 2' });
    const list = within(notice).getByRole('list', { name: 'Escalations you just claimed' });
    expect(within(list).getAllByRole('listitem').map((li) => within(li).getByRole('link').textContent)).toEqual([
      'Grace Hopper',
      'Alan Turing',
    ]);
    expect(screen.getByText('You claimed 2 escalations from Service desk.')).toBeInTheDocument();

    // Each claimed row shows who holds it and a live countdown (about ten minutes, ticking).
    await within(group).findAllByText('Claimed by you');
    const timers = within(group).getAllByRole('timer');
    expect(timers).toHaveLength(2);
    expect(timers[0]).toHaveTextContent(/^expires in (10:00|9:5\d)$/);
    expect(timers[0]).toHaveAccessibleName(/^expires in (10 minutes|9 minutes \d+ seconds)$/);
    const before = timers[0].textContent;
    await waitFor(() => expect(within(group).getAllByRole('timer')[0].textContent).not.toBe(before), { timeout: 2500 });
    // The refreshed counts.
    await waitFor(() => expect(within(row).getAllByRole('cell').slice(0, 4).map((c) => c.textContent)).toEqual(['2', '2', '0', '2']));
  });

  it('says so when there is nothing to claim', async () => {
    mockApi({
      ...baseHandlers('agent', { inboxes: [inbox()] }),
      'GET /api/v1/orgs/:orgId/me/escalations': () => ownerView([], { total: 0, needs_response: 0, unclaimed: 0, claimed: 0 }),
      'POST /api/v1/orgs/:orgId/inboxes/:inboxId/claims': () => json({ items: [], expires_at: null }, 201),
    });
    const { user } = renderApp(`/orgs/${ORG_ID}/escalations`);
    expect(await screen.findByText(/Nothing waiting here/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Claim next batch from Service desk' }));
    expect(await screen.findByText('Nothing to claim in Service desk right now.')).toBeInTheDocument();
  });

  it('tells an agent who owns no inbox', async () => {
    mockApi({
      ...baseHandlers('agent'),
      'GET /api/v1/orgs/:orgId/me/escalations': () => ({ inboxes: [] }),
    });
    renderApp(`/orgs/${ORG_ID}/escalations`);
    expect(await screen.findByText('You do not own an escalation inbox')).toBeInTheDocument();
  });
});

describe('Owner view: actions', () => {
  it('moves one escalation and de-escalates another, each result shown at once', async () => {
    let items = [escalation({ contactName: 'Grace Hopper' }), escalation({ contactName: 'Alan Turing' })];
    const [grace, alan] = items;
    const api = mockApi({
      ...baseHandlers('agent'),
      // A slow inbox list: the owner view's refetch lands (and the moved row goes) well before it.
      'GET /api/v1/orgs/:orgId/inboxes': async () => {
        await new Promise((resolve) => setTimeout(resolve, 150));
        return { items: [inbox(), inbox({ id: OTHER_INBOX_ID, name: 'Billing', owner_ids: [] })], next_cursor: null };
      },
      'GET /api/v1/orgs/:orgId/me/escalations': () => ownerView(items),
      'POST /api/v1/orgs/:orgId/escalations/:id/move': (_request, params) => {
        items = items.filter((e) => e.id !== params.id);
        return { ...grace, inbox_id: OTHER_INBOX_ID };
      },
      'POST /api/v1/orgs/:orgId/escalations/:id/de-escalate': (_request, params) => {
        items = items.filter((e) => e.id !== params.id);
        return { ...alan, status: 'de_escalated' };
      },
    });
    const { user } = renderApp(`/orgs/${ORG_ID}/escalations`);

    const graceRow = await screen.findByRole('listitem', { name: 'Grace Hopper' });
    await user.click(within(graceRow).getByRole('button', { name: 'Move… Grace Hopper' }));
    const moveForm = screen.getByRole('form', { name: 'Move Grace Hopper' });
    // Only the other inboxes are offered; focus is on the picker.
    const picker = await within(moveForm).findByLabelText('Move to inbox');
    await waitFor(() => expect(picker).toHaveFocus());
    await waitFor(() =>
      expect(within(picker).getAllByRole('option').map((o) => o.textContent)).toEqual(['Choose an inbox…', 'Billing']),
    );
    await user.selectOptions(picker, 'Billing');
    await user.type(within(moveForm).getByLabelText('Note (optional)'), 'Billing owns refunds');
    await user.click(within(moveForm).getByRole('button', { name: 'Move' }));
    expect(await screen.findByText('Grace Hopper was moved to Billing.')).toBeInTheDocument();
    expect(await api.callsTo('POST', `/api/v1/orgs/${ORG_ID}/escalations/${grace.id}/move`)[0].request.json()).toEqual({
      inbox_id: OTHER_INBOX_ID,
      note: 'Billing owns refunds',
    });
    await waitFor(() => expect(screen.queryByRole('listitem', { name: 'Grace Hopper' })).toBeNull());

    const alanRow = screen.getByRole('listitem', { name: 'Alan Turing' });
    await user.click(within(alanRow).getByRole('button', { name: 'De-escalate… Alan Turing' }));
    const form = screen.getByRole('form', { name: 'De-escalate Alan Turing' });
    await user.click(within(form).getByRole('button', { name: 'De-escalate' }));
    expect(await screen.findByText('Alan Turing was de-escalated back to their campaign.')).toBeInTheDocument();
    // No note typed: none sent.
    expect(await api.callsTo('POST', `/api/v1/orgs/${ORG_ID}/escalations/${alan.id}/de-escalate`)[0].request.json()).toEqual({});
    expect(await screen.findByText(/Nothing waiting here/)).toBeInTheDocument();
  });
});

describe('Owner view: auto-assignment', () => {
  it('shows my open claims against capacity, no claim button in auto mode, and nobody on shift', async () => {
    mockApi({
      ...baseHandlers('agent', { inboxes: [inbox()] }),
      'GET /api/v1/orgs/:orgId/me/escalations': () => ({
        inboxes: [
          {
            inbox: {
              id: INBOX_ID,
              name: 'Service desk',
              batch_size: 2,
              assignment_duration_minutes: 10,
              capacity: 3,
              assignment_mode: 'auto',
              unstaffed_since: '2026-11-03T22:00:00Z',
            },
            is_owner: true,
            my_open_claims: 2,
            counts: { total: 4, needs_response: 1, unclaimed: 2, claimed: 2 },
            groups: [],
          },
        ],
      }),
    });
    renderApp(`/orgs/${ORG_ID}/escalations`);
    const summary = await screen.findByRole('table', { name: /Your escalation inboxes/ });
    const row = within(summary).getAllByRole('row')[1];
    expect(within(row).getByLabelText('Your open claims: 2 of 3')).toHaveTextContent('2 / 3');
    expect(within(row).queryByRole('button', { name: /Claim next batch/ })).toBeNull();
    expect(within(row).getByText('Assigned automatically')).toBeInTheDocument();
    const warning = (await screen.findByText('Nobody on shift')).closest('[role="status"]') as HTMLElement;
    expect(warning).toHaveTextContent(/Service desk: escalations have waited with no owner on shift since/);
  });
});

describe('Countdown', () => {
  it('formats minutes and hours', () => {
    expect(formatClock(65_000)).toBe('1:05');
    expect(formatClock(3_725_000)).toBe('1:02:05');
    expect(formatClock(-5)).toBe('0:00');
  });

  it('ticks every second and shows "expired" at zero', async () => {
    render(<Countdown until={new Date(Date.now() + 1500).toISOString()} />);
    expect(screen.getByRole('timer')).toHaveTextContent(/^expires in 0:0[12]$/);
    expect(await screen.findByText('expired', {}, { timeout: 3000 })).toBeInTheDocument();
  });
});

describe('Owner view: claims held by others', () => {
  const holderId = '88888888-8888-4888-8888-888888888888';
  const members = {
    items: [{ user_id: holderId, email: 'oscar@example.com', display_name: 'Oscar Owner', role: 'agent', created_at: '2026-01-01T00:00:00Z' }],
    next_cursor: null,
  };
  const held = () =>
    escalation({
      contactName: 'Ada Lovelace',
      status: 'claimed',
      claimed_by: holderId,
      claimed_at: new Date().toISOString(),
      claim_expires_at: new Date(Date.now() + 20 * 60_000).toISOString(),
    });

  it('a supervisor sees them by default, with holder and time left, and can hide them', async () => {
    const api = mockApi({
      ...baseHandlers('supervisor', { inboxes: [inbox()] }),
      'GET /api/v1/orgs/:orgId/members': () => members,
      'GET /api/v1/orgs/:orgId/me/escalations': (request) =>
        new URL(request.url).searchParams.get('others_claims') === 'true'
          ? ownerView([held()], { total: 1, needs_response: 1, unclaimed: 0, claimed: 1 })
          : ownerView([], { total: 1, needs_response: 1, unclaimed: 0, claimed: 1 }),
    });
    const { user } = renderApp(`/orgs/${ORG_ID}/escalations`);
    const row = await screen.findByRole('listitem', { name: 'Ada Lovelace' });
    expect(await within(row).findByText('Claimed by Oscar Owner')).toBeInTheDocument();
    expect(within(row).getByRole('timer')).toHaveTextContent(/^expires in (20:00|19:[0-5]\d)$/);

    await user.click(screen.getByRole('checkbox', { name: 'Show claims held by others' }));
    expect(await screen.findByText(/Nothing waiting here: .* 1 claimed by others\./)).toBeInTheDocument();
    expect(screen.queryByRole('listitem', { name: 'Ada Lovelace' })).toBeNull();
    const asked = api.calls.filter((c) => c.path.endsWith('/me/escalations')).map((c) => c.search.get('others_claims'));
    expect(asked).toEqual(['true', null]);
  });

  it('an inbox owner who is an agent sees only their own unless they ask', async () => {
    const api = mockApi({
      ...baseHandlers('agent', { inboxes: [inbox()] }),
      'GET /api/v1/orgs/:orgId/me/escalations': () => ownerView([], { total: 1, needs_response: 1, unclaimed: 0, claimed: 1 }),
    });
    renderApp(`/orgs/${ORG_ID}/escalations`);
    expect(await screen.findByText(/1 claimed by others\./)).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'Show claims held by others' })).not.toBeChecked();
    expect(api.calls.find((c) => c.path.endsWith('/me/escalations'))?.search.get('others_claims')).toBeNull();
  });
});
