import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { baseHandlers, json, ME_ID, mockApi, ORG_ID, problem, renderApp } from '../../test/utils';
import { slugKey } from './EscalationPolicyPage';

const WEBHOOK_ID = 'bbbbbbbb-bbbb-4bbb-8bbb-000000000001';

const policy = {
  categories: [
    { key: 'service', name: 'Service', recipients: [{ type: 'member', user_id: ME_ID }] },
    { key: 'accounting', name: 'Accounting', recipients: [] },
    { key: 'other', name: 'Other', recipients: [{ type: 'email', address: 'desk@example.com' }] },
  ],
  default_recipients: [],
};

const webhook = {
  id: WEBHOOK_ID,
  url: 'https://helpdesk.example.com/hooks',
  description: 'Helpdesk',
  event_types: ['*'],
  enabled: true,
  disabled_reason: null,
  created_at: '2026-01-01T00:00:00Z',
};

function handlers(put: (request: Request) => unknown) {
  return {
    ...baseHandlers('admin'),
    'GET /api/v1/orgs/:orgId/escalation-policy': () => policy,
    'PUT /api/v1/orgs/:orgId/escalation-policy': put,
    'GET /api/v1/orgs/:orgId/webhooks': () => ({ items: [webhook], next_cursor: null }),
  };
}

