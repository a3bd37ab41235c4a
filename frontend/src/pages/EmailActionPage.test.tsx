import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ME_ID, ORG_ID, baseHandlers, escalation, mockApi, problem, renderApp } from '../test/utils';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtZSJ9.c2lnbmF0dXJl';
const PATH = `/api/v1/actions/${TOKEN}`;
const expiresAt = '2026-12-08T10:00:00Z';

function described(state: 'valid' | 'used' | 'expired', esc = escalation({ contactName: 'Ann Example' })) {
  return { action: 'claim', state, expires_at: expiresAt, used_at: state === 'used' ? '2026-12-07T09:00:00Z' : null, escalation: esc };
}

describe('Email action page', () => {
  it('signed out, it asks for sign-in first and keeps the link as ?next=', async () => {
    mockApi({ ...baseHandlers('agent') });
    const { router } = renderApp(`/actions/${TOKEN}`, { signedIn: false });
    await screen.findByRole('heading', { name: /sign in/i });
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(new URLSearchParams(router.state.location.search).get('next')).toBe(`/actions/${TOKEN}`);
  });

  it('shows what the link does, claims only when confirmed, then offers the escalation', async () => {
    const esc = escalation({ contactName: 'Ann Example' });
    const api = mockApi({
      ...baseHandlers('agent'),
      'GET /api/v1/actions/:token': () => described('valid', esc),
      'POST /api/v1/actions/:token': () => ({
        action: 'claim',
        escalation: { ...esc, status: 'claimed', claimed_by: ME_ID, claim_expires_at: '2026-12-07T10:30:00Z' },
      }),
    });
    const { user } = renderApp(`/actions/${TOKEN}`);
    expect(await screen.findByRole('heading', { name: 'Ann Example' })).toBeInTheDocument();
    expect(screen.getByText('Wants a refund')).toBeInTheDocument();
    // Opening the link changed nothing.
    expect(api.callsTo('POST', PATH)).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Claim this escalation' }));
    expect(await screen.findByText(/Claimed\. It is yours until/)).toBeInTheDocument();
    expect(api.callsTo('POST', PATH)).toHaveLength(1);
    expect(screen.queryByRole('button', { name: 'Claim this escalation' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Open the escalation' })).toHaveAttribute(
      'href',
      `/orgs/${ORG_ID}/escalations/${esc.id}`,
    );
  });

  it('a lost race says who won', async () => {
    mockApi({
      ...baseHandlers('agent'),
      'GET /api/v1/actions/:token': () => described('valid'),
      'POST /api/v1/actions/:token': () =>
        problem(409, {
          type: 'https://escalations.dev/problems/escalation-already-claimed',
          title: 'Someone else holds the claim on this escalation',
          detail: 'Olga Owner claimed it first.',
          claimed_by_name: 'Olga Owner',
        }),
    });
    const { user } = renderApp(`/actions/${TOKEN}`);
    await user.click(await screen.findByRole('button', { name: 'Claim this escalation' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Olga Owner claimed it first.');
  });

  it('a used or expired link offers no claim, only the escalation', async () => {
    mockApi({ ...baseHandlers('agent'), 'GET /api/v1/actions/:token': () => described('used') });
    renderApp(`/actions/${TOKEN}`);
    expect(await screen.findByText(/This link was already used/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Claim this escalation' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Open the escalation' })).toBeInTheDocument();
  });

  it('a link sent to someone else is refused in words', async () => {
    mockApi({
      ...baseHandlers('agent'),
      'GET /api/v1/actions/:token': () =>
        problem(403, {
          type: 'https://escalations.dev/problems/action-link-not-yours',
          title: 'This action link was sent to someone else',
          detail: 'This action link was sent to someone else',
        }),
    });
    renderApp(`/actions/${TOKEN}`);
    expect(await screen.findByRole('alert')).toHaveTextContent('This action link was sent to someone else');
    expect(screen.queryByRole('button', { name: 'Claim this escalation' })).toBeNull();
  });
});
