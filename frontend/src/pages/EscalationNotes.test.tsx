import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { baseHandlers, escalation, inbox, INBOX_ID, ME_ID, mockApi, ORG_ID, problem, renderApp } from '../test/utils';

const OLIVIA = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const SAM = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const ALEX = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
const AT = '2026-01-05T09:00:00Z';

function note(id: string, author: string, body: string | null, extra: Record<string, unknown> = {}) {
  return {
    id,
    escalation_id: 'x',
    author_id: author,
    body,
    mentions: [],
    created_at: AT,
    updated_at: AT,
    edited_at: null,
    deleted_at: body === null ? AT : null,
    ...extra,
  };
}

function noteEvent(n: ReturnType<typeof note>, minute: number) {
  return {
    id: `ev-note-${n.id}`,
    type: 'escalation.note_added',
    actor_id: n.author_id,
    created_at: new Date(Date.UTC(2026, 0, 5, 9, minute)).toISOString(),
    data: { note_id: n.id, mentions: n.mentions },
    note: n,
  };
}

function setup({
  notes = [] as ReturnType<typeof note>[],
  followers = [] as Record<string, unknown>[],
  onNote = (_body: Record<string, unknown>): unknown => note('new', ME_ID, 'x'),
} = {}) {
  const current = escalation({ contactName: 'Grace Hopper', inbox_id: INBOX_ID });
  let following = [...followers];
  const api = mockApi({
    ...baseHandlers('agent', { inboxes: [inbox({ id: INBOX_ID, owner_ids: [ME_ID, OLIVIA] })] }),
    'GET /api/v1/orgs/:orgId/members': () => ({
      items: [
        { user_id: ME_ID, email: 'agent@example.com', display_name: 'Ada Agent', role: 'agent', created_at: AT },
        { user_id: OLIVIA, email: 'olivia@example.com', display_name: 'Olivia Owner', role: 'agent', created_at: AT },
        { user_id: SAM, email: 'sam@example.com', display_name: 'Sam Supervisor', role: 'supervisor', created_at: AT },
        { user_id: ALEX, email: 'alex@example.com', display_name: 'Alex Agent', role: 'agent', created_at: AT },
      ],
      next_cursor: null,
    }),
    'GET /api/v1/orgs/:orgId/sla-policies': () => ({ items: [], next_cursor: null }),
    'GET /api/v1/orgs/:orgId/escalations/:id': () => current,
    'GET /api/v1/orgs/:orgId/escalations/:id/events': () => ({
      items: [
        { id: 'ev-created', type: 'escalation.created', actor_id: ALEX, created_at: AT, data: { inbox_id: INBOX_ID }, note: null },
        ...notes.map((n, i) => noteEvent(n, i + 1)),
      ],
      next_cursor: null,
    }),
    'POST /api/v1/orgs/:orgId/escalations/:id/notes': async (request) => onNote(await request.json()),
    'PATCH /api/v1/orgs/:orgId/escalations/:id/notes/:noteId': async (request) => ({
      ...notes[0],
      ...(await request.json()),
    }),
    'DELETE /api/v1/orgs/:orgId/escalations/:id/notes/:noteId': () => new Response(null, { status: 204 }),
    'GET /api/v1/orgs/:orgId/escalations/:id/followers': () => ({ items: following }),
    'POST /api/v1/orgs/:orgId/escalations/:id/follow': () => {
      const me = { user_id: ME_ID, email: 'agent@example.com', display_name: 'Ada Agent', source: 'followed', created_at: AT };
      following = [...following, me];
      return me;
    },
    'POST /api/v1/orgs/:orgId/escalations/:id/unfollow': () => {
      following = following.filter((f) => f.user_id !== ME_ID);
      return new Response(null, { status: 204 });
    },
  });
  return { api, current };
}

