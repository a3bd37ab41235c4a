import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  baseHandlers,
  conversation,
  escalation,
  inbox,
  INBOX_ID,
  mockApi,
  ORG_ID,
  OTHER_INBOX_ID,
  problem,
  renderApp,
  json,
} from '../test/utils';

function setup({
  escalate,
  next = true,
  templates = [],
}: { escalate?: (request: Request) => unknown; next?: boolean; templates?: Record<string, unknown>[] } = {}) {
  const convo = conversation({ contact: { id: 'c1', name: 'Grace Hopper', phone: null, email: null, attributes: {} } });
  const following = conversation({ contact: { id: 'c2', name: 'Alan Turing', phone: null, email: null, attributes: {} } });
  const byId = new Map([
    [convo.id, convo],
    [following.id, following],
  ]);
  const api = mockApi({
    ...baseHandlers('agent', {
      inboxes: [
        inbox({ id: INBOX_ID, name: 'Service desk', default_priority: 'high', owner_ids: [], counts: null }),
        inbox({ id: OTHER_INBOX_ID, name: 'Billing', owner_ids: [], counts: null }),
      ],
    }),
    'GET /api/v1/orgs/:orgId/queue': () => ({ items: [convo, following], next_cursor: null }),
    'GET /api/v1/orgs/:orgId/conversations/:id': (_request, params) => byId.get(params.id) ?? problem(404, { title: 'Not found' }),
    'GET /api/v1/orgs/:orgId/conversations/:id/messages': () => ({ items: [], next_cursor: null }),
    'GET /api/v1/orgs/:orgId/conversations/:id/handoff-templates': () => ({ items: templates }),
    'POST /api/v1/orgs/:orgId/conversations/:id/escalate':
      escalate ??
      (() =>
        json(
          {
            escalation: escalation({ conversation_id: convo.id, contactName: 'Grace Hopper' }),
            next_conversation: next ? following : null,
          },
          201,
        )),
  });
  return { api, convo, following };
}

async function openDialog(user: ReturnType<typeof renderApp>['user']) {
  await screen.findByRole('heading', { name: 'Grace Hopper', level: 1 });
  await user.click(screen.getByRole('button', { name: 'Escalate…' }));
  const dialog = await screen.findByRole('dialog', { name: 'Escalate Grace Hopper' });
  // The inboxes have loaded when the inbox choice is there.
  await within(dialog).findByLabelText('Inbox');
  return dialog;
}

const escalatePath = (id: string) => `/api/v1/orgs/${ORG_ID}/conversations/${id}/escalate`;

