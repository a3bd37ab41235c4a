import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { baseHandlers, inbox, INBOX_ID, mockApi, ORG_ID, renderApp } from '../../../test/utils';
import { conditionDraft, describeConditions, conditionJson, conditionsJson, isFlat, newCondition, typedValue } from './drafts';
import { moved } from './RulesPage';
import { parseAttributes } from './DryRunPanel';

function rule(id: string, name: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    org_id: ORG_ID,
    name,
    enabled: true,
    trigger: 'message.received',
    position: 0,
    version: 1,
    conditions: { type: 'all', conditions: [{ type: 'keywords', any_of: ['supervisor'] }] },
    actions: [{ type: 'add_tag', tag: name }],
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    ...overrides,
  };
}

const path = `/api/v1/orgs/${ORG_ID}`;

function setup(initial = [rule('r1', 'first'), rule('r2', 'second'), rule('r3', 'third')]) {
  let rules = initial;
  const api = mockApi({
    ...baseHandlers('admin', { inboxes: [inbox({ id: INBOX_ID, name: 'Supervisors' })] }),
    'GET /api/v1/orgs/:orgId/rules': () => ({ items: rules, next_cursor: null }),
    'GET /api/v1/orgs/:orgId/calendars': () => ({ items: [], next_cursor: null }),
    'PUT /api/v1/orgs/:orgId/rules/order': async (request) => {
      const { rule_ids } = (await request.json()) as { rule_ids: string[] };
      rules = rule_ids.map((id, position) => ({ ...rules.find((r) => r.id === id)!, position }));
      return rules;
    },
    'PATCH /api/v1/orgs/:orgId/rules/:ruleId': async (request, params) => {
      const body = (await request.json()) as Record<string, unknown>;
      rules = rules.map((r) => (r.id === params.ruleId ? { ...r, ...body, version: r.version + 1 } : r));
      return rules.find((r) => r.id === params.ruleId);
    },
    'POST /api/v1/orgs/:orgId/rules': async (request) => {
      const body = (await request.json()) as Record<string, unknown>;
      const created = rule('r9', String(body.name), body);
      rules = [...rules, created];
      return new Response(JSON.stringify(created), { status: 201, headers: { 'Content-Type': 'application/json' } });
    },
    'POST /api/v1/orgs/:orgId/rules/test': () => ({
      trigger: 'message.received',
      evaluated: 3,
      timed_out: [],
      matched: [{ rule_id: 'r1', name: 'first', version: 1, actions: [{ type: 'escalate' }], stopped: true }],
    }),
  });
  return { api, ...renderApp(`/orgs/${ORG_ID}/admin/rules`) };
}

