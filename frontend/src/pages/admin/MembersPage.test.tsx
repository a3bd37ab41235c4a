import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { baseHandlers, json, me, ME_ID, mockApi, ORG_ID, problem, renderApp } from '../../test/utils';

const PROBLEMS = 'https://errors.escalation-inbox.example';
const OLGA_ID = 'ffffffff-ffff-4fff-8fff-000000000001';
const NEW_ID = 'ffffffff-ffff-4fff-8fff-000000000002';

type Row = { user_id: string; email: string; display_name: string | null; role: string; created_at: string };

function member(user_id: string, email: string, display_name: string | null, role: string): Row {
  return { user_id, email, display_name, role, created_at: '2026-01-01T00:00:00Z' };
}

/** Me (an owner, or what `myRole` says) and Olga, an agent; the list answers from `rows` as it changes. */
function membersApi(myRole: 'owner' | 'admin' = 'owner', extra: Record<string, Parameters<typeof mockApi>[0][string]> = {}) {
  const rows = [member(ME_ID, me.email, me.display_name, myRole), member(OLGA_ID, 'olga@example.com', 'Olga Agent', 'agent')];
  const api = mockApi({
    ...baseHandlers(myRole),
    'GET /api/v1/orgs/:orgId/members': () => ({ items: rows, next_cursor: null }),
    ...extra,
  });
  return { api, rows };
}

const path = `/orgs/${ORG_ID}/admin/members`;
const membersUrl = `/api/v1/orgs/${ORG_ID}/members`;

async function table() {
  return screen.findByRole('table', { name: 'Members of Acme Support' });
}