describe('Escalate dialog', () => {
  it('blocks an empty hand-off: nothing is sent and each required field says why', async () => {
    const { api, convo } = setup();
    const { user } = renderApp(`/orgs/${ORG_ID}/conversations/${convo.id}`);
    const dialog = await openDialog(user);

    await user.selectOptions(within(dialog).getByLabelText('Inbox'), 'Service desk');
    // Whitespace is blank too.
    await user.type(within(dialog).getByLabelText('Steps taken'), '   ');
    await user.click(within(dialog).getByRole('button', { name: 'Escalate' }));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Please complete the hand-off');
    for (const label of ['Reason for escalating', 'Steps taken', 'Help needed']) {
      const field = within(dialog).getByLabelText(label);
      expect(field).toHaveAttribute('aria-invalid', 'true');
      expect(field).toHaveAccessibleDescription(new RegExp(`${label} must not be blank`));
    }
    // Offers made is optional.
    expect(within(dialog).getByLabelText('Offers made (optional)')).not.toHaveAttribute('aria-invalid');
    await waitFor(() => expect(within(dialog).getByLabelText('Reason for escalating')).toHaveFocus());
    expect(api.callsTo('POST', escalatePath(convo.id))).toHaveLength(0);

    // Filling a field clears its message.
    await user.type(within(dialog).getByLabelText('Reason for escalating'), 'Refund over my limit');
    expect(within(dialog).getByLabelText('Reason for escalating')).not.toHaveAttribute('aria-invalid');
  });

  it('asks for the inbox when there are several', async () => {
    const { api, convo } = setup();
    const { user } = renderApp(`/orgs/${ORG_ID}/conversations/${convo.id}`);
    const dialog = await openDialog(user);
    await user.click(within(dialog).getByRole('button', { name: 'Escalate' }));
    expect(await within(dialog).findByText('Choose the inbox to escalate to.')).toBeInTheDocument();
    expect(api.callsTo('POST', escalatePath(convo.id))).toHaveLength(0);
  });

  it('sends the hand-off and lands on the next conversation', async () => {
    const { api, convo, following } = setup();
    const { user, router } = renderApp(`/orgs/${ORG_ID}/conversations/${convo.id}`);
    const dialog = await openDialog(user);

    await user.selectOptions(within(dialog).getByLabelText('Inbox'), 'Service desk');
    // The inbox's default priority is preselected.
    expect(within(dialog).getByLabelText('Priority')).toHaveValue('high');
    await user.selectOptions(within(dialog).getByLabelText('Priority'), 'Urgent');
    await user.selectOptions(within(dialog).getByLabelText('Category'), 'Accounting');
    await user.type(within(dialog).getByLabelText('Reason for escalating'), 'Charged twice');
    await user.type(within(dialog).getByLabelText('Steps taken'), 'Checked both invoices');
    await user.type(within(dialog).getByLabelText('Help needed'), 'Refund one of them');
    const convoPath = `/api/v1/orgs/${ORG_ID}/conversations/${convo.id}`;
    const reads = () => [api.callsTo('GET', convoPath).length, api.callsTo('GET', `${convoPath}/messages`).length];
    const readsBefore = reads();
    await user.click(within(dialog).getByRole('button', { name: 'Escalate' }));

    await waitFor(() => expect(api.callsTo('POST', escalatePath(convo.id))).toHaveLength(1));
    expect(await api.callsTo('POST', escalatePath(convo.id))[0].request.json()).toEqual({
      inbox_id: INBOX_ID,
      priority: 'urgent',
      category: 'accounting',
      handoff: {
        reason: 'Charged twice',
        steps_taken: 'Checked both invoices',
        offers_made: null,
        help_needed: 'Refund one of them',
      },
    });

    expect(await screen.findByRole('heading', { name: 'Alan Turing', level: 1 })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(`/orgs/${ORG_ID}/conversations/${following.id}`);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByText('Grace Hopper was escalated to Service desk. Next in your queue: Alan Turing.')).toBeInTheDocument();
    // The escalated conversation is not its agent's any more: never asked for again (a 404).
    expect(reads()).toEqual(readsBefore);
  });

  it('goes back to the queue with a message when nothing else is waiting', async () => {
    const { convo } = setup({ next: false });
    const { user, router } = renderApp(`/orgs/${ORG_ID}/conversations/${convo.id}`);
    const dialog = await openDialog(user);
    await user.selectOptions(within(dialog).getByLabelText('Inbox'), 'Billing');
    await user.type(within(dialog).getByLabelText('Reason for escalating'), 'a');
    await user.type(within(dialog).getByLabelText('Steps taken'), 'b');
    await user.type(within(dialog).getByLabelText('Help needed'), 'c');
    await user.click(within(dialog).getByRole('button', { name: 'Escalate' }));
    expect(await screen.findByRole('heading', { name: 'Reply queue' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(`/orgs/${ORG_ID}/queue`);
    expect(screen.getByText('Grace Hopper was escalated to Billing. Nothing else is waiting in your queue.')).toBeInTheDocument();
  });

  it('says so in words when the conversation is already escalated (409)', async () => {
    const { convo } = setup({
      escalate: () =>
        problem(409, {
          type: 'https://escalations.dev/problems/already-escalated',
          title: 'The conversation is already escalated',
          detail: 'The conversation is already escalated',
        }),
    });
    const { user } = renderApp(`/orgs/${ORG_ID}/conversations/${convo.id}`);
    const dialog = await openDialog(user);
    await user.selectOptions(within(dialog).getByLabelText('Inbox'), 'Billing');
    await user.type(within(dialog).getByLabelText('Reason for escalating'), 'a');
    await user.type(within(dialog).getByLabelText('Steps taken'), 'b');
    await user.type(within(dialog).getByLabelText('Help needed'), 'c');
    await user.click(within(dialog).getByRole('button', { name: 'Escalate' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('The conversation is already escalated');
    expect(alert).toHaveTextContent('(409)');
    // Still open, with what was typed.
    expect(within(dialog).getByLabelText('Reason for escalating')).toHaveValue('a');
  });

  it('closes with Escape and gives focus back to the button', async () => {
    const { convo } = setup();
    const { user } = renderApp(`/orgs/${ORG_ID}/conversations/${convo.id}`);
    await openDialog(user);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByRole('button', { name: 'Escalate…' })).toHaveFocus();
  });

  it('offers the templates for the inbox and category, prefills the hand-off, and keeps required fields required', async () => {
    const refund = {
      template_id: 't1',
      name: 'Refund over limit',
      inbox_id: INBOX_ID,
      category: 'billing',
      handoff: { reason: 'Grace Hopper wants a refund', steps_taken: null, offers_made: '10% voucher', help_needed: 'Approve the refund' },
    };
    const { api, convo } = setup({ templates: [refund] });
    const { user } = renderApp(`/orgs/${ORG_ID}/conversations/${convo.id}`);
    const dialog = await openDialog(user);
    await user.selectOptions(within(dialog).getByLabelText('Inbox'), 'Service desk');
    const choice = await within(dialog).findByLabelText('Start from a template');
    const asked = api.calls.filter((c) => c.path.endsWith('/handoff-templates')).at(-1)!;
    expect(asked.search.get('inbox_id')).toBe(INBOX_ID);
    expect(asked.search.get('category')).toBeTruthy();

    await user.type(within(dialog).getByLabelText('Steps taken'), 'Checked the invoice');
    await user.selectOptions(choice, 'Refund over limit');
    expect(within(dialog).getByLabelText('Reason for escalating')).toHaveValue('Grace Hopper wants a refund');
    expect(within(dialog).getByLabelText('Offers made (optional)')).toHaveValue('10% voucher');
    expect(within(dialog).getByLabelText('Help needed')).toHaveValue('Approve the refund');
    // A field the template leaves empty keeps what was typed.
    expect(within(dialog).getByLabelText('Steps taken')).toHaveValue('Checked the invoice');

    // Required stays required: emptied, it blocks the escalation.
    await user.clear(within(dialog).getByLabelText('Steps taken'));
    await user.click(within(dialog).getByRole('button', { name: 'Escalate' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Please complete the hand-off');
    expect(within(dialog).getByLabelText('Steps taken')).toHaveAccessibleDescription(/Steps taken must not be blank/);
    expect(api.callsTo('POST', escalatePath(convo.id))).toHaveLength(0);
  });
});
