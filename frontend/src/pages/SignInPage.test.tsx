import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { isSignedIn } from '../auth/session';
import { baseHandlers, mockApi, ORG_ID, problem, renderApp } from '../test/utils';

describe('Sign in', () => {
  it('posts the credentials as form data (username, password); the session is a cookie', async () => {
    const api = mockApi({
      'POST /api/v1/auth/cookie/login': () => new Response(null, { status: 204 }),
      'GET /api/v1/users/me': () => ({ id: 'u', email: 'ada@example.com' }),
      'GET /api/v1/orgs': () => ({ items: [], next_cursor: null }),
    });
    const { user, router } = renderApp('/sign-in', { signedIn: false });
    // The page is a landmark, and its fields are inside it.
    expect(within(screen.getByRole('main')).getByLabelText('Email')).toBeInTheDocument();

    await user.type(screen.getByLabelText('Email'), 'ada@example.com');
    await user.type(screen.getByLabelText('Password'), 's3cret pass');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    await waitFor(() => expect(api.callsTo('POST', '/api/v1/auth/cookie/login')).toHaveLength(1));
    const { request } = api.callsTo('POST', '/api/v1/auth/cookie/login')[0];
    expect(request.headers.get('Content-Type')).toBe('application/x-www-form-urlencoded');
    const form = new URLSearchParams(await request.text());
    expect(form.get('username')).toBe('ada@example.com');
    expect(form.get('password')).toBe('s3cret pass');

    // Signed in: no token anywhere script can read; the browser sends the cookie by itself.
    await screen.findByRole('heading', { name: 'Organisations', level: 1 });
    expect(isSignedIn()).toBe(true);
    expect(JSON.stringify({ ...localStorage })).not.toMatch(/eyJ|token/i);
    const orgs = api.callsTo('GET', '/api/v1/orgs')[0].request;
    expect(orgs.headers.get('Authorization')).toBeNull();
    expect(orgs.credentials).toBe('same-origin');
    expect(router.state.location.pathname).toBe('/orgs');
  });

  it('shows the problem detail in words when the API answers 400', async () => {
    mockApi({
      'POST /api/v1/auth/cookie/login': () =>
        problem(400, {
          type: 'https://errors.example/bad-request',
          title: 'Bad Request',
          detail: 'LOGIN_BAD_CREDENTIALS',
          error_code: 'LOGIN_BAD_CREDENTIALS',
        }),
    });
    const { user } = renderApp('/sign-in', { signedIn: false });

    await user.type(screen.getByLabelText('Email'), 'ada@example.com');
    await user.type(screen.getByLabelText('Password'), 'wrong');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Bad Request');
    expect(alert).toHaveTextContent('The email address or password is wrong');
    expect(isSignedIn()).toBe(false);
    // Still on the form, with the button usable again.
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  });

  it('shows a plain problem detail as sent', async () => {
    mockApi({
      'POST /api/v1/auth/cookie/login': () =>
        problem(429, { title: 'Too Many Requests', detail: 'Too many sign-in attempts; wait a minute.' }),
    });
    const { user } = renderApp('/sign-in', { signedIn: false });
    await user.type(screen.getByLabelText('Email'), 'ada@example.com');
    await user.type(screen.getByLabelText('Password'), 'x');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many sign-in attempts; wait a minute.');
  });

  it('sends anyone whose token the API refuses (401) back to sign-in', async () => {
    mockApi({
      'GET /api/v1/users/me': () => problem(401, { title: 'Unauthorized', detail: 'Unauthorized' }),
      'GET /api/v1/orgs': () => problem(401, { title: 'Unauthorized', detail: 'Unauthorized' }),
    });
    const { router } = renderApp('/orgs', { signedIn: true });
    await screen.findByRole('heading', { name: 'Sign in' });
    expect(isSignedIn()).toBe(false);
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(router.state.location.search).toBe('?expired=1&next=%2Forgs');
    expect(screen.getByText('Your session has ended. Sign in again to continue.')).toBeInTheDocument();
  });

  it('signs out on the server, to a clean sign-in page', async () => {
    const api = mockApi({
      ...baseHandlers('agent'),
      'GET /api/v1/orgs/:orgId/queue': () => ({ items: [], next_cursor: null }),
      'POST /api/v1/auth/cookie/logout': () => new Response(null, { status: 204 }),
    });
    const { user, router } = renderApp(`/orgs/${ORG_ID}/queue`);
    await user.click(await screen.findByRole('button', { name: 'Sign out' }));
    await screen.findByRole('heading', { name: 'Sign in' });
    expect(api.callsTo('POST', '/api/v1/auth/cookie/logout')).toHaveLength(1);
    expect(isSignedIn()).toBe(false);
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(router.state.location.search).toBe('');
  });

  it('asks for the two-factor code after the password, then signs in', async () => {
    const api = mockApi({
      'POST /api/v1/auth/cookie/login': () =>
        problem(401, {
          type: 'https://escalations.dev/problems/two-factor-required',
          title: 'Enter your two-factor code',
          detail: 'This account has two-factor sign-in.',
          challenge: 'the-challenge',
          expires_in: 300,
        }),
      'POST /api/v1/auth/cookie/two-factor': async (request) => {
        const body = await request.json();
        return body.code === '123456'
          ? new Response(null, { status: 204 })
          : problem(422, { type: 'https://escalations.dev/problems/two-factor-code-invalid', title: 'Wrong code', detail: 'That code is not valid.' });
      },
      'GET /api/v1/users/me': () => ({ id: 'u', email: 'ada@example.com' }),
      'GET /api/v1/orgs': () => ({ items: [], next_cursor: null }),
    });
    const { user, router } = renderApp('/sign-in', { signedIn: false });
    await user.type(screen.getByLabelText('Email'), 'ada@example.com');
    await user.type(screen.getByLabelText('Password'), 's3cret pass');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    // Not signed in yet: the password alone opened nothing.
    const code = await screen.findByLabelText('Code');
    expect(isSignedIn()).toBe(false);
    expect(screen.getByRole('heading', { name: 'Two-factor sign-in' })).toBeInTheDocument();
    await user.type(code, '000000');
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('That code is not valid.');
    await user.clear(code);
    await user.type(code, '123456');
    await user.click(screen.getByRole('button', { name: 'Verify' }));

    await screen.findByRole('heading', { name: 'Organisations', level: 1 });
    expect(isSignedIn()).toBe(true);
    expect(router.state.location.pathname).toBe('/orgs');
    const sent = api.callsTo('POST', '/api/v1/auth/cookie/two-factor');
    expect(sent).toHaveLength(2);
    expect(await sent[1].request.json()).toEqual({ challenge: 'the-challenge', code: '123456' });
  });

  it('offers "Sign in with <provider>" for an email of a domain that signs in elsewhere', async () => {
    const api = mockApi({
      'GET /api/v1/auth/sso/discover': (request) => {
        const email = new URL(request.url).searchParams.get('email') ?? '';
        return email.endsWith('@acme.example.com')
          ? { provider: { provider_id: 'p1', name: 'Acme SSO', start_url: '/api/v1/auth/sso/p1/start' } }
          : { provider: null };
      },
    });
    const { user } = renderApp('/sign-in?next=%2Forgs%2Fx', { signedIn: false });
    await user.type(screen.getByLabelText('Email'), 'ada@other.example.com');
    await waitFor(() => expect(api.callsTo('GET', '/api/v1/auth/sso/discover').length).toBeGreaterThan(0));
    expect(screen.queryByRole('link', { name: /Sign in with/ })).toBeNull();

    await user.clear(screen.getByLabelText('Email'));
    await user.type(screen.getByLabelText('Email'), 'ada@acme.example.com');
    const link = await screen.findByRole('link', { name: 'Sign in with Acme SSO' });
    expect(link).toHaveAttribute('href', '/api/v1/auth/sso/p1/start?next=%2Forgs%2Fx');
  });
});
