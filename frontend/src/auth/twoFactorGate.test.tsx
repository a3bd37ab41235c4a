import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { baseHandlers, mockApi, ORG_ID, problem, renderApp } from '../test/utils';

const required = () =>
  problem(403, {
    type: 'https://escalations.dev/problems/two-factor-enrolment-required',
    title: 'Enable two-factor sign-in first',
    detail: 'This organisation requires two-factor sign-in.',
  });

describe('TwoFactorGate', () => {
  it('leads a member the organisation requires two factors of to enrol, before anything else', async () => {
    const handlers = baseHandlers('supervisor');
    mockApi({
      ...handlers,
      'GET /api/v1/orgs/:orgId/inboxes': required,
      'GET /api/v1/orgs/:orgId/members': required,
      'GET /api/v1/orgs/:orgId/campaigns': required,
      'GET /api/v1/orgs/:orgId/me/availability': required,
      'GET /api/v1/orgs/:orgId/notifications': required,
      'GET /api/v1/orgs/:orgId/conversations': required,
      'GET /api/v1/orgs/:orgId/queue': required,
      'GET /api/v1/users/me/two-factor': () => ({ enabled: false, enabled_at: null, enrolment_pending: false, backup_codes_left: 0 }),
      'GET /api/v1/users/me/sessions': () => [],
    });
    const { router } = renderApp(`/orgs/${ORG_ID}/queue`);
    // Generous: under a loaded machine the org's look-ups take a while to fail.
    await waitFor(() => expect(router.state.location.pathname).toBe('/security'), { timeout: 5000 });
    // By its words: the organisation page's own refusal may still be on screen as an alert for a moment.
    expect(await screen.findByText(/Your organisation requires two-factor sign-in/, {}, { timeout: 5000 })).toBeInTheDocument();
    expect(router.state.location.state).toMatchObject({ enrolmentRequired: true, from: `/orgs/${ORG_ID}/queue` });
  });

  it('leaves other refusals to the page that met them', async () => {
    mockApi({
      ...baseHandlers('agent'),
      'GET /api/v1/orgs/:orgId/inboxes': () => problem(403, { type: 'https://escalations.dev/problems/insufficient-role', title: 'Forbidden' }),
    });
    const { router } = renderApp(`/orgs/${ORG_ID}/queue`);
    await screen.findByRole('heading', { level: 1 });
    expect(router.state.location.pathname).toBe(`/orgs/${ORG_ID}/queue`);
  });
});
