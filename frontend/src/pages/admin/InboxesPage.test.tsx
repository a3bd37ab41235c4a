import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { versionOf } from '../../api/versions';
import { baseHandlers, inbox, INBOX_ID, json, ME_ID, mockApi, ORG_ID, OTHER_INBOX_ID, problem, renderApp } from '../../test/utils';
import { deleteQuestion } from './InboxesPage';

describe('Admin → Inboxes', () => {
  it('asks before deleting, with how many conversations go back to their campaigns', async () => {
    let inboxes = [
      inbox({ id: INBOX_ID, name: 'Service desk', counts: { total: 3, needs_response: 2, unclaimed: 1, claimed: 2 } }),
      inbox({ id: OTHER_INBOX_ID, name: 'Billing', counts: { total: 0, needs_response: 0, unclaimed: 0, claimed: 0 } }),
    ];
    const api = mockApi({
      ...baseHandlers('admin'),
      'GET /api/v1/orgs/:orgId/inboxes': () => ({ items: inboxes, next_cursor: null }),
      'GET /api/v1/orgs/:orgId/sla-policies': () => ({ items: [], next_cursor: null }),
      'DELETE /api/v1/orgs/:orgId/inboxes/:inboxId': (_request, params) => {
        inboxes = inboxes.filter((i) => i.id !== params.inboxId);
        return new Response(null, { status: 204, headers: { 'X-De-Escalated-Count': '3' } });
      },
    });
    const { user } = renderApp(`/orgs/${ORG_ID}/admin/inboxes`);

    const table = await screen.findByRole('table', { name: /Escalation inboxes/ });
    const row = within(table).getByRole('row', { name: /Service desk/ });
    expect(within(row).getByText('3')).toBeInTheDocument();
    expect(within(row).getByText('2 need a response')).toBeInTheDocument();

    await user.click(within(row).getByRole('button', { name: 'Delete' }));
    const question = within(row).getByRole('group', {
      name: 'Delete “Service desk”? 3 conversations will be de-escalated back to their campaigns.',
    });
    expect(question).toHaveTextContent('3 conversations will be de-escalated back to their campaigns.');
    // The safe choice has focus; nothing is deleted yet.
    expect(within(question).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    expect(api.callsTo('DELETE', `/api/v1/orgs/${ORG_ID}/inboxes/${INBOX_ID}`)).toHaveLength(0);

    await user.click(within(question).getByRole('button', { name: 'Delete inbox' }));
    await waitFor(() => expect(api.callsTo('DELETE', `/api/v1/orgs/${ORG_ID}/inboxes/${INBOX_ID}`)).toHaveLength(1));
    expect(
      await screen.findByText('Inbox “Service desk” deleted. 3 conversations went back to their campaigns.'),
    ).toBeInTheDocument();
    await waitFor(() => expect(within(screen.getByRole('table')).queryByText('Service desk')).toBeNull());
  });

  it('deletes only the version on screen, and says "changed by someone else, reload" when it moved on', async () => {
    const shown = inbox({ id: INBOX_ID, name: 'Service desk', updated_at: '2026-03-01T09:00:00.123456Z' });
    const api = mockApi({
      ...baseHandlers('admin'),
      'GET /api/v1/orgs/:orgId/inboxes': () => ({ items: [shown], next_cursor: null }),
      'GET /api/v1/orgs/:orgId/sla-policies': () => ({ items: [], next_cursor: null }),
      'DELETE /api/v1/orgs/:orgId/inboxes/:inboxId': () =>
        problem(409, {
          type: 'https://escalations.dev/problems/stale-if-match',
          title: 'It changed since you read it',
          detail: 'Someone changed it after you read it: load it again and redo your change.',
        }),
    });
    const { user } = renderApp(`/orgs/${ORG_ID}/admin/inboxes`);
    const row = within(await screen.findByRole('table', { name: /Escalation inboxes/ })).getByRole('row', {
      name: /Service desk/,
    });
    await user.click(within(row).getByRole('button', { name: 'Delete' }));
    await user.click(within(row).getByRole('button', { name: 'Delete inbox' }));
    await waitFor(() => expect(api.callsTo('DELETE', `/api/v1/orgs/${ORG_ID}/inboxes/${INBOX_ID}`)).toHaveLength(1));
    const [sent] = api.callsTo('DELETE', `/api/v1/orgs/${ORG_ID}/inboxes/${INBOX_ID}`);
    expect(sent.request.headers.get('If-Match')).toBe(`"${versionOf('2026-03-01T09:00:00.123456Z')}"`);
    const shownMessages = await screen.findAllByText(/Someone else changed this after you opened it/);
    expect(shownMessages[0]).toHaveTextContent('Reload to see their version, then make your change again.');
    // Nothing was overwritten, and the list is read again for the new version.
    await waitFor(() => expect(api.callsTo('GET', `/api/v1/orgs/${ORG_ID}/inboxes`).length).toBeGreaterThan(1));
  });

  it('words the question for one and for no conversations', () => {
    expect(deleteQuestion(inbox({ name: 'A', counts: { total: 1, needs_response: 0, unclaimed: 1, claimed: 0 } }) as never)).toBe(
      'Delete “A”? 1 conversation will be de-escalated back to its campaign.',
    );
    expect(deleteQuestion(inbox({ name: 'B', counts: { total: 0, needs_response: 0, unclaimed: 0, claimed: 0 } }) as never)).toBe(
      'Delete “B”? No conversation is escalated there, so none will be de-escalated.',
    );
  });

  it('checks a new inbox before creating it, then sends it', async () => {
    const api = mockApi({
      ...baseHandlers('admin'),
      'GET /api/v1/orgs/:orgId/sla-policies': () => ({
        items: [{ id: 'p1', name: 'Standard', is_default: true }],
        next_cursor: null,
      }),
      'POST /api/v1/orgs/:orgId/inboxes': async (request) => json(inbox(await request.json()), 201),
    });
    const { user } = renderApp(`/orgs/${ORG_ID}/admin/inboxes`);
    expect(await screen.findByText('No escalation inboxes yet')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'New inbox' }));
    const form = screen.getByRole('form', { name: 'New inbox' });
    await user.clear(within(form).getByLabelText('Batch size'));
    await user.type(within(form).getByLabelText('Batch size'), '101');
    await user.click(within(form).getByRole('button', { name: 'Create inbox' }));
    expect(await within(form).findByText('Give the inbox a name.')).toBeInTheDocument();
    expect(within(form).getByText('Choose at least one owner.')).toBeInTheDocument();
    expect(within(form).getByText('A whole number from 1 to 100.')).toBeInTheDocument();
    expect(api.callsTo('POST', `/api/v1/orgs/${ORG_ID}/inboxes`)).toHaveLength(0);

    await user.type(within(form).getByLabelText('Name'), 'VIP');
    await user.click(within(form).getByRole('checkbox', { name: /Ada Agent/ }));
    await user.clear(within(form).getByLabelText('Batch size'));
    await user.type(within(form).getByLabelText('Batch size'), '5');
    await user.selectOptions(within(form).getByLabelText('Default priority'), 'High');
    await user.selectOptions(within(form).getByLabelText('SLA policy'), 'Standard (default)');
    await user.click(within(form).getByRole('button', { name: 'Create inbox' }));
    await waitFor(() => expect(api.callsTo('POST', `/api/v1/orgs/${ORG_ID}/inboxes`)).toHaveLength(1));
    expect(await api.callsTo('POST', `/api/v1/orgs/${ORG_ID}/inboxes`)[0].request.json()).toEqual({
      name: 'VIP',
      description: null,
      owner_ids: [ME_ID],
      batch_size: 5,
      assignment_duration_minutes: 60,
      reply_within_minutes: null,
      default_priority: 'high',
      sla_policy_id: 'p1',
      assignment_mode: 'pull',
      capacity: null,
      restricted: false,
    });
    expect(await screen.findByText('Inbox “VIP” created.')).toBeInTheDocument();
  });

  it('sets automatic assignment with a capacity, which it requires', async () => {
    const api = mockApi({
      ...baseHandlers('admin', { inboxes: [inbox({ name: 'Service desk' })] }),
      'GET /api/v1/orgs/:orgId/sla-policies': () => ({ items: [], next_cursor: null }),
      'PATCH /api/v1/orgs/:orgId/inboxes/:inboxId': async (request) =>
        inbox({ name: 'Service desk', ...(await request.json()), unstaffed_since: new Date().toISOString() }),
    });
    const { user } = renderApp(`/orgs/${ORG_ID}/admin/inboxes`);
    const table = await screen.findByRole('table', { name: /Escalation inboxes/ });
    expect(within(table).getByText('Owners claim')).toBeInTheDocument();
    await user.click(within(table).getByRole('button', { name: 'Edit Service desk' }));
    const form = screen.getByRole('form', { name: 'Edit “Service desk”' });
    await user.selectOptions(within(form).getByLabelText('Assignment'), 'Assigned automatically');
    await user.click(within(form).getByRole('button', { name: 'Save inbox' }));
    expect(
      await within(form).findByText('Automatic assignment needs a capacity: how many open claims one owner may hold.'),
    ).toBeInTheDocument();
    expect(api.callsTo('PATCH', `/api/v1/orgs/${ORG_ID}/inboxes/${INBOX_ID}`)).toHaveLength(0);

    await user.type(within(form).getByLabelText('Capacity per owner'), '3');
    await user.click(within(form).getByRole('button', { name: 'Save inbox' }));
    await waitFor(() => expect(api.callsTo('PATCH', `/api/v1/orgs/${ORG_ID}/inboxes/${INBOX_ID}`)).toHaveLength(1));
    const body = await api.callsTo('PATCH', `/api/v1/orgs/${ORG_ID}/inboxes/${INBOX_ID}`)[0].request.json();
    expect(body).toMatchObject({ assignment_mode: 'auto', capacity: 3 });
  });
});