describe('Admin → Members', () => {
  it('lists members with their role, marking the caller', async () => {
    membersApi();
    renderApp(path);
    const rows = within(await table()).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(within(rows[0]).getByRole('rowheader')).toHaveTextContent(`Ada Agent (you)${me.email}`);
    expect(within(rows[0]).getByLabelText('Role for Ada Agent')).toHaveDisplayValue('Owner');
    expect(within(rows[1]).getByLabelText('Role for Olga Agent')).toHaveDisplayValue('Agent');
    expect(within(rows[0]).getByRole('button', { name: 'Remove' })).toBeInTheDocument();
  });

  it('adds an existing account as a member with the role chosen', async () => {
    const { api, rows } = membersApi('owner', {
      'POST /api/v1/orgs/:orgId/members': async (request) => {
        const body = (await request.json()) as { email: string; role: string };
        const added = member(NEW_ID, body.email, null, body.role);
        rows.push(added);
        return json(added, 201);
      },
    });
    const { user } = renderApp(path);
    await table();
    const form = screen.getByRole('form', { name: 'Add a member' });
    const role = within(form).getByLabelText('Role');
    expect(within(role).getAllByRole('option').map((o) => o.textContent)).toEqual(['Owner', 'Admin', 'Supervisor', 'Agent']);
    expect(role).toHaveDisplayValue('Agent');

    await user.type(within(form).getByLabelText('Email'), ' sam@example.com ');
    await user.selectOptions(role, 'Supervisor');
    await user.click(within(form).getByRole('button', { name: 'Add member' }));

    await waitFor(() => expect(api.callsTo('POST', membersUrl)).toHaveLength(1));
    expect(await api.callsTo('POST', membersUrl)[0].request.json()).toEqual({ email: 'sam@example.com', role: 'supervisor' });
    expect(await screen.findByText('Added sam@example.com as supervisor.')).toHaveAttribute('role', 'status');
    expect(within(form).getByLabelText('Email')).toHaveValue('');
    const added = await within(await table()).findByRole('row', { name: /sam@example\.com/ });
    expect(within(added).getByLabelText('Role for sam@example.com')).toHaveDisplayValue('Supervisor');
  });

  it('shows the API’s problem when the email has no account', async () => {
    const { api } = membersApi('owner', {
      'POST /api/v1/orgs/:orgId/members': () =>
        problem(404, {
          type: `${PROBLEMS}/user-not-found`,
          title: 'User not found',
          detail: 'No account uses that email; ask them to register first.',
        }),
    });
    const { user } = renderApp(path);
    await table();
    const form = screen.getByRole('form', { name: 'Add a member' });
    await user.type(within(form).getByLabelText('Email'), 'nobody@example.com');
    await user.click(within(form).getByRole('button', { name: 'Add member' }));
    const alert = await within(form).findByRole('alert');
    expect(alert).toHaveTextContent('User not found (404)');
    expect(alert).toHaveTextContent('No account uses that email; ask them to register first.');
    // The address stays for correcting; the list is unchanged.
    expect(within(form).getByLabelText('Email')).toHaveValue('nobody@example.com');
    expect(api.callsTo('POST', membersUrl)).toHaveLength(1);
    expect(within(await table()).getAllByRole('row')).toHaveLength(3);
  });

  it('changes a role only on Save, and Undo puts it back', async () => {
    const { api, rows } = membersApi('owner', {
      'PATCH /api/v1/orgs/:orgId/members/:userId': async (request, params) => {
        const { role } = (await request.json()) as { role: string };
        const row = rows.find((r) => r.user_id === params.userId)!;
        row.role = role;
        return { ...row };
      },
    });
    const { user } = renderApp(path);
    const olga = within(await table()).getByRole('row', { name: /Olga Agent/ });
    const select = within(olga).getByLabelText('Role for Olga Agent');

    await user.selectOptions(select, 'Admin');
    await user.click(within(olga).getByRole('button', { name: 'Undo' }));
    expect(select).toHaveDisplayValue('Agent');
    expect(within(olga).queryByRole('button', { name: 'Save' })).toBeNull();

    await user.selectOptions(select, 'Supervisor');
    expect(api.callsTo('PATCH', `${membersUrl}/${OLGA_ID}`)).toHaveLength(0);
    await user.click(within(olga).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.callsTo('PATCH', `${membersUrl}/${OLGA_ID}`)).toHaveLength(1));
    expect(await api.callsTo('PATCH', `${membersUrl}/${OLGA_ID}`)[0].request.json()).toEqual({ role: 'supervisor' });
    expect(await screen.findByText('Olga Agent is now supervisor.')).toBeInTheDocument();
    await waitFor(() => expect(within(olga).queryByRole('button', { name: 'Save' })).toBeNull());
    expect(select).toHaveDisplayValue('Supervisor');
  });

  it('shows the last-owner refusal as the API’s problem and keeps the role', async () => {
    const { api } = membersApi('owner', {
      'PATCH /api/v1/orgs/:orgId/members/:userId': () =>
        problem(409, {
          type: `${PROBLEMS}/last-owner`,
          title: 'An organisation needs an owner',
          detail: 'Make someone else an owner first.',
          instance: `${membersUrl}/${ME_ID}`,
        }),
    });
    const { user } = renderApp(path);
    const mine = within(await table()).getByRole('row', { name: /Ada Agent/ });
    const select = within(mine).getByLabelText('Role for Ada Agent');
    await user.selectOptions(select, 'Admin');
    await user.click(within(mine).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(api.callsTo('PATCH', `${membersUrl}/${ME_ID}`)).toHaveLength(1));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('An organisation needs an owner (409)');
    expect(alert).toHaveTextContent('Make someone else an owner first.');
    expect(screen.getByText("Could not change Ada Agent's role: Make someone else an owner first.")).toHaveAttribute(
      'role',
      'status',
    );
    // Back to what the server still says.
    expect(select).toHaveDisplayValue('Owner');
    expect(within(mine).queryByRole('button', { name: 'Save' })).toBeNull();
  });

  it('removes a member after confirming, and Cancel sends nothing', async () => {
    const { api, rows } = membersApi('owner', {
      'DELETE /api/v1/orgs/:orgId/members/:userId': (_request, params) => {
        rows.splice(
          rows.findIndex((r) => r.user_id === params.userId),
          1,
        );
        return new Response(null, { status: 204 });
      },
    });
    const { user } = renderApp(path);
    const olga = within(await table()).getByRole('row', { name: /Olga Agent/ });

    await user.click(within(olga).getByRole('button', { name: 'Remove' }));
    const ask = within(olga).getByRole('group', { name: 'Remove Olga Agent from Acme Support?' });
    expect(within(ask).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.click(within(ask).getByRole('button', { name: 'Cancel' }));
    expect(api.callsTo('DELETE', `${membersUrl}/${OLGA_ID}`)).toHaveLength(0);

    await user.click(within(olga).getByRole('button', { name: 'Remove' }));
    await user.click(
      within(within(olga).getByRole('group', { name: 'Remove Olga Agent from Acme Support?' })).getByRole('button', { name: 'Remove' }),
    );
    await waitFor(() => expect(api.callsTo('DELETE', `${membersUrl}/${OLGA_ID}`)).toHaveLength(1));
    expect(await screen.findByText('Olga Agent was removed.')).toBeInTheDocument();
    await waitFor(() => expect(within(screen.getByRole('table')).queryByRole('row', { name: /Olga Agent/ })).toBeNull());
  });

  it('refuses to let the last owner leave, with the API’s problem', async () => {
    const { api } = membersApi('owner', {
      'DELETE /api/v1/orgs/:orgId/members/:userId': () =>
        problem(409, {
          type: `${PROBLEMS}/last-owner`,
          title: 'An organisation needs an owner',
          detail: 'Make someone else an owner first.',
        }),
    });
    const { user } = renderApp(path);
    const mine = within(await table()).getByRole('row', { name: /Ada Agent/ });
    await user.click(within(mine).getByRole('button', { name: 'Remove' }));
    // Removing oneself is leaving.
    const ask = within(mine).getByRole('group', { name: 'Leave Acme Support?' });
    await user.click(within(ask).getByRole('button', { name: 'Leave' }));

    await waitFor(() => expect(api.callsTo('DELETE', `${membersUrl}/${ME_ID}`)).toHaveLength(1));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('An organisation needs an owner (409)');
    expect(alert).toHaveTextContent('Make someone else an owner first.');
    expect(within(screen.getByRole('table')).getByRole('row', { name: /Ada Agent/ })).toBeInTheDocument();
  });

  it('explains that only owners manage owners', async () => {
    membersApi('admin', {
      'PATCH /api/v1/orgs/:orgId/members/:userId': () =>
        problem(403, {
          type: `${PROBLEMS}/owner-role-reserved`,
          title: 'Only owners manage owners',
          detail: 'Only an owner can grant or take away the owner role.',
        }),
    });
    const { user } = renderApp(path);
    const olga = within(await table()).getByRole('row', { name: /Olga Agent/ });
    await user.selectOptions(within(olga).getByLabelText('Role for Olga Agent'), 'Owner');
    await user.click(within(olga).getByRole('button', { name: 'Save' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Only owners manage owners (403)');
    expect(alert).toHaveTextContent('Only an owner can grant or take away the owner role.');
    expect(within(olga).getByLabelText('Role for Olga Agent')).toHaveDisplayValue('Agent');
  });
});
