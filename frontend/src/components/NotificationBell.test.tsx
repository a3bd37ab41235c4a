import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { baseHandlers, json, mockApi, ORG_ID, renderApp } from '../test/utils';

const ESCALATION_ID = '99999999-9999-4999-8999-000000000001';

function notification(n: number, overrides: Record<string, unknown> = {}): Record<string, unknown> & { id: string; read_at: string | null } {
  return {
    id: `aaaaaaaa-aaaa-4aaa-8aaa-${String(n).padStart(12, '0')}`,
    type: 'escalation.created',
    escalation_id: ESCALATION_ID,
    title: `New escalation in Service desk: Contact ${n}`,
    body: `Inbox: Service desk\nPriority: high · Category: service\nReason: Wants a refund\nOpen: http://x/orgs/${ORG_ID}/escalations/${ESCALATION_ID}`,
    rule: 'inbox_owner',
    created_at: new Date(Date.now() - n * 60_000).toISOString(),
    read_at: null,
    ...overrides,
  };
}

/** A tiny server: notifications, read marks and read-all. */
function feedServer(initial: ReturnType<typeof notification>[]) {
  let items = initial;
  const feed = (unreadOnly: boolean) => ({
    items: unreadOnly ? items.filter((n) => !n.read_at) : items,
    next_cursor: null,
    unread_count: items.filter((n) => !n.read_at).length,
  });
  return {
    'GET /api/v1/orgs/:orgId/notifications': (request: Request) =>
      feed(new URL(request.url).searchParams.get('unread') === 'true'),
    'POST /api/v1/orgs/:orgId/notifications/read-all': () => {
      const marked = items.filter((n) => !n.read_at).length;
      items = items.map((n) => ({ ...n, read_at: n.read_at ?? new Date().toISOString() }));
      return { marked };
    },
    'POST /api/v1/orgs/:orgId/notifications/:id/read': (_request: Request, params: Record<string, string>) => {
      items = items.map((n) => (n.id === params.id ? { ...n, read_at: n.read_at ?? new Date().toISOString() } : n));
      return json(items.find((n) => n.id === params.id));
    },
  };
}