describe('Escalation notes', () => {
  it('shows each note in the timeline where it was written, mentions by name', async () => {
    const { current } = setup({
      notes: [
        note('n1', OLIVIA, 'Hi @agent@example.com, refund approved?'),
        note('n2', ME_ID, 'Yes, done.', { edited_at: AT }),
        note('n3', OLIVIA, null),
      ],
    });
    renderApp(`/orgs/${ORG_ID}/escalations/${current.id}`);
    const trail = await screen.findByRole('list', { name: 'Audit trail, oldest first' });
    await waitFor(() => expect(within(trail).getByText('@Ada Agent')).toBeInTheDocument());
    const items = within(trail).getAllByRole('listitem');
    expect(items).toHaveLength(4);
    expect(items[1]).toHaveTextContent('Olivia Owner ·');
    expect(items[1]).toHaveTextContent('Hi @Ada Agent, refund approved?');
    // Only the author may change a note.
    expect(within(items[1]).queryByRole('button', { name: 'Edit' })).toBeNull();
    expect(items[2]).toHaveTextContent('edited');
    expect(within(items[2]).getByRole('button', { name: 'Edit' })).toBeInTheDocument();
    expect(items[3]).toHaveTextContent('A note was deleted');
  });

  it('offers the members who may see it after an @ and posts the note', async () => {
    const posted: Record<string, unknown>[] = [];
    const { current, api } = setup({ onNote: (body) => (posted.push(body), note('new', ME_ID, String(body.body))) });
    const { user } = renderApp(`/orgs/${ORG_ID}/escalations/${current.id}`);
    const box = await screen.findByRole('textbox', { name: 'Internal note' });
    await user.type(box, 'Can you check, @');
    const offered = await screen.findByRole('list', { name: 'Members to mention' });
    // The inbox's other owner and a supervisor; not the writer, not an agent who cannot see it.
    const names = within(offered).getAllByRole('button').map((b) => b.textContent);
    expect(names).toEqual(['Olivia Owner olivia@example.com', 'Sam Supervisor sam@example.com']);
    await user.type(box, 'sa');
    expect(within(screen.getByRole('list', { name: 'Members to mention' })).getAllByRole('button')).toHaveLength(1);
    await user.keyboard('{Enter}');
    expect(box).toHaveValue('Can you check, @sam@example.com ');
    await user.type(box, 'thanks');
    await user.click(screen.getByRole('button', { name: 'Add note' }));
    await waitFor(() => expect(posted).toEqual([{ body: 'Can you check, @sam@example.com thanks' }]));
    await waitFor(() => expect(box).toHaveValue(''));
    // The timeline is fetched again with the note in it.
    expect(api.callsTo('GET', `/api/v1/orgs/${ORG_ID}/escalations/${current.id}/events`).length).toBeGreaterThan(1);
  });

  it('shows the problem of a refused mention and keeps the draft', async () => {
    const { current } = setup({
      onNote: () =>
        problem(422, {
          type: 'https://escalations.dev/problems/unknown-mention',
          title: 'A mention names no member of the organisation',
          detail: '@nobody@example.com is not a member of this organisation.',
          mention: '@nobody@example.com',
        }),
    });
    const { user } = renderApp(`/orgs/${ORG_ID}/escalations/${current.id}`);
    const box = await screen.findByRole('textbox', { name: 'Internal note' });
    await user.type(box, 'ask @nobody@example.com');
    await user.click(screen.getByRole('button', { name: 'Add note' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('@nobody@example.com is not a member');
    expect(box).toHaveValue('ask @nobody@example.com');
  });

  it('lets the author edit and delete their note', async () => {
    const { current, api } = setup({ notes: [note('n1', ME_ID, 'First draft')] });
    const { user } = renderApp(`/orgs/${ORG_ID}/escalations/${current.id}`);
    await user.click(await screen.findByRole('button', { name: 'Edit' }));
    const box = screen.getByRole('textbox', { name: 'Edit note' });
    await user.clear(box);
    await user.type(box, 'Second thoughts');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const url = `/api/v1/orgs/${ORG_ID}/escalations/${current.id}/notes/n1`;
    await waitFor(() => expect(api.callsTo('PATCH', url)).toHaveLength(1));
    expect(await api.callsTo('PATCH', url)[0].request.json()).toEqual({ body: 'Second thoughts' });

    await user.click(await screen.findByRole('button', { name: 'Delete' }));
    expect(api.callsTo('DELETE', url)).toHaveLength(0); // asks first
    await user.click(screen.getByRole('button', { name: 'Delete this note' }));
    await waitFor(() => expect(api.callsTo('DELETE', url)).toHaveLength(1));
  });
});

describe('Escalation followers', () => {
  it('lists the followers and follows and unfollows', async () => {
    const { current, api } = setup({
      followers: [{ user_id: ALEX, email: 'alex@example.com', display_name: 'Alex Agent', source: 'escalated', created_at: AT }],
    });
    const { user } = renderApp(`/orgs/${ORG_ID}/escalations/${current.id}`);
    const panel = await screen.findByRole('region', { name: 'Followers' });
    expect(await within(panel).findByText('Alex Agent')).toBeInTheDocument();
    expect(panel).toHaveTextContent('Alex Agent (escalated it)');
    await user.click(within(panel).getByRole('button', { name: 'Follow' }));
    expect(await within(panel).findByText('You')).toBeInTheDocument();
    expect(api.callsTo('POST', `/api/v1/orgs/${ORG_ID}/escalations/${current.id}/follow`)).toHaveLength(1);
    await user.click(await within(panel).findByRole('button', { name: 'Unfollow' }));
    await waitFor(() => expect(within(panel).queryByText('You')).toBeNull());
    expect(api.callsTo('POST', `/api/v1/orgs/${ORG_ID}/escalations/${current.id}/unfollow`)).toHaveLength(1);
  });
});
