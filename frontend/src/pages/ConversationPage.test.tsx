import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { baseHandlers, conversation, ME_ID, mockApi, ORG_ID, problem, renderApp } from '../test/utils';

const ESCALATION_ID = '99999999-9999-4999-8999-000000000abc';

function setup(postHandler?: (request: Request) => unknown) {
  const convo = conversation({
    contact: { id: 'c1', name: 'Grace Hopper', phone: '+44 20 7946 0000', email: 'grace@example.com', attributes: { plan: 'Gold' } },
  });
  const inbound = {
    id: 'm1',
    conversation_id: convo.id,
    direction: 'inbound',
    body: 'My invoice is wrong',
    author_id: null,
    created_at: new Date(Date.now() - 10 * 60_000).toISOString(),
  };
  const messages: Record<string, unknown>[] = [inbound];
  let current: Record<string, unknown> = { ...convo };
  const api = mockApi({
    ...baseHandlers('agent'),
    'GET /api/v1/orgs/:orgId/queue': () => ({ items: [current].filter((c) => c.needs_response), next_cursor: null }),
    'GET /api/v1/orgs/:orgId/conversations/:id': () => current,
    'GET /api/v1/orgs/:orgId/conversations/:id/messages': () => ({ items: messages, next_cursor: null }),
    'POST /api/v1/orgs/:orgId/conversations/:id/messages':
      postHandler ??
      (async (request) => {
        const body = await request.json();
        const created = {
          id: 'm2',
          conversation_id: convo.id,
          direction: body.direction,
          body: body.body,
          author_id: ME_ID,
          created_at: new Date().toISOString(),
        };
        messages.push(created);
        current = { ...current, needs_response: false, needs_response_since: null };
        return new Response(JSON.stringify(created), { status: 201, headers: { 'Content-Type': 'application/json' } });
      }),
  });
  return { api, convo, messages };
}

