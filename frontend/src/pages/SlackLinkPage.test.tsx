import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ORG_ID, baseHandlers, mockApi, problem, renderApp } from '../test/utils';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJVMCJ9.c2ln';
const PATH = `/api/v1/slack/links/${TOKEN}`;

function link(state: 'valid' | 'linked' | 'expired') {
  return {
    team_id: 'T0001ABC',
    slack_user_id: 'U0SLACK1',
    slack_user_name: 'ann',
    org_id: ORG_ID,
    expires_at: '2026-12-07T10:15:00Z',
    state,
  };
}

describe('Slack link page', () => {
  it('signed out, it asks for sign-in first and keeps the link as ?next=', async () => {
    mockApi({ ...baseHandlers('agent') });
    const { router } = renderApp(`/slack/link/${TOKEN}`, { signedIn: false });
    await screen.findByRole('heading', { name: /sign in/i });
    expect(new URLSearchParams(router.state.location.search).get('next')).toBe(`/slack/link/${TOKEN}`);
  });

  it('names the Slack user, links nothing until confirmed, then says it is linked', async () => {
    const api = mockApi({
      ...baseHandlers('agent'),
      'GET /api/v1/slack/links/:token': () => link('valid'),
      'POST /api/v1/slack/links/:token': () => link('linked'),
    });
    const { user } = renderApp(`/slack/link/${TOKEN}`);
    expect(await screen.findByText(/asks to act as you/)).toHaveTextContent('@ann');
    expect(api.callsTo('POST', PATH)).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Yes, this Slack account is mine' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Linked.');
    expect(api.callsTo('POST', PATH)).toHaveLength(1);
    expect(screen.queryByRole('button', { name: 'Yes, this Slack account is mine' })).toBeNull();
  });

  it('a Slack user already linked to someone else is refused in words', async () => {
    mockApi({
      ...baseHandlers('agent'),
      'GET /api/v1/slack/links/:token': () => link('valid'),
      'POST /api/v1/slack/links/:token': () =>
        problem(409, {
          type: 'https://escalations.dev/problems/slack-user-already-linked',
          title: 'This Slack user is already linked to another member',
          detail: 'This Slack user is already linked to another member',
        }),
    });
    const { user } = renderApp(`/slack/link/${TOKEN}`);
    await user.click(await screen.findByRole('button', { name: 'Yes, this Slack account is mine' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('already linked to another member');
  });

  it('an expired link offers no confirmation', async () => {
    mockApi({ ...baseHandlers('agent'), 'GET /api/v1/slack/links/:token': () => link('expired') });
    renderApp(`/slack/link/${TOKEN}`);
    expect(await screen.findByText(/This link has expired/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Yes, this Slack account is mine' })).toBeNull();
  });
});
