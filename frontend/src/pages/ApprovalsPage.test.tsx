import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { baseHandlers, inbox, INBOX_ID, mockApi, ORG_ID, renderApp } from '../test/utils';

const approval = {
  id: 'a1',
  org_id: ORG_ID,
  conversation_id: 'c1',
  inbox_id: INBOX_ID,
  status: 'pending',
  priority: 'high',
  category: 'other',
  handoff: { reason: 'Threatens to sue', steps_taken: 'Listened', help_needed: 'Legal advice' },
  requested_by: null,
  rule_id: 'r1',
  agent_id: null,
  decided_by: null,
  decided_at: null,
  reason: null,
  escalation_id: null,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
};

function setup() {
  let pending = [approval, { ...approval, id: 'a2' }];
  const decide = (id: string, status: string, reason: unknown) => {
    pending = pending.filter((a) => a.id !== id);
    return { ...approval, id, status, reason };
  };
  const api = mockApi({
    ...baseHandlers('supervisor', { inboxes: [inbox({ id: INBOX_ID, name: 'Legal', restricted: true })] }),
    'GET /api/v1/orgs/:orgId/approvals': () => ({ items: pending, next_cursor: null }),
    'POST /api/v1/orgs/:orgId/approvals/:id/approve': (_r, p) => decide(p.id, 'approved', null),
    'POST /api/v1/orgs/:orgId/approvals/:id/reject': async (r, p) =>
      decide(p.id, 'rejected', ((await r.json()) as { reason: string }).reason),
  });
  return { api, ...renderApp(`/orgs/${ORG_ID}/approvals`) };
}

describe('Approvals', () => {
  it('approves one and rejects another with a reason', async () => {
    const { api, user } = setup();
    const list = await screen.findByRole('list', { name: 'Pending approvals' });
    const items = await within(list).findAllByRole('listitem', { name: 'Escalation into Legal requested by a rule' });
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('Reason: Threatens to sue');

    await user.click(within(items[0]).getByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(api.callsTo('POST', `/api/v1/orgs/${ORG_ID}/approvals/a1/approve`)).toHaveLength(1));
    expect(await screen.findByText('Approved: escalated into Legal.')).toBeInTheDocument();

    const [second] = await within(list).findAllByRole('listitem');
    await user.click(within(second).getByRole('button', { name: 'Reject…' }));
    const reject = within(second).getByRole('button', { name: 'Reject' });
    expect(reject).toBeDisabled(); // a reason first
    await user.type(within(second).getByLabelText('Reason for rejecting'), 'Not legal');
    await user.click(reject);
    await waitFor(() => expect(api.callsTo('POST', `/api/v1/orgs/${ORG_ID}/approvals/a2/reject`)).toHaveLength(1));
    expect(await api.callsTo('POST', `/api/v1/orgs/${ORG_ID}/approvals/a2/reject`)[0].request.json()).toEqual({
      reason: 'Not legal',
    });
    expect(await screen.findByText('Nothing waiting')).toBeInTheDocument();
  });

  it('is not for agents', async () => {
    mockApi({ ...baseHandlers('agent'), 'GET /api/v1/orgs/:orgId/queue': () => ({ items: [], next_cursor: null }) });
    renderApp(`/orgs/${ORG_ID}/approvals`);
    await waitFor(() => expect(screen.queryByRole('list', { name: 'Pending approvals' })).toBeNull());
  });

  it('names the member who asked, under a heading one level below the page', async () => {
    mockApi({
      ...baseHandlers('supervisor', { inboxes: [inbox({ id: INBOX_ID, name: 'Legal', restricted: true })] }),
      'GET /api/v1/orgs/:orgId/approvals': () => ({
        items: [{ ...approval, requested_by: 'u-alex', rule_id: null }],
        next_cursor: null,
      }),
      'GET /api/v1/orgs/:orgId/members': () => ({
        items: [
          { user_id: 'u-alex', email: 'agent1@example.com', display_name: 'Alex Agent', role: 'agent' },
        ],
        next_cursor: null,
      }),
    });
    renderApp(`/orgs/${ORG_ID}/approvals`);
    const item = await screen.findByRole('listitem', { name: 'Escalation into Legal requested by Alex Agent' });
    expect(item).toHaveTextContent('Requested by Alex Agent');
    expect(item).not.toHaveTextContent('agent1@example.com');
    expect(within(item).getByRole('heading', { level: 2 })).toHaveTextContent('Into Legal');
  });
});
