import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { rememberOrg } from '../org/navigation';
import { baseHandlers, json, me, mockApi, ORG_ID, problem, renderApp } from '../test/utils';

const OTHER_ORG_ID = 'dddddddd-dddd-4ddd-8ddd-000000000001';
const NEW_ORG_ID = 'dddddddd-dddd-4ddd-8ddd-000000000002';

function org(id: string, name: string, role: 'owner' | 'admin' | 'supervisor' | 'agent') {
  return { id, name, role, created_at: '2026-01-01T00:00:00Z' };
}

const twoOrgs = {
  items: [org(ORG_ID, 'Acme Support', 'agent'), org(OTHER_ORG_ID, 'Globex Care', 'admin')],
  next_cursor: null,
};

describe('Organisations', () => {
  it('lists the caller’s organisations with their role, each linking to its queue', async () => {
    const api = mockApi({ ...baseHandlers('agent'), 'GET /api/v1/orgs': () => twoOrgs });
    renderApp('/orgs');
    const list = await screen.findByRole('list');
    const rows = within(list).getAllByRole('listitem');
    expect(rows.map((row) => row.textContent)).toEqual(['Acme SupportAgent', 'Globex CareAdmin']);
    expect(within(rows[1]).getByRole('link', { name: 'Globex Care' })).toHaveAttribute('href', `/orgs/${OTHER_ORG_ID}/queue`);
    // Everyone may belong to many: one page of up to 200.
    expect(api.callsTo('GET', '/api/v1/orgs')[0].search.get('limit')).toBe('200');
  });

  it('tells someone in no organisation how to get into one', async () => {
    mockApi({ ...baseHandlers('agent'), 'GET /api/v1/orgs': () => ({ items: [], next_cursor: null }) });
    renderApp('/orgs');
    expect(await screen.findByText('You are not in any organisation yet')).toBeInTheDocument();
    expect(await screen.findByText(me.email)).toBeInTheDocument();
    // No switcher without an organisation to switch to.
    expect(screen.queryByLabelText('Organisation')).toBeNull();
  });

  it('creates an organisation and opens its admin area, the new one in the switcher', async () => {
    let orgs = [] as ReturnType<typeof org>[];
    const api = mockApi({
      ...baseHandlers('owner'),
      'GET /api/v1/orgs': () => ({ items: orgs, next_cursor: null }),
      'POST /api/v1/orgs': async (request) => {
        const { name } = (await request.json()) as { name: string };
        const created = org(NEW_ORG_ID, name, 'owner');
        orgs = [created];
        return json(created, 201);
      },
      'GET /api/v1/orgs/:orgId/members': () => ({
        items: [{ user_id: me.id, email: me.email, display_name: me.display_name, role: 'owner', created_at: '2026-01-01T00:00:00Z' }],
        next_cursor: null,
      }),
    });
    const { user, router } = renderApp('/orgs');
    await screen.findByText('You are not in any organisation yet');

    const section = screen.getByRole('region', { name: 'New organisation' });
    await user.type(within(section).getByLabelText('Name'), '  Initech Help  ');
    await user.click(within(section).getByRole('button', { name: 'Create organisation' }));

    await waitFor(() => expect(api.callsTo('POST', '/api/v1/orgs')).toHaveLength(1));
    expect(await api.callsTo('POST', '/api/v1/orgs')[0].request.json()).toEqual({ name: 'Initech Help' });
    // The creator is its owner: straight to Admin → Members to add colleagues.
    await screen.findByRole('heading', { name: 'Members' });
    expect(router.state.location.pathname).toBe(`/orgs/${NEW_ORG_ID}/admin/members`);
    expect(screen.getByRole('navigation', { name: 'Initech Help navigation' })).toHaveTextContent('Owner');
    const switcher = screen.getByLabelText('Organisation');
    expect(switcher).toHaveDisplayValue('Initech Help');
  });

  it('shows why an organisation could not be created, beside the name', async () => {
    const api = mockApi({
      ...baseHandlers('agent'),
      'POST /api/v1/orgs': () =>
        problem(422, {
          title: 'Invalid request',
          detail: 'The request is not valid.',
          errors: [{ loc: ['body', 'name'], msg: 'String should have at least 1 character' }],
        }),
    });
    const { user, router } = renderApp('/orgs');
    const section = await screen.findByRole('region', { name: 'New organisation' });
    await user.click(within(section).getByRole('button', { name: 'Create organisation' }));
    await waitFor(() => expect(api.callsTo('POST', '/api/v1/orgs')).toHaveLength(1));
    expect(await within(section).findByRole('alert')).toHaveTextContent('Please correct the highlighted fields.');
    const name = within(section).getByLabelText('Name');
    await waitFor(() => expect(name).toHaveAttribute('aria-invalid', 'true'));
    expect(name).toHaveAccessibleDescription('String should have at least 1 character');
    expect(router.state.location.pathname).toBe('/orgs');
  });
});