describe('Admin → Escalation policy', () => {
  it('keeps “other”, warns about moved escalations and PUTs the whole policy', async () => {
    const api = mockApi(handlers(async (request) => json(await request.json())));
    const { user } = renderApp(`/orgs/${ORG_ID}/admin/escalation-policy`);

    const other = await screen.findByRole('listitem', { name: /^Other/ });
    const keep = within(other).getByRole('button', { name: /Remove category/ });
    expect(keep).toBeDisabled();
    expect(keep).toHaveAccessibleDescription('“Other” cannot be removed: escalations of removed categories move to it.');
    expect(within(other).getByRole('list', { name: 'Recipients of “Other”' })).toHaveTextContent('Email: desk@example.com');

    const service = screen.getByRole('listitem', { name: /^Service/ });
    expect(within(service).getByRole('list', { name: 'Recipients of “Service”' })).toHaveTextContent('Ada Agent (agent@example.com)');

    // Nothing to save yet.
    expect(screen.getByRole('button', { name: 'Save policy' })).toBeDisabled();

    // Remove Accounting: its escalations go to Other on save.
    const accounting = screen.getByRole('listitem', { name: /^Accounting/ });
    await user.click(within(accounting).getByRole('button', { name: /Remove category/ }));
    expect(screen.queryByRole('listitem', { name: /^Accounting/ })).toBeNull();
    expect(screen.getByRole('note')).toHaveTextContent(
      'When you save, the category “Accounting” is removed and its escalations move to “Other”.',
    );

    // An email recipient for Service (checked first), rename it.
    const addToService = within(service).getByRole('group', { name: 'Add a recipient to “Service”' });
    await user.selectOptions(within(addToService).getByLabelText('Type'), 'Email address');
    await user.type(within(addToService).getByLabelText('Email address'), 'not-an-address');
    await user.click(within(addToService).getByRole('button', { name: /^Add/ }));
    expect(within(addToService).getByText('Enter an email address, like desk@example.com.')).toBeInTheDocument();
    await user.clear(within(addToService).getByLabelText('Email address'));
    await user.type(within(addToService).getByLabelText('Email address'), 'billing@example.com');
    await user.click(within(addToService).getByRole('button', { name: /^Add/ }));
    await user.clear(within(service).getByLabelText('Name'));
    await user.type(within(service).getByLabelText('Name'), 'Service desk');

    // Default recipients: a webhook and a Slack URL.
    const addDefault = screen.getByRole('group', { name: 'Add a recipient to the default recipients' });
    await user.selectOptions(within(addDefault).getByLabelText('Type'), 'Webhook');
    await user.selectOptions(within(addDefault).getByLabelText('Webhook'), 'Helpdesk (https://helpdesk.example.com/hooks)');
    await user.click(within(addDefault).getByRole('button', { name: /^Add/ }));
    await user.selectOptions(within(addDefault).getByLabelText('Type'), 'Slack (incoming webhook URL)');
    await user.type(within(addDefault).getByLabelText('Slack webhook URL'), 'https://hooks.slack.com/services/T1/B2/c3');
    await user.click(within(addDefault).getByRole('button', { name: /^Add/ }));
    expect(screen.getByRole('list', { name: 'Recipients of the default recipients' })).toHaveTextContent(
      'Webhook: Helpdesk (https://helpdesk.example.com/hooks)',
    );

    // A new category; its key comes from the name.
    const addCategory = screen.getByRole('form', { name: 'Add a category' });
    await user.type(within(addCategory).getByLabelText('Category name'), 'VIP customers');
    expect(within(addCategory).getByLabelText('Category key')).toHaveValue('vip_customers');
    await user.click(within(addCategory).getByRole('button', { name: 'Add category' }));
    expect(screen.getByRole('listitem', { name: /^VIP customers/ })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Save policy' }));
    await waitFor(() => expect(api.callsTo('PUT', `/api/v1/orgs/${ORG_ID}/escalation-policy`)).toHaveLength(1));
    expect(await api.callsTo('PUT', `/api/v1/orgs/${ORG_ID}/escalation-policy`)[0].request.json()).toEqual({
      categories: [
        {
          key: 'service',
          name: 'Service desk',
          recipients: [
            { type: 'member', user_id: ME_ID },
            { type: 'email', address: 'billing@example.com' },
          ],
        },
        { key: 'other', name: 'Other', recipients: [{ type: 'email', address: 'desk@example.com' }] },
        { key: 'vip_customers', name: 'VIP customers', recipients: [] },
      ],
      default_recipients: [
        { type: 'webhook', webhook_id: WEBHOOK_ID },
        { type: 'slack', url: 'https://hooks.slack.com/services/T1/B2/c3' },
      ],
    });
    expect(
      await screen.findByText('Escalation policy saved. Escalations in “Accounting” now have the category “Other”.'),
    ).toBeInTheDocument();
  });

  it('shows the server’s validation problems in words, next to the recipient they concern', async () => {
    mockApi(
      handlers(() =>
        problem(422, {
          title: 'Invalid request',
          detail: 'The request does not match the expected shape; see `errors`.',
          errors: [
            { loc: ['body', 'categories', 2, 'recipients', 0, 'email', 'address'], msg: 'value is not a valid email address: The domain name example.com does not accept email.' },
            { loc: ['body'], msg: 'Value error, the `other` category cannot be removed' },
          ],
        }),
      ),
    );
    const { user } = renderApp(`/orgs/${ORG_ID}/admin/escalation-policy`);
    const service = await screen.findByRole('listitem', { name: /^Service/ });
    await user.clear(within(service).getByLabelText('Name'));
    await user.type(within(service).getByLabelText('Name'), 'Support');
    await user.click(screen.getByRole('button', { name: 'Save policy' }));

    const other = screen.getByRole('listitem', { name: /^Other/ });
    expect(await within(other).findByText(/does not accept email/)).toBeInTheDocument();
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Invalid request (422)');
    expect(alert).toHaveTextContent('Request: the `other` category cannot be removed');
    expect(alert).not.toHaveTextContent('does not accept email');
    expect(screen.getByText('The escalation policy was not saved.')).toBeInTheDocument();
  });

  it('makes keys from names', () => {
    expect(slugKey('Billing disputes')).toBe('billing_disputes');
    expect(slugKey('  Éclair & Co. 2 ')).toBe('eclair_co_2');
    expect(slugKey('42 things')).toBe('things');
  });
});
