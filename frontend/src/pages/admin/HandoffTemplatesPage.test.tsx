import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { baseHandlers, inbox, INBOX_ID, json, mockApi, ORG_ID, problem, renderApp } from '../../test/utils';

const POLICY = { categories: [{ key: 'billing', name: 'Billing', recipients: [] }, { key: 'other', name: 'Other', recipients: [] }] };

function template(overrides: Record<string, unknown> = {}) {
  return {
    id: 'tttttttt-tttt-4ttt-8ttt-000000000001',
    name: 'Refund over limit',
    inbox_id: INBOX_ID,
    category: 'billing',
    reason: '{{contact.name}} wants a refund',
    steps_taken: null,
    offers_made: null,
    help_needed: 'Approve it',
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    ...overrides,
  };
}

describe('Admin → Hand-off templates', () => {
  it('adds a template for an inbox and category, shows the API’s placeholder problem, edits and deletes', async () => {
    let items: ReturnType<typeof template>[] = [];
    let refused = false;
    const api = mockApi({
      ...baseHandlers('admin', { inboxes: [inbox({ id: INBOX_ID, name: 'Service desk' })] }),
      'GET /api/v1/orgs/:orgId/escalation-policy': () => POLICY,
      'GET /api/v1/orgs/:orgId/handoff-templates': () => ({ items }),
      'POST /api/v1/orgs/:orgId/handoff-templates': async (request) => {
        const body = await request.json();
        if (!refused) {
          refused = true;
          return problem(422, {
            title: 'The template uses a placeholder that does not exist',
            detail: '{{contact.nmae}} is not a placeholder',
            field: 'reason',
          });
        }
        items = [template({ ...body })];
        return json(items[0], 201);
      },
      'PATCH /api/v1/orgs/:orgId/handoff-templates/:id': async (request) => {
        items = [{ ...items[0], ...(await request.json()) }];
        return items[0];
      },
      'DELETE /api/v1/orgs/:orgId/handoff-templates/:id': () => {
        items = [];
        return new Response(null, { status: 204 });
      },
    });
    const { user } = renderApp(`/orgs/${ORG_ID}/admin/handoff-templates`);
    expect(await screen.findByText('No hand-off templates yet')).toBeInTheDocument();

    await user.type(screen.getByLabelText('Name'), 'Refund over limit');
    await user.selectOptions(screen.getByLabelText('Inbox'), 'Service desk');
    await screen.findByRole('option', { name: 'Billing' });
    await user.selectOptions(screen.getByLabelText('Category'), 'Billing');
    const reason = screen.getByLabelText('Reason for escalating');
    await user.click(reason);
    await user.paste('{{contact.nmae}} wants a refund');
    await user.click(screen.getByRole('button', { name: 'Add template' }));
    expect(await screen.findByText('{{contact.nmae}} is not a placeholder')).toBeInTheDocument();
    expect(reason).toHaveValue('{{contact.nmae}} wants a refund'); // kept to correct

    await user.clear(reason);
    await user.click(reason);
    await user.paste('{{contact.name}} wants a refund');
    await user.type(screen.getByLabelText('Help needed'), 'Approve it');
    await user.click(screen.getByRole('button', { name: 'Add template' }));
    const list = await screen.findByRole('list', { name: 'Hand-off templates' });
    expect(within(list).getByText('Service desk, Billing')).toBeInTheDocument();
    const [, sent] = api.callsTo('POST', `/api/v1/orgs/${ORG_ID}/handoff-templates`);
    expect(await sent.request.json()).toEqual({
      name: 'Refund over limit',
      inbox_id: INBOX_ID,
      category: 'billing',
      reason: '{{contact.name}} wants a refund',
      steps_taken: null,
      offers_made: null,
      help_needed: 'Approve it',
    });

    await user.click(within(list).getByRole('button', { name: 'Edit Refund over limit' }));
    await user.type(screen.getByLabelText('Steps taken'), 'Checked the order');
    await user.click(screen.getByRole('button', { name: 'Save template' }));
    await waitFor(() => expect(api.callsTo('PATCH', `/api/v1/orgs/${ORG_ID}/handoff-templates/${items[0].id}`)).toHaveLength(1));
    expect(await screen.findByText('Template “Refund over limit” saved.')).toBeInTheDocument();

    await user.click(within(list).getByRole('button', { name: 'Delete Refund over limit' }));
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('No hand-off templates yet')).toBeInTheDocument();
  });
});