describe('Organisation switcher', () => {
  it('switches to another organisation’s queue, and to the list', async () => {
    const api = mockApi({
      ...baseHandlers('agent'),
      'GET /api/v1/orgs': () => twoOrgs,
      'GET /api/v1/orgs/:orgId/queue': () => ({ items: [], next_cursor: null }),
    });
    const { user, router } = renderApp(`/orgs/${ORG_ID}/queue`);
    await screen.findByRole('navigation', { name: 'Acme Support navigation' });
    const switcher = screen.getByLabelText('Organisation');
    expect(switcher).toHaveDisplayValue('Acme Support');
    expect(within(switcher).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Acme Support',
      'Globex Care',
      'All organisations / new…',
    ]);

    await user.selectOptions(switcher, 'Globex Care');
    await screen.findByRole('navigation', { name: 'Globex Care navigation' });
    expect(router.state.location.pathname).toBe(`/orgs/${OTHER_ORG_ID}/queue`);
    expect(screen.getByLabelText('Organisation')).toHaveDisplayValue('Globex Care');
    // The role is per organisation: an admin there.
    expect(within(screen.getByRole('navigation', { name: 'Globex Care navigation' })).getByRole('link', { name: 'Admin' })).toBeInTheDocument();
    await waitFor(() => expect(api.callsTo('GET', `/api/v1/orgs/${OTHER_ORG_ID}/queue`).length).toBeGreaterThan(0));

    await user.selectOptions(screen.getByLabelText('Organisation'), 'All organisations / new…');
    await screen.findByRole('heading', { name: 'Organisations', level: 1 });
    expect(router.state.location.pathname).toBe('/orgs');
    // Outside any organisation, the switcher asks for one.
    expect(screen.getByLabelText('Organisation')).toHaveDisplayValue('Choose…');
  });

  it('opens the organisation last used, or the only one, at the start page', async () => {
    mockApi({
      ...baseHandlers('agent'),
      'GET /api/v1/orgs': () => twoOrgs,
      'GET /api/v1/orgs/:orgId/queue': () => ({ items: [], next_cursor: null }),
    });
    rememberOrg(OTHER_ORG_ID);
    const { router } = renderApp('/');
    await screen.findByRole('navigation', { name: 'Globex Care navigation' });
    expect(router.state.location.pathname).toBe(`/orgs/${OTHER_ORG_ID}/queue`);
  });

  it('shows the list at the start page when it cannot tell which organisation', async () => {
    mockApi({ ...baseHandlers('agent'), 'GET /api/v1/orgs': () => twoOrgs });
    const { router } = renderApp('/');
    await screen.findByRole('heading', { name: 'Organisations', level: 1 });
    expect(router.state.location.pathname).toBe('/orgs');
  });

  it('says so when the organisation in the address is not one of the caller’s', async () => {
    mockApi({ ...baseHandlers('agent'), 'GET /api/v1/orgs': () => twoOrgs });
    renderApp('/orgs/eeeeeeee-eeee-4eee-8eee-000000000000/queue');
    expect(await screen.findByText('Organisation not found')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Choose an organisation' })).toHaveAttribute('href', '/orgs');
  });
});
