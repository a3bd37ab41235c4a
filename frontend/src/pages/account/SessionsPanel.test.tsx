import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { baseHandlers, mockApi, renderApp } from '../../test/utils';

const HERE = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const PHONE = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const SCRIPT = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';

function session(id: string, overrides: Record<string, unknown> = {}) {
  const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
  return {
    id,
    transport: 'cookie',
    device: 'Chrome 156 on Linux',
    user_agent: 'Mozilla/5.0',
    ip: '203.0.113.7',
    created_at: minutesAgo(600),
    last_seen_at: minutesAgo(0),
    expires_at: new Date(Date.now() + 3_600_000).toISOString(),
    current: false,
    ...overrides,
  };
}

// The Security page also shows two-factor sign-in; here it is off.
const twoFactorOff = () => ({ enabled: false, enabled_at: null, backup_codes_left: 0 });

describe('Security: signed-in devices', () => {
  it('lists where the member is signed in and signs one device out', async () => {
    let sessions = [
      session(HERE, { current: true }),
      session(PHONE, { device: 'Mobile Safari 18 on iOS', last_seen_at: new Date(Date.now() - 45 * 60_000).toISOString() }),
      session(SCRIPT, { transport: 'bearer', device: 'python-httpx 0', ip: null }),
    ];
    const api = mockApi({
      ...baseHandlers(),
      'GET /api/v1/users/me/two-factor': twoFactorOff,
      'GET /api/v1/users/me/sessions': () => sessions,
      'DELETE /api/v1/users/me/sessions/:sessionId': (_request, { sessionId }) => {
        sessions = sessions.filter((s) => s.id !== sessionId);
        return new Response(null, { status: 204 });
      },
    });
    const { user } = renderApp('/security');
    await screen.findByRole('heading', { name: 'Security', level: 1 });
    const list = within(await screen.findByRole('region', { name: 'Signed-in devices' })).getByRole('list');
    const rows = within(list).getAllByRole('listitem');
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveTextContent('Chrome 156 on Linux');
    expect(within(rows[0]).getByText('This device')).toBeInTheDocument();
    // This device cannot be signed out from here (Sign out in the top bar does that).
    expect(within(rows[0]).queryByRole('button')).toBeNull();
    expect(rows[1]).toHaveTextContent('45 min ago');
    expect(rows[2]).toHaveTextContent('Access token (script or integration)');

    await user.click(within(rows[1]).getByRole('button', { name: 'Sign out Mobile Safari 18 on iOS' }));
    await user.click(within(rows[1]).getByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(api.callsTo('DELETE', `/api/v1/users/me/sessions/${PHONE}`)).toHaveLength(1));
    await waitFor(() => expect(screen.queryByText('Mobile Safari 18 on iOS')).toBeNull());
  });

  it('signs out every other device at once', async () => {
    let sessions = [session(HERE, { current: true }), session(PHONE), session(SCRIPT)];
    const api = mockApi({
      ...baseHandlers(),
      'GET /api/v1/users/me/two-factor': twoFactorOff,
      'GET /api/v1/users/me/sessions': () => sessions,
      'DELETE /api/v1/users/me/sessions': () => {
        sessions = sessions.filter((s) => s.current);
        return { ended: 2 };
      },
    });
    const { user } = renderApp('/security');
    await user.click(await screen.findByRole('button', { name: 'Sign out all other devices' }));
    expect(screen.getByText('Sign out 2 other devices?')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Sign them out' }));
    await waitFor(() => expect(api.callsTo('DELETE', '/api/v1/users/me/sessions')).toHaveLength(1));
    const region = screen.getByRole('region', { name: 'Signed-in devices' });
    await waitFor(() => expect(within(region).getAllByRole('listitem')).toHaveLength(1));
    expect(screen.queryByRole('button', { name: 'Sign out all other devices' })).toBeNull();
  });

  it('is reached from the Security link in the top bar', async () => {
    mockApi({
      ...baseHandlers(),
      'GET /api/v1/users/me/two-factor': twoFactorOff,
      'GET /api/v1/users/me/sessions': () => [session(HERE, { current: true })],
    });
    const { user, router } = renderApp('/orgs');
    await user.click(await screen.findByRole('link', { name: 'Security' }));
    expect(router.state.location.pathname).toBe('/security');
    await screen.findByRole('heading', { name: 'Signed-in devices' });
  });
});
