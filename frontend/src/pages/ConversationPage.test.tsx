import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { baseHandlers, conversation, ME_ID, mockApi, ORG_ID, problem, renderApp } from '../test/utils';

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
  return { api, convo };
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
    expect(await request.json()).toEqual({ body: 'Sorry about that, fixed now.', direction: 'outbound' });

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
});