describe('Conversation', () => {
  it('shows the contact and the messages', async () => {
    const { convo } = setup();
    renderApp(`/orgs/${ORG_ID}/conversations/${convo.id}`);
    expect(await screen.findByRole('heading', { name: 'Grace Hopper', level: 1 })).toBeInTheDocument();
    const thread = await screen.findByRole('list', { name: /Messages with Grace Hopper/ });
    expect(within(thread).getByText('My invoice is wrong')).toBeInTheDocument();
    const contact = screen.getByRole('complementary', { name: 'Contact' });
    expect(within(contact).getByRole('link', { name: 'grace@example.com' })).toHaveAttribute('href', 'mailto:grace@example.com');
    expect(within(contact).getByText('Gold')).toBeInTheDocument();
    // The toolbar offers Escalate for a conversation that is not escalated yet.
    const toolbar = screen.getByRole('group', { name: 'Conversation actions' });
    expect(within(toolbar).getByRole('button', { name: 'Escalate…' })).toBeInTheDocument();
  });

  it('posts the reply as an outbound message and shows it at once', async () => {
    const { api, convo } = setup();
    const { user } = renderApp(`/orgs/${ORG_ID}/conversations/${convo.id}`);
    await screen.findByText('My invoice is wrong');
    expect(screen.getByText('Needs response')).toBeInTheDocument();

    const box = screen.getByLabelText('Reply to Grace Hopper');
    await user.type(box, 'Sorry about that, fixed now.');
    await user.click(screen.getByRole('button', { name: 'Send reply' }));

    await waitFor(() => expect(api.callsTo('POST', `/api/v1/orgs/${ORG_ID}/conversations/${convo.id}/messages`)).toHaveLength(1));
    const { request } = api.callsTo('POST', `/api/v1/orgs/${ORG_ID}/conversations/${convo.id}/messages`)[0];
    expect(request.credentials).toBe('same-origin'); // the session cookie goes with it
    // It names the newest message on screen: the API refuses it if the contact wrote since.
    expect(await request.json()).toEqual({ body: 'Sorry about that, fixed now.', direction: 'outbound', seen_message_id: 'm1' });

    const thread = screen.getByRole('list', { name: /Messages with Grace Hopper/ });
    expect(await within(thread).findByText('Sorry about that, fixed now.')).toBeInTheDocument();
    expect(within(thread).getByText('You')).toBeInTheDocument();
    expect(await screen.findByText('Reply sent.')).toBeInTheDocument();
    expect(box).toHaveValue('');
    // The conversation was re-read: it no longer needs a response.
    const header = screen.getByRole('heading', { name: 'Grace Hopper', level: 1 }).closest('header')!;
    expect(await within(header).findByText('Answered')).toBeInTheDocument();
    expect(within(header).queryByText('Needs response')).toBeNull();
  });

  it('shows a validation problem next to the reply box', async () => {
    const { convo } = setup(() =>
      problem(422, {
        title: 'Invalid request',
        detail: 'The request does not match the expected shape; see `errors`.',
        errors: [{ loc: ['body', 'body'], msg: 'String should have at most 10000 characters' }],
      }),
    );
    const { user } = renderApp(`/orgs/${ORG_ID}/conversations/${convo.id}`);
    await screen.findByText('My invoice is wrong');
    const box = screen.getByLabelText('Reply to Grace Hopper');
    await user.type(box, 'x');
    await user.click(screen.getByRole('button', { name: 'Send reply' }));
    expect(await screen.findByText('String should have at most 10000 characters')).toBeInTheDocument();
    expect(box).toHaveAccessibleDescription(/at most 10000 characters/);
    expect(screen.getByText('The reply was not sent.')).toBeInTheDocument();
    expect(box).toHaveValue('x');
  });

  it('shows "not found" for a conversation that is not visible', async () => {
    mockApi({
      ...baseHandlers('agent'),
      'GET /api/v1/orgs/:orgId/queue': () => ({ items: [], next_cursor: null }),
      'GET /api/v1/orgs/:orgId/conversations/:id': () => problem(404, { title: 'Not found', detail: 'Conversation not found' }),
    });
    renderApp(`/orgs/${ORG_ID}/conversations/44444444-0000-4000-8000-000000000000`);
    expect(await screen.findByRole('alert')).toHaveTextContent('Conversation not found');
  });

  it('shows who else is on the escalation, and says when I am typing a reply', async () => {
    const convo = conversation({
      contact: { id: 'c1', name: 'Grace Hopper', phone: null, email: null, attributes: {} },
      escalation: { id: ESCALATION_ID, status: 'claimed', priority: 'high', claimed_by: null, claim_expires_at: null },
    });
    const ana = { user_id: 'u-ana', display_name: 'Ana', email: 'ana@example.com', state: 'composing', since: '2026-01-01T00:00:00Z', expires_at: '2026-01-01T00:00:20Z' };
    const mine = (state: string) => ({ ...ana, user_id: ME_ID, display_name: 'Ada Agent', state });
    const api = mockApi({
      ...baseHandlers('agent'),
      'GET /api/v1/orgs/:orgId/queue': () => ({ items: [], next_cursor: null }),
      'GET /api/v1/orgs/:orgId/conversations/:id': () => convo,
      'GET /api/v1/orgs/:orgId/conversations/:id/messages': () => ({ items: [], next_cursor: null }),
      'GET /api/v1/orgs/:orgId/escalations/:id/presence': () => ({ items: [ana, mine('viewing')] }),
      'PUT /api/v1/orgs/:orgId/escalations/:id/presence': async (request) => ({ items: [ana, mine((await request.json()).state)] }),
      'DELETE /api/v1/orgs/:orgId/escalations/:id/presence': () => new Response(null, { status: 204 }),
    });
    const presence = `/api/v1/orgs/${ORG_ID}/escalations/${ESCALATION_ID}/presence`;
    const { user, unmount } = renderApp(`/orgs/${ORG_ID}/conversations/${convo.id}`);
    const notice = await screen.findByRole('list', { name: 'Also here' });
    expect(notice).toHaveTextContent('Ana is typing a reply');
    expect(notice).not.toHaveTextContent('Ada Agent'); // not myself
    await waitFor(() => expect(api.callsTo('PUT', presence)).toHaveLength(1));
    expect(await api.callsTo('PUT', presence)[0].request.json()).toEqual({ state: 'viewing' });

    await user.type(screen.getByLabelText('Reply to Grace Hopper'), 'On it');
    await waitFor(() => expect(api.callsTo('PUT', presence)).toHaveLength(2));
    expect(await api.callsTo('PUT', presence)[1].request.json()).toEqual({ state: 'composing' });

    unmount();
    await waitFor(() => expect(api.callsTo('DELETE', presence)).toHaveLength(1));
  });

  it('stops a reply written over a newer message, shows that message and keeps the draft', async () => {
    const newer = {
      id: 'm3',
      conversation_id: 'x',
      direction: 'inbound',
      body: 'Actually, it was the other invoice',
      author_id: null,
      created_at: new Date().toISOString(),
    };
    let stale = true;
    const { api, convo, messages } = setup(async (request) => {
      const body = await request.json();
      if (stale) {
        stale = false;
        return problem(409, {
          type: 'https://errors.example/stale-reply',
          title: 'A new message arrived since you opened this',
          detail: 'a new message arrived since you opened this',
          message_id: 'm3',
        });
      }
      return new Response(JSON.stringify({ ...newer, id: 'm4', direction: 'outbound', body: body.body, author_id: ME_ID }), {
        status: 201,
        headers: { 'Content-Type': 'application/json' },
      });
    });
    const messagesUrl = `/api/v1/orgs/${ORG_ID}/conversations/${convo.id}/messages`;
    const { user } = renderApp(`/orgs/${ORG_ID}/conversations/${convo.id}`);
    await screen.findByText('My invoice is wrong');
    // The contact writes again while the reply is being typed (the list on screen has not seen it yet).
    messages.push(newer);
    const box = screen.getByLabelText('Reply to Grace Hopper');
    await user.type(box, 'Refunded the invoice.');
    await user.click(screen.getByRole('button', { name: 'Send reply' }));

    expect(await screen.findByText('A new message arrived since you opened this')).toBeInTheDocument();
    expect(screen.getByText(/your draft is kept/)).toBeInTheDocument();
    const thread = screen.getByRole('list', { name: /Messages with Grace Hopper/ });
    const arrived = (await within(thread).findByText('Actually, it was the other invoice')).closest('li')!;
    expect(within(arrived).getByText('New')).toBeInTheDocument();
    expect(box).toHaveValue('Refunded the invoice.');

    await user.click(screen.getByRole('button', { name: 'Send reply' }));
    await waitFor(() => expect(api.callsTo('POST', messagesUrl)).toHaveLength(2));
    expect((await api.callsTo('POST', messagesUrl)[1].request.json()).seen_message_id).toBe('m3');
    expect(await screen.findByText('Reply sent.')).toBeInTheDocument();
    expect(box).toHaveValue('');
  });
});
