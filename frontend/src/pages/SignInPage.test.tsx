import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { getToken } from '../auth/token';
import { baseHandlers, json, mockApi, ORG_ID, problem, renderApp } from '../test/utils';

describe('Sign in', () => {
  it('posts the credentials as form data (username, password)', async () => {
    const api = mockApi({
      'POST /api/v1/auth/jwt/login': () => json({ access_token: 'jwt-123', token_type: 'bearer' }),
      'GET /api/v1/users/me': () => ({ id: 'u', email: 'ada@example.com' }),
      'GET /api/v1/orgs': () => ({ items: [], next_cursor: null }),
    });
    const { user, router } = renderApp('/sign-in', { token: null });
    // The page is a landmark, and its fields are inside it.
    expect(within(screen.getByRole('main')).getByLabelText('Email')).toBeInTheDocument();

    await user.type(screen.getByLabelText('Email'), 'ada@example.com');
    await user.type(screen.getByLabelText('Password'), 's3cret pass');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    await waitFor(() => expect(api.callsTo('POST', '/api/v1/auth/jwt/login')).toHaveLength(1));
    const { request } = api.callsTo('POST', '/api/v1/auth/jwt/login')[0];
    expect(request.headers.get('Content-Type')).toBe('application/x-www-form-urlencoded');
    const form = new URLSearchParams(await request.text());
    expect(form.get('username')).toBe('ada@example.com');
    expect(form.get('password')).toBe('s3cret pass');

    // Signed in: the token is kept, later calls carry it, and the user lands on the start page.
    await screen.findByRole('heading', { name: 'Organisations', level: 1 });
    expect(getToken()).toBe('jwt-123');
    expect(api.callsTo('GET', '/api/v1/orgs')[0].request.headers.get('Authorization')).toBe('Bearer jwt-123');
    expect(router.state.location.pathname).toBe('/orgs');
  });

  it('shows the problem detail in words when the API answers 400', async () => {
    mockApi({
      'POST /api/v1/auth/jwt/login': () =>
        problem(400, {
          type: 'https://errors.example/bad-request',
          title: 'Bad Request',
          detail: 'LOGIN_BAD_CREDENTIALS',
          error_code: 'LOGIN_BAD_CREDENTIALS',
        }),
    });
    const { user } = renderApp('/sign-in', { token: null });

    await user.type(screen.getByLabelText('Email'), 'ada@example.com');
    await user.type(screen.getByLabelText('Password'), 'wrong');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Bad Request');
    expect(alert).toHaveTextContent('The email address or password is wrong');
    expect(getToken()).toBeNull();
    // Still on the form, with the button usable again.
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  });

  it('shows a plain problem detail as sent', async () => {
    mockApi({
      'POST /api/v1/auth/jwt/login': () =>
        problem(429, { title: 'Too Many Requests', detail: 'Too many sign-in attempts; wait a minute.' }),
    });
    const { user } = renderApp('/sign-in', { token: null });
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
    const { router } = renderApp('/orgs', { token: 'expired' });
    await screen.findByRole('heading', { name: 'Sign in' });
    expect(getToken()).toBeNull();
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(router.state.location.search).toBe('?expired=1&next=%2Forgs');
    expect(screen.getByText('Your session has ended. Sign in again to continue.')).toBeInTheDocument();
  });

  it('signs out to a clean sign-in page', async () => {
    mockApi({ ...baseHandlers('agent'), 'GET /api/v1/orgs/:orgId/queue': () => ({ items: [], next_cursor: null }) });
    const { user, router } = renderApp(`/orgs/${ORG_ID}/queue`);
    await user.click(await screen.findByRole('button', { name: 'Sign out' }));
    await screen.findByRole('heading', { name: 'Sign in' });
    expect(getToken()).toBeNull();
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(router.state.location.search).toBe('');
  });
});
