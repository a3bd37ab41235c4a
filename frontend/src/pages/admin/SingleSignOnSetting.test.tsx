import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { baseHandlers, mockApi, ORG_ID, problem, renderApp } from '../../test/utils';

const saved = {
  id: 'pppppppp-pppp-4ppp-8ppp-pppppppppppp',
  org_id: ORG_ID,
  name: 'Acme SSO',
  issuer: 'https://idp.example.com',
  client_id: 'escalations',
  allowed_domains: ['acme.example.com'],
  default_role: 'agent',
  passwords_allowed: true,
  created_at: '2026-12-01T00:00:00Z',
  updated_at: '2026-12-01T00:00:00Z',
};

function handlers(extra: Record<string, (request: Request) => unknown>) {
  return {
    ...baseHandlers('admin'),
    'GET /api/v1/orgs/:orgId/security-events': () => ({ items: [], next_cursor: null }),
    ...extra,
  };
}

describe('Admin › Security › Single sign-on', () => {
  it('turns single sign-on on with the provider the admin names', async () => {
    const api = mockApi(
      handlers({
        'GET /api/v1/orgs/:orgId/sso': () => problem(404, { title: 'No single sign-on here' }),
        'PUT /api/v1/orgs/:orgId/sso': async (request) => ({ ...saved, ...((await request.json()) as object) }),
      }),
    );
    const { user } = renderApp(`/orgs/${ORG_ID}/admin/security`);
    const panel = await screen.findByRole('region', { name: 'Single sign-on' });
    await user.type(await within(panel).findByLabelText(/^Name/), 'Acme SSO');
    await user.type(within(panel).getByLabelText('Issuer URL'), 'https://idp.example.com');
    await user.type(within(panel).getByLabelText('Client ID'), 'escalations');
    await user.type(within(panel).getByLabelText(/^Client secret/), 's3cret');
    await user.type(within(panel).getByLabelText(/^Email domains/), 'acme.example.com, acme.example.org');
    await user.selectOptions(within(panel).getByLabelText('Role on first sign-in'), 'supervisor');
    await user.click(within(panel).getByLabelText(/also sign in with a password/));
    await user.click(within(panel).getByRole('button', { name: 'Turn on single sign-on' }));

    await waitFor(() => expect(api.callsTo('PUT', `/api/v1/orgs/${ORG_ID}/sso`)).toHaveLength(1));
    expect(await api.callsTo('PUT', `/api/v1/orgs/${ORG_ID}/sso`)[0].request.json()).toEqual({
      name: 'Acme SSO',
      issuer: 'https://idp.example.com',
      client_id: 'escalations',
      client_secret: 's3cret',
      allowed_domains: ['acme.example.com', 'acme.example.org'],
      default_role: 'supervisor',
      passwords_allowed: false,
    });
  });

  it('keeps the stored secret when a change leaves it empty, and shows the API’s refusal', async () => {
    const api = mockApi(
      handlers({
        'GET /api/v1/orgs/:orgId/sso': () => saved,
        'PUT /api/v1/orgs/:orgId/sso': () =>
          problem(422, {
            title: 'Unprocessable Entity',
            errors: [{ loc: ['body', 'issuer'], msg: 'the issuer must be an https URL (http only on loopback)' }],
          }),
      }),
    );
    const { user } = renderApp(`/orgs/${ORG_ID}/admin/security`);
    const panel = await screen.findByRole('region', { name: 'Single sign-on' });
    const issuer = await within(panel).findByDisplayValue('https://idp.example.com');
    await user.clear(issuer);
    await user.type(issuer, 'http://idp.example.com');
    await user.click(within(panel).getByRole('button', { name: 'Save' }));
    expect(await within(panel).findByText(/must be an https URL/)).toBeInTheDocument();
    const body = (await api.callsTo('PUT', `/api/v1/orgs/${ORG_ID}/sso`)[0].request.json()) as Record<string, unknown>;
    expect(body.client_secret).toBeUndefined();
  });
});
