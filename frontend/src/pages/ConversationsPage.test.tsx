import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { baseHandlers, conversation, inbox, INBOX_ID, mockApi, ORG_ID, renderApp } from '../test/utils';

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
    await within(select).findByRole('option', { name: 'Service desk (4 · 3 need a response)' });
    expect(await screen.findByText('9 conversations, 5 needing a response')).toBeInTheDocument();

    await user.selectOptions(select, 'Service desk (4 · 3 need a response)');
    expect(router.state.location.search).toBe(`?inbox=${INBOX_ID}`);
    expect(await screen.findByText('4 conversations in this inbox, 3 needing a response')).toBeInTheDocument();
    expect(select).toHaveAccessibleDescription('4 escalated here, 3 need a response');
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
