import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { baseHandlers, conversation, inbox, INBOX_ID, mockApi, ORG_ID, OTHER_INBOX_ID, renderApp } from '../test/utils';

describe('Threads: inbox and escalated filters', () => {
  it('filters by inbox with its counts, and by escalated', async () => {
    const escalated = conversation({
      contact: { id: 'c1', name: 'Grace Hopper', phone: null, email: null, attributes: {} },
      escalation: { id: 'e1', inbox_id: INBOX_ID, status: 'open', priority: 'high' },
    });
    const api = mockApi({
      ...baseHandlers('supervisor', {
        inboxes: [inbox({ counts: { total: 4, needs_response: 3, unclaimed: 2, claimed: 2 } })],
      }),
      'GET /api/v1/orgs/:orgId/conversations': () => ({ items: [escalated], next_cursor: null }),
      'GET /api/v1/orgs/:orgId/conversations/counts': (request) =>
        new URL(request.url).searchParams.get('inbox_id') ? { total: 4, needs_response: 3 } : { total: 9, needs_response: 5 },
    });
    const { user, router } = renderApp(`/orgs/${ORG_ID}/conversations`);
    const select = await screen.findByLabelText('Escalation inbox');
    await within(select).findByRole('option', { name: 'Service desk (4 escalated, 3 awaiting a reply)' });
    expect(await screen.findByText('9 conversations, 5 needing a response')).toBeInTheDocument();

    await user.selectOptions(select, 'Service desk (4 escalated, 3 awaiting a reply)');
    expect(router.state.location.search).toBe(`?inbox=${INBOX_ID}`);
    expect(await screen.findByText('4 conversations in this inbox, 3 needing a response')).toBeInTheDocument();
    expect(select).toHaveAccessibleDescription('4 escalated here, 3 awaiting a reply from us, 2 claimed');
    await waitFor(() =>
      expect(api.calls.some((c) => c.path.endsWith('/conversations') && c.search.get('inbox_id') === INBOX_ID)).toBe(true),
    );
    expect(api.calls.some((c) => c.path.endsWith('/conversations/counts') && c.search.get('inbox_id') === INBOX_ID)).toBe(true);
    const row = within(screen.getByRole('table')).getByRole('row', { name: /Grace Hopper/ });
    expect(within(row).getByText('Escalated · Service desk')).toBeInTheDocument();

    await user.click(screen.getByRole('radio', { name: 'Not escalated' }));
    await waitFor(() =>
      expect(api.calls.some((c) => c.path.endsWith('/conversations') && c.search.get('escalated') === 'false')).toBe(true),
    );
  });

  it('names the holder of a claim with its time left, and marks a conversation awaiting approval', async () => {
    const holderId = '88888888-8888-4888-8888-888888888888';
    const claimed = conversation({
      contact: { id: 'c1', name: 'Grace Hopper', phone: null, email: null, attributes: {} },
      assignee_id: null,
      escalation: {
        id: 'e1',
        inbox_id: INBOX_ID,
        status: 'claimed',
        priority: 'high',
        claimed_by: holderId,
        claim_expires_at: new Date(Date.now() + 12 * 60_000).toISOString(),
      },
    });
    const waiting = conversation({
      contact: { id: 'c2', name: 'Lise Meitner', phone: null, email: null, attributes: {} },
      pending_approval: { id: 'a1', inbox_id: OTHER_INBOX_ID, created_at: '2026-01-01T00:00:00Z' },
    });
    mockApi({
      ...baseHandlers('supervisor', { inboxes: [inbox(), inbox({ id: OTHER_INBOX_ID, name: 'Legal' })] }),
      'GET /api/v1/orgs/:orgId/members': () => ({
        items: [{ user_id: holderId, email: 'oscar@example.com', display_name: 'Oscar Owner', role: 'agent', created_at: '2026-01-01T00:00:00Z' }],
        next_cursor: null,
      }),
      'GET /api/v1/orgs/:orgId/conversations': () => ({ items: [claimed, waiting], next_cursor: null }),
      'GET /api/v1/orgs/:orgId/conversations/counts': () => ({ total: 2, needs_response: 2 }),
    });
    renderApp(`/orgs/${ORG_ID}/conversations`);
    const table = await screen.findByRole('table');
    const graceRow = within(table).getByRole('row', { name: /Grace Hopper/ });
    expect(await within(graceRow).findByText(/^Claimed by Oscar Owner/)).toBeInTheDocument();
    expect(within(graceRow).getByRole('timer')).toHaveTextContent(/^expires in (12:00|11:[0-5]\d)$/);
    expect(within(graceRow).queryByText('Unassigned')).toBeNull();
    const liseRow = within(table).getByRole('row', { name: /Lise Meitner/ });
    expect(within(liseRow).getByText('Awaiting approval · Legal')).toBeInTheDocument();
  });

  it('offers agents neither filter', async () => {
    mockApi({
      ...baseHandlers('agent'),
      'GET /api/v1/orgs/:orgId/conversations': () => ({ items: [], next_cursor: null }),
      'GET /api/v1/orgs/:orgId/conversations/counts': () => ({ total: 0, needs_response: 0 }),
    });
    renderApp(`/orgs/${ORG_ID}/conversations`);
    expect(await screen.findByText('No conversations yet')).toBeInTheDocument();
    expect(screen.queryByLabelText('Escalation inbox')).toBeNull();
    expect(screen.queryByRole('radio', { name: 'Not escalated' })).toBeNull();
  });
});
