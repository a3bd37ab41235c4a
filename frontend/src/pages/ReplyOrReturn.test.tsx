import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { describeEvent } from '../components/escalation';
import { formatWhen } from '../components/time';
import {
  baseHandlers,
  CAMPAIGN_ID,
  escalation,
  inbox,
  INBOX_ID,
  ME_ID,
  mockApi,
  ORG_ID,
  renderApp,
} from '../test/utils';

const inMinutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString();

function claimedByMe(overrides: Record<string, unknown> = {}) {
  return escalation({
    contactName: 'Grace Hopper',
    status: 'claimed',
    claimed_by: ME_ID,
    claimed_at: new Date().toISOString(),
    claim_expires_at: inMinutes(30),
    ...overrides,
  });
}

function ownerView(items: Record<string, unknown>[]) {
  return {
    inboxes: [
      {
        inbox: { id: INBOX_ID, name: 'Service desk', batch_size: 5, assignment_duration_minutes: 30, reply_within_minutes: 10 },
        is_owner: true,
        counts: { total: items.length, needs_response: items.length, unclaimed: 0, claimed: items.length },
        groups: [{ campaign: { id: CAMPAIGN_ID, name: 'Winter renewals' }, items }],
        my_open_claims: items.length,
      },
    ],
  };
}

describe('Reply-or-return', () => {
  it('tells the owner by when to reply on a claimed escalation, and nothing once answered', async () => {
    const due = inMinutes(10);
    const answered = claimedByMe({ contactName: 'Alan Turing', claim_reply_due_at: null });
    mockApi({
      ...baseHandlers('agent', { inboxes: [inbox({ reply_within_minutes: 10 })] }),
      'GET /api/v1/orgs/:orgId/me/escalations': () => ownerView([claimedByMe({ claim_reply_due_at: due }), answered]),
    });
    renderApp(`/orgs/${ORG_ID}/escalations`);

    const grace = (await screen.findByRole('link', { name: 'Grace Hopper' })).closest('li') as HTMLElement;
    expect(within(grace).getByText(/or it returns to the inbox/)).toHaveTextContent(
      `Reply by ${formatWhen(due)} or it returns to the inbox`,
    );
    expect(within(grace).getByText(formatWhen(due)).closest('time')).toHaveAttribute('dateTime', due);
    const alan = screen.getByRole('link', { name: 'Alan Turing' }).closest('li') as HTMLElement;
    expect(within(alan).queryByText(/or it returns to the inbox/)).toBeNull();
  });

  it('shows it beside the claim on the escalation screen', async () => {
    const due = inMinutes(7);
    const current = claimedByMe({ claim_reply_due_at: due });
    mockApi({
      ...baseHandlers('agent', { inboxes: [inbox({ reply_within_minutes: 10 })] }),
      'GET /api/v1/orgs/:orgId/escalations/:id': () => current,
      'GET /api/v1/orgs/:orgId/escalations/:id/events': () => ({ items: [], next_cursor: null }),
    });
    renderApp(`/orgs/${ORG_ID}/escalations/${current.id}`);
    const facts = await screen.findByRole('complementary', { name: 'Escalation' });
    await waitFor(() =>
      expect(within(facts).getByText(/or it returns to the inbox/)).toHaveTextContent(
        `Reply by ${formatWhen(due)} or it returns to the inbox`,
      ),
    );
  });

  it('words the return in the timeline', () => {
    const names = { person: () => 'Olivia Owner', inbox: () => 'Service desk', campaign: () => 'Winter renewals' };
    const event = {
      id: 'ev-1',
      type: 'escalation.claim_returned_no_reply',
      actor_id: null,
      created_at: '2026-01-05T09:10:00Z',
      data: { claimed_by: 'u1', due_at: '2026-01-05T09:10:00Z', reply_within_minutes: 10 },
    };
    expect(describeEvent(event as never, names).text).toMatch(
      /^Returned to the inbox: Olivia Owner sent no reply within 10 business minutes \(due .+\)$/,
    );
  });

  it('sets the window in Admin › Inboxes, shorter than the claim', async () => {
    let current = inbox({ name: 'Service desk', assignment_duration_minutes: 30 });
    const api = mockApi({
      ...baseHandlers('admin', { inboxes: [current] }),
      'GET /api/v1/orgs/:orgId/inboxes': () => ({ items: [current], next_cursor: null }),
      'GET /api/v1/orgs/:orgId/sla-policies': () => ({ items: [], next_cursor: null }),
      'PATCH /api/v1/orgs/:orgId/inboxes/:inboxId': async (request) => {
        current = { ...current, ...(await request.json()), updated_at: '2026-01-02T00:00:00Z' };
        return current;
      },
    });
    const { user } = renderApp(`/orgs/${ORG_ID}/admin/inboxes`);
    const table = await screen.findByRole('table', { name: /Escalation inboxes/ });
    await user.click(within(table).getByRole('button', { name: 'Edit Service desk' }));
    const form = screen.getByRole('form', { name: 'Edit “Service desk”' });
    const field = within(form).getByLabelText('Reply within (business minutes)');
    expect(field).toHaveValue(null);

    await user.type(field, '30');
    await user.click(within(form).getByRole('button', { name: 'Save inbox' }));
    expect(
      await within(form).findByText('Shorter than the claim, or the claim would always run out first.'),
    ).toBeInTheDocument();
    expect(api.callsTo('PATCH', `/api/v1/orgs/${ORG_ID}/inboxes/${INBOX_ID}`)).toHaveLength(0);

    await user.clear(field);
    await user.type(field, '15');
    await user.click(within(form).getByRole('button', { name: 'Save inbox' }));
    await waitFor(() => expect(api.callsTo('PATCH', `/api/v1/orgs/${ORG_ID}/inboxes/${INBOX_ID}`)).toHaveLength(1));
    const body = await api.callsTo('PATCH', `/api/v1/orgs/${ORG_ID}/inboxes/${INBOX_ID}`)[0].request.json();
    expect(body).toMatchObject({ reply_within_minutes: 15, assignment_duration_minutes: 30 });
    expect(
      await within(await screen.findByRole('table', { name: /Escalation inboxes/ })).findByText(
        /back unless answered within 15 business min/,
      ),
    ).toBeInTheDocument();
  });
});
