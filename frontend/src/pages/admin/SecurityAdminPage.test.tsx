import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { baseHandlers, json, me, mockApi, ORG_ID, orgsPage, problem, renderApp } from '../../test/utils';

function event(kind: string, at: string, extra: Record<string, unknown> = {}) {
  return {
    id: `eeeeeeee-eeee-4eee-8eee-${at.replace(/\D/g, '').slice(-12)}`,
    kind,
    user_id: me.id,
    user_email: me.email,
    org_id: null,
    ip: '203.0.113.7',
    user_agent: 'Firefox',
    detail: {},
    at,
    ...extra,
  };
}

describe('Admin › Security', () => {
  it('requires two-factor of admins and supervisors, saying why it cannot yet', async () => {
    let requireTwoFactor = false;
    const api = mockApi({
      ...baseHandlers('admin'),
      'GET /api/v1/orgs': () => ({ items: [{ ...orgsPage('admin').items[0], require_two_factor: requireTwoFactor }], next_cursor: null }),
      'GET /api/v1/orgs/:orgId/security-events': () => ({ items: [], next_cursor: null }),
      'PATCH /api/v1/orgs/:orgId': async (request) => {
        const body = (await request.json()) as { require_two_factor: boolean };
        if (api.callsTo('PATCH', `/api/v1/orgs/${ORG_ID}`).length === 1) {
          return problem(409, {
            type: 'https://escalations.dev/problems/two-factor-enrol-before-requiring',
            title: 'Enable two-factor sign-in yourself first',
            detail: 'Enable two-factor sign-in for yourself first.',
          });
        }
        requireTwoFactor = body.require_two_factor;
        return json({ ...orgsPage('admin').items[0], require_two_factor: requireTwoFactor });
      },
    });
    const { user } = renderApp(`/orgs/${ORG_ID}/admin/security`);
    const box = await screen.findByRole('checkbox', { name: 'Require two-factor for admins and supervisors' });
    expect(box).not.toBeChecked();
    await user.click(box);
    expect(await screen.findByText('Enable two-factor sign-in for yourself first.')).toBeInTheDocument();
    expect(box).not.toBeChecked();

    await user.click(box);
    await waitFor(() => expect(box).toBeChecked());
    expect(await api.callsTo('PATCH', `/api/v1/orgs/${ORG_ID}`)[1].request.json()).toEqual({ require_two_factor: true });
  });

  it('lists the security events newest first, filtered by kind, with older ones on request', async () => {
    const api = mockApi({
      ...baseHandlers('admin'),
      'GET /api/v1/orgs/:orgId/security-events': (request) => {
        const query = new URL(request.url).searchParams;
        if (query.get('kind') === 'api_key_created') {
          return { items: [event('api_key_created', '2026-12-01T10:00:00Z', { detail: { name: 'Zendesk bridge' } })], next_cursor: null };
        }
        if (query.get('cursor') === 'next') {
          return { items: [event('sign_in_failed', '2026-12-01T08:00:00Z', { user_id: null, user_email: null, detail: { email: 'who@example.com' } })], next_cursor: null };
        }
        return { items: [event('sign_in', '2026-12-01T09:00:00Z'), event('two_factor_enrolled', '2026-12-01T09:30:00Z')], next_cursor: 'next' };
      },
    });
    const { user } = renderApp(`/orgs/${ORG_ID}/admin/security`);
    const table = await screen.findByRole('table', { name: 'Security events, newest first' });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(within(table).getByText('Two-factor turned on')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Older events' }));
    expect(await within(table).findByText('who@example.com')).toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('Kind'), 'api_key_created');
    expect(await screen.findByText('API key created (Zendesk bridge)')).toBeInTheDocument();
    const last = api.callsTo('GET', `/api/v1/orgs/${ORG_ID}/security-events`).at(-1);
    expect(last?.search.getAll('kind')).toEqual(['api_key_created']);
  });
});
