import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { baseHandlers, inbox, me, ME_ID, mockApi, ORG_ID, renderApp } from '../test/utils';

type Role = 'owner' | 'admin' | 'supervisor' | 'agent';

const ALL_LINKS = ['Queue', 'Escalations', 'Conversations', 'All threads', 'Dashboard', 'Reports', 'Approvals', 'Notifications', 'Admin'];

/** Who sees which link: what each role does all day, and nothing it may not do. */
const SEES: Record<Role, string[]> = {
  agent: ['Queue', 'Conversations', 'Notifications'],
  supervisor: ['Queue', 'Escalations', 'All threads', 'Dashboard', 'Reports', 'Approvals', 'Notifications'],
  admin: ['Queue', 'Escalations', 'All threads', 'Dashboard', 'Reports', 'Approvals', 'Notifications', 'Admin'],
  owner: ['Queue', 'Escalations', 'All threads', 'Dashboard', 'Reports', 'Approvals', 'Notifications', 'Admin'],
};

function signedInAs(role: Role, inboxes: Record<string, unknown>[] = []) {
  return mockApi({
    ...baseHandlers(role, { inboxes }),
    'GET /api/v1/orgs/:orgId/queue': () => ({ items: [], next_cursor: null }),
  });
}

async function navLinks() {
  const nav = await screen.findByRole('navigation', { name: 'Acme Support navigation' });
  return within(nav)
    .getAllByRole('link')
    .map((a) => a.textContent ?? '');
}

describe('App shell', () => {
  it('shows the brand, the organisation switcher, the account and Sign out', async () => {
    signedInAs('agent');
    renderApp(`/orgs/${ORG_ID}/queue`);
    const banner = await screen.findByRole('banner');
    expect(within(banner).getByRole('link', { name: 'Escalation Inbox' })).toHaveAttribute('href', '/');
    expect(await within(banner).findByText(me.display_name)).toHaveAttribute('title', me.email);
    expect(within(banner).getByRole('link', { name: 'Security' })).toHaveAttribute('href', '/security');
    expect(within(banner).getByRole('button', { name: 'Sign out' })).toBeInTheDocument();
    expect(await within(banner).findByLabelText('Organisation')).toHaveDisplayValue('Acme Support');
    expect(screen.getByRole('link', { name: 'Skip to main content' })).toHaveAttribute('href', '#main');
  });

  it('names the caller’s role in the navigation', async () => {
    signedInAs('supervisor');
    renderApp(`/orgs/${ORG_ID}/queue`);
    const nav = await screen.findByRole('navigation', { name: 'Acme Support navigation' });
    expect(nav).toHaveTextContent('Acme SupportSupervisor');
  });

  it('marks the current page in the navigation', async () => {
    signedInAs('supervisor');
    const { user } = renderApp(`/orgs/${ORG_ID}/queue`);
    const nav = await screen.findByRole('navigation', { name: 'Acme Support navigation' });
    expect(within(nav).getByRole('link', { name: 'Queue' })).toHaveAttribute('aria-current', 'page');
    await user.click(within(nav).getByRole('link', { name: 'Notifications' }));
    await screen.findByRole('heading', { name: 'Notifications', level: 1 });
    expect(within(nav).getByRole('link', { name: 'Notifications' })).toHaveAttribute('aria-current', 'page');
    expect(within(nav).getByRole('link', { name: 'Queue' })).not.toHaveAttribute('aria-current');
  });
});

describe('Role-aware navigation', () => {
  it.each(Object.entries(SEES) as [Role, string[]][])('%s sees only the links for the role', async (role, expected) => {
    signedInAs(role);
    renderApp(`/orgs/${ORG_ID}/queue`);
    const links = await navLinks();
    for (const label of expected) expect(links).toContain(label);
    for (const label of ALL_LINKS.filter((l) => !expected.includes(l))) expect(links).not.toContain(label);
    // In order: the day's work first, the admin area last.
    expect(links.filter((l) => expected.includes(l))).toEqual(expected);
  });

  it('gives an agent "Escalations" once they own an inbox, not for someone else’s', async () => {
    const api = signedInAs('agent', [inbox({ owner_ids: ['12121212-1212-4121-8121-121212121212'] })]);
    const { client } = renderApp(`/orgs/${ORG_ID}/queue`);
    // Once the inbox list has answered, "Escalations" would show if the agent owned one.
    await waitFor(() => expect(api.callsTo('GET', `/api/v1/orgs/${ORG_ID}/inboxes`).length).toBeGreaterThan(0));
    await waitFor(() => expect(client.isFetching()).toBe(0));
    expect(await navLinks()).not.toContain('Escalations');
  });

  it('gives an agent who owns an inbox "Escalations", and still no staff links', async () => {
    signedInAs('agent', [inbox({ owner_ids: [ME_ID] })]);
    renderApp(`/orgs/${ORG_ID}/queue`);
    await waitFor(async () => expect(await navLinks()).toContain('Escalations'));
    const links = await navLinks();
    for (const label of ['All threads', 'Dashboard', 'Reports', 'Approvals', 'Admin']) expect(links).not.toContain(label);
  });

  it.each([
    ['agent', 'dashboard', 'This page needs the supervisor role or above; you are an agent here.'],
    ['agent', 'reports', 'This page needs the supervisor role or above; you are an agent here.'],
    ['agent', 'admin/members', 'This page needs the admin role or above; you are an agent here.'],
    ['supervisor', 'admin/members', 'This page needs the admin role or above; you are a supervisor here.'],
  ] as const)('a %s who opens /%s by address is told it is not for their role', async (role, page, text) => {
    signedInAs(role);
    renderApp(`/orgs/${ORG_ID}/${page}`);
    expect(await screen.findByText('Not available to your role')).toBeInTheDocument();
    expect(screen.getByText(text)).toBeInTheDocument();
  });

  it('lets an admin into the admin area, members first', async () => {
    signedInAs('admin');
    const { router } = renderApp(`/orgs/${ORG_ID}/admin`);
    await screen.findByRole('heading', { name: 'Members' });
    expect(router.state.location.pathname).toBe(`/orgs/${ORG_ID}/admin/members`);
    const tabs = screen.getByRole('navigation', { name: 'Admin sections' });
    expect(within(tabs).getByRole('link', { name: 'Members' })).toHaveAttribute('aria-current', 'page');
    for (const section of ['Campaigns', 'Inboxes', 'Webhooks']) {
      expect(within(tabs).getByRole('link', { name: section })).toBeInTheDocument();
    }
    expect(screen.queryByText('Not available to your role')).toBeNull();
  });
});