describe('Admin → Rules', () => {
  it('lists rules in order and reorders with Down and by dragging', async () => {
    const { api, user } = setup();
    const list = await screen.findByRole('list', { name: 'Rules in evaluation order' });
    await within(list).findAllByRole('listitem');
    const names = () => within(list).getAllByRole('listitem').map((li) => li.getAttribute('aria-label'));
    expect(names()).toEqual(['first', 'second', 'third']);

    await user.click(within(list).getByRole('button', { name: 'Down first' }));
    await waitFor(() => expect(names()).toEqual(['second', 'first', 'third']));
    const sent = api.callsTo('PUT', `${path}/rules/order`);
    expect(await sent[0].request.json()).toEqual({ rule_ids: ['r2', 'r1', 'r3'] });

    // Drag "third" onto the first place.
    const items = within(list).getAllByRole('listitem');
    fireEvent.dragStart(items[2], { dataTransfer: { setData: () => {}, effectAllowed: '' } });
    fireEvent.dragOver(items[0]);
    fireEvent.drop(items[0]);
    await waitFor(() => expect(names()).toEqual(['third', 'second', 'first']));
  });

  it('disables a rule', async () => {
    const { api, user } = setup();
    await user.click(await screen.findByRole('button', { name: 'Disable second' }));
    await waitFor(() => expect(api.callsTo('PATCH', `${path}/rules/r2`)).toHaveLength(1));
    expect(await api.callsTo('PATCH', `${path}/rules/r2`)[0].request.json()).toEqual({ enabled: false });
    expect(await screen.findByRole('button', { name: 'Enable second' })).toBeInTheDocument();
  });

  it('creates a rule from conditions and actions', async () => {
    const { api, user } = setup([]);
    await user.click(await screen.findByRole('button', { name: 'New rule' }));
    const form = screen.getByRole('form', { name: 'New rule' });
    await user.type(within(form).getByLabelText('Name'), 'Supervisor asked');
    await user.type(within(form).getByLabelText('Value 1'), 'supervisor, manager');
    await user.click(within(form).getByRole('button', { name: 'Add condition' }));
    await user.selectOptions(within(form).getByLabelText('Condition type 2'), 'contact_attribute');
    await user.type(within(form).getByLabelText('Attribute 2'), 'rma_count');
    await user.selectOptions(within(form).getByLabelText('Comparison 2'), 'gte');
    await user.type(within(form).getByLabelText('Value 2'), '2');
    await user.selectOptions(within(form).getByLabelText('Inbox 1'), INBOX_ID);
    await user.selectOptions(within(form).getByLabelText('Priority 1'), 'urgent');
    await user.click(within(form).getByRole('button', { name: 'Add action' }));
    await user.selectOptions(within(form).getByLabelText('Action type 2'), 'stop');
    await user.click(within(form).getByRole('button', { name: 'Create rule' }));
    await waitFor(() => expect(api.callsTo('POST', `${path}/rules`)).toHaveLength(1));
    expect(await api.callsTo('POST', `${path}/rules`)[0].request.json()).toEqual({
      name: 'Supervisor asked',
      trigger: 'message.received',
      conditions: {
        type: 'all',
        conditions: [
          { type: 'keywords', any_of: ['supervisor', 'manager'] },
          { type: 'contact_attribute', key: 'rma_count', op: 'gte', value: 2 },
        ],
      },
      actions: [{ type: 'escalate', inbox_id: INBOX_ID, priority: 'urgent' }, { type: 'stop' }],
    });
    expect(await screen.findByText('Rule “Supervisor asked” created.')).toBeInTheDocument();
  });

  it('runs a dry run and shows what would fire', async () => {
    const { api, user } = setup();
    const panel = await screen.findByRole('form', { name: 'Dry run' });
    await user.type(within(panel).getByLabelText('Sample message'), 'get me a supervisor');
    await user.type(within(panel).getByLabelText('Contact attributes'), 'tier=vip, rma_count=2');
    await user.click(within(panel).getByRole('button', { name: 'Test rules' }));
    const result = await screen.findByRole('list', { name: 'Rules that would fire' });
    expect(result).toHaveTextContent('first (version 1): Escalate into inbox — and stops there');
    expect(await api.callsTo('POST', `${path}/rules/test`)[0].request.json()).toEqual({
      trigger: 'message.received',
      message: 'get me a supervisor',
      contact: { attributes: { tier: 'vip', rma_count: 2 } },
    });
  });
});

describe('rule drafts', () => {
  it('round-trips conditions, negation included', () => {
    const node = { type: 'not', condition: { type: 'channel', any_of: ['sms', 'email'] } };
    expect(conditionJson(conditionDraft(node))).toEqual(node);
    expect(conditionsJson('any', [])).toEqual({ type: 'all', conditions: [] });
    expect(conditionJson({ ...newCondition('contact_attribute'), key: 'vip', op: 'exists' })).toEqual({
      type: 'contact_attribute',
      key: 'vip',
      op: 'exists',
    });
    expect(isFlat({ type: 'any', conditions: [{ type: 'all', conditions: [] }] })).toBe(false);
  });

  it('types values and moves items', () => {
    expect([typedValue('2'), typedValue('true'), typedValue('"2"'), typedValue('vip')]).toEqual([2, true, '2', 'vip']);
    expect(parseAttributes('tier=vip\nscore=4.5')).toEqual({ tier: 'vip', score: 4.5 });
    expect(moved(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(describeConditions({ type: 'campaign', any_of: ['c1'] }, new Map([['c1', 'Spring']]))).toBe('campaign is Spring');
  });
});