describe('Notification bell', () => {
  it('shows the unread count and marks everything read', async () => {
    const api = mockApi({
      ...baseHandlers('agent'),
      'GET /api/v1/orgs/:orgId/queue': () => ({ items: [], next_cursor: null }),
      ...feedServer([notification(1), notification(2, { rule: 'fallback' }), notification(3, { read_at: '2026-01-01T00:00:00Z' })]),
    });
    const { user } = renderApp(`/orgs/${ORG_ID}/queue`);

    const bell = await screen.findByRole('button', { name: 'Notifications, 2 unread' });
    expect(bell).toHaveAttribute('aria-expanded', 'false');
    expect(bell).toHaveTextContent('2');

    await user.click(bell);
    expect(bell).toHaveAttribute('aria-expanded', 'true');
    const panel = screen.getByRole('region', { name: 'Notifications' });
    const items = within(within(panel).getByRole('list', { name: 'Newest notifications' })).getAllByRole('listitem');
    expect(items).toHaveLength(3);
    expect(items[0]).toHaveTextContent('Unread: New escalation in Service desk: Contact 1');
    expect(items[0]).toHaveTextContent('Inbox owner');
    expect(items[1]).toHaveTextContent('Fallback (admins and owners)');
    expect(within(items[0]).getByRole('link', { name: /Contact 1/ })).toHaveAttribute(
      'href',
      `/orgs/${ORG_ID}/escalations/${ESCALATION_ID}`,
    );

    await user.click(within(panel).getByRole('button', { name: 'Mark all read' }));
    await waitFor(() => expect(api.callsTo('POST', `/api/v1/orgs/${ORG_ID}/notifications/read-all`)).toHaveLength(1));
    expect(await screen.findByRole('button', { name: 'Notifications, no unread' })).toBeInTheDocument();
    expect(within(panel).getByRole('button', { name: 'Mark all read' })).toBeDisabled();

    // Escape closes the panel and gives focus back to the bell.
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('region', { name: 'Notifications' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Notifications, no unread' })).toHaveFocus();
  });

  it('opens the escalation from the panel and marks that notification read', async () => {
    const api = mockApi({
      ...baseHandlers('agent'),
      'GET /api/v1/orgs/:orgId/queue': () => ({ items: [], next_cursor: null }),
      'GET /api/v1/orgs/:orgId/escalations/:id': () => json({ title: 'Not found', status: 404 }, 404),
      ...feedServer([notification(1)]),
    });
    const { user, router } = renderApp(`/orgs/${ORG_ID}/queue`);
    await user.click(await screen.findByRole('button', { name: 'Notifications, 1 unread' }));
    await user.click(screen.getByRole('link', { name: /Contact 1/ }));
    expect(router.state.location.pathname).toBe(`/orgs/${ORG_ID}/escalations/${ESCALATION_ID}`);
    await waitFor(() =>
      expect(api.callsTo('POST', `/api/v1/orgs/${ORG_ID}/notifications/${notification(1).id}/read`)).toHaveLength(1),
    );
    expect(await screen.findByRole('button', { name: 'Notifications, no unread' })).toBeInTheDocument();
  });
});

describe('Notifications page', () => {
  it('lists notifications with the rule in words, filters unread and marks one read', async () => {
    const api = mockApi({
      ...baseHandlers('agent'),
      ...feedServer([notification(1, { rule: 'category' }), notification(2, { read_at: '2026-01-01T00:00:00Z', rule: 'escalator' })]),
      'GET /api/v1/orgs/:orgId/me/notification-preferences': () => ({ muted_channels: ['email'] }),
      'PUT /api/v1/orgs/:orgId/me/notification-preferences': async (request: Request) => json(await request.json()),
    });
    const { user } = renderApp(`/orgs/${ORG_ID}/notifications`);

    const list = await screen.findByRole('list', { name: 'Notifications, newest first' });
    const first = within(list).getByRole('listitem', { name: 'New escalation in Service desk: Contact 1' });
    expect(first).toHaveTextContent('Why you: You are a recipient of this category in the escalation policy.');
    expect(first).toHaveTextContent('Reason: Wants a refund');
    expect(first).not.toHaveTextContent('Open: http'); // the title links to it instead
    expect(within(list).getByRole('listitem', { name: /Contact 2/ })).toHaveTextContent('You escalated it.');

    await user.click(screen.getByRole('radio', { name: /Unread/ }));
    await waitFor(() =>
      expect(api.callsTo('GET', `/api/v1/orgs/${ORG_ID}/notifications`).some((c) => c.search.get('unread') === 'true')).toBe(true),
    );
    const unread = await screen.findByRole('list', { name: 'Unread notifications, newest first' });
    expect(within(unread).getAllByRole('listitem')).toHaveLength(1);

    await user.click(within(unread).getByRole('button', { name: /Mark read/ }));
    expect(await screen.findByText('No unread notifications')).toBeInTheDocument();
    expect(screen.getByText('Marked “New escalation in Service desk: Contact 1” read.')).toBeInTheDocument();

    // Preferences: email is muted; mute in-app too. The fallback note is always there.
    const prefs = screen.getByRole('form', { name: 'My notification preferences' });
    expect(within(prefs).getByRole('checkbox', { name: /Mute email/ })).toBeChecked();
    expect(prefs).toHaveTextContent('The fallback is never muted');
    await user.click(within(prefs).getByRole('checkbox', { name: /Mute in-app/ }));
    await user.click(within(prefs).getByRole('button', { name: 'Save preferences' }));
    await waitFor(() =>
      expect(api.callsTo('PUT', `/api/v1/orgs/${ORG_ID}/me/notification-preferences`)).toHaveLength(1),
    );
    expect(await api.callsTo('PUT', `/api/v1/orgs/${ORG_ID}/me/notification-preferences`)[0].request.json()).toEqual({
      muted_channels: ['email', 'in_app'],
    });
    expect(await within(prefs).findByText('Saved: email and in-app muted.')).toBeInTheDocument();
  });
});
