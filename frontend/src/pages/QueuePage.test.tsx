import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { baseHandlers, conversation, inbox, ME_ID, mockApi, ORG_ID, problem, renderApp } from '../test/utils';

describe('Reply queue', () => {
  it('lists the queue from the API, oldest first, with contact, channel, campaign and waiting time', async () => {
    const older = conversation({
      contact: { id: 'c1', name: 'Grace Hopper', phone: null, email: null, attributes: {} },
      channel: 'whatsapp',
      needs_response_since: new Date(Date.now() - (2 * 60 + 5) * 60_000).toISOString(),
    });
    const newer = conversation({
      contact: { id: 'c2', name: 'Alan Turing', phone: null, email: null, attributes: {} },
      channel: 'email',
      needs_response_since: new Date(Date.now() - 4 * 60_000).toISOString(),
    });
    const api = mockApi({
      ...baseHandlers('agent'),
      'GET /api/v1/orgs/:orgId/queue': () => ({ items: [older, newer], next_cursor: null }),
    });
    renderApp(`/orgs/${ORG_ID}/queue`);

    expect(await screen.findByRole('heading', { name: 'Reply queue' })).toBeInTheDocument();
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);

    const first = within(rows[0]);
    expect(first.getByRole('link', { name: 'Grace Hopper' })).toHaveAttribute(
      'href',
      `/orgs/${ORG_ID}/conversations/${older.id}`,
    );
    expect(first.getByText('WhatsApp')).toBeInTheDocument();
    expect(await first.findByText('Winter renewals')).toBeInTheDocument();
    expect(first.getByText('2 h 5 min')).toBeInTheDocument();

    const second = within(rows[1]);
    expect(second.getByRole('link', { name: 'Alan Turing' })).toBeInTheDocument();
    expect(second.getByText('Email')).toBeInTheDocument();
    expect(second.getByText('4 min')).toBeInTheDocument();

    expect(screen.getByText('2 waiting')).toBeInTheDocument();
    expect(api.callsTo('GET', `/api/v1/orgs/${ORG_ID}/queue`)[0].search.get('limit')).toBe('50');
  });

  it('shows an empty state when nothing waits', async () => {
    mockApi({
      ...baseHandlers('agent'),
      'GET /api/v1/orgs/:orgId/queue': () => ({ items: [], next_cursor: null }),
    });
    renderApp(`/orgs/${ORG_ID}/queue`);
    expect(await screen.findByText('Nothing waiting for you')).toBeInTheDocument();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('loads further pages with "Load more"', async () => {
    const first = conversation({ contact: { id: 'a', name: 'First Page', phone: null, email: null, attributes: {} } });
    const second = conversation({ contact: { id: 'b', name: 'Second Page', phone: null, email: null, attributes: {} } });
    mockApi({
      ...baseHandlers('agent'),
      'GET /api/v1/orgs/:orgId/queue': (request) =>
        new URL(request.url).searchParams.get('cursor') === 'next-1'
          ? { items: [second], next_cursor: null }
          : { items: [first], next_cursor: 'next-1' },
    });
    const { user } = renderApp(`/orgs/${ORG_ID}/queue`);
    await screen.findByRole('link', { name: 'First Page' });
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByRole('link', { name: 'Second Page' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('shows the problem when the queue cannot be loaded', async () => {
    mockApi({
      ...baseHandlers('agent'),
      'GET /api/v1/orgs/:orgId/queue': () => problem(503, { title: 'Service Unavailable', detail: 'The database is not answering.' }),
    });
    renderApp(`/orgs/${ORG_ID}/queue`);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The database is not answering.');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});

describe('Role-aware navigation', () => {
  const cases = [
    ['agent', ['Queue', 'Conversations', 'Notifications']],
    ['supervisor', ['Queue', 'Escalations', 'All threads', 'Dashboard', 'Reports', 'Approvals', 'Notifications']],
    ['admin', ['Queue', 'Escalations', 'All threads', 'Dashboard', 'Reports', 'Approvals', 'Notifications', 'Admin']],
    ['owner', ['Queue', 'Escalations', 'All threads', 'Dashboard', 'Reports', 'Approvals', 'Notifications', 'Admin']],
  ] as const;

  it.each(cases)('%s sees %j', async (role, expected) => {
    mockApi({
      ...baseHandlers(role),
      'GET /api/v1/orgs/:orgId/queue': () => ({ items: [], next_cursor: null }),
    });
    renderApp(`/orgs/${ORG_ID}/queue`);
    const nav = await screen.findByRole('navigation', { name: 'Acme Support navigation' });
    expect(within(nav).getAllByRole('link').map((a) => a.textContent)).toEqual(expected);
  });

  it('gives an agent who owns an inbox "Escalations"', async () => {
    mockApi({
      ...baseHandlers('agent', { inboxes: [inbox({ owner_ids: [ME_ID], counts: null })] }),
      'GET /api/v1/orgs/:orgId/queue': () => ({ items: [], next_cursor: null }),
    });
    renderApp(`/orgs/${ORG_ID}/queue`);
    const nav = await screen.findByRole('navigation', { name: 'Acme Support navigation' });
    await waitFor(() =>
      expect(within(nav).getAllByRole('link').map((a) => a.textContent)).toEqual(['Queue', 'Escalations', 'Conversations', 'Notifications']),
    );
  });

  it('tells an agent that Admin is not for them', async () => {
    mockApi(baseHandlers('agent'));
    renderApp(`/orgs/${ORG_ID}/admin/members`);
    expect(await screen.findByText('Not available to your role')).toBeInTheDocument();
  });
});
