import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { isSignedIn } from '../auth/session';
import { json, mockApi, problem, renderApp } from '../test/utils';

const newUser = {
  id: 'aaaaaaaa-aaaa-4aaa-8aaa-000000000001',
  email: 'grace@example.com',
  display_name: 'Grace Hopper',
  is_active: true,
  is_superuser: false,
  is_verified: false,
};

describe('Register', () => {
  it('creates the account as JSON, signs in with it and lands on the organisations page', async () => {
    const api = mockApi({
      'POST /api/v1/auth/register': () => json(newUser, 201),
      'POST /api/v1/auth/cookie/login': () => new Response(null, { status: 204 }),
      'GET /api/v1/users/me': () => newUser,
      'GET /api/v1/orgs': () => ({ items: [], next_cursor: null }),
    });
    const { user, router } = renderApp('/register', { signedIn: false });

    expect(screen.getByRole('heading', { name: 'Create an account' })).toBeInTheDocument();
    expect(screen.getByLabelText('Email')).toHaveFocus();
    await user.type(screen.getByLabelText('Email'), '  grace@example.com ');
    await user.type(screen.getByLabelText('Name (optional)'), 'Grace Hopper');
    await user.type(screen.getByLabelText('Password'), 'a long pass phrase');
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    await waitFor(() => expect(api.callsTo('POST', '/api/v1/auth/register')).toHaveLength(1));
    expect(await api.callsTo('POST', '/api/v1/auth/register')[0].request.json()).toEqual({
      email: 'grace@example.com',
      password: 'a long pass phrase',
      display_name: 'Grace Hopper',
    });
    // Then signed in with the same credentials (the OAuth2 password form).
    await waitFor(() => expect(api.callsTo('POST', '/api/v1/auth/cookie/login')).toHaveLength(1));
    const form = new URLSearchParams(await api.callsTo('POST', '/api/v1/auth/cookie/login')[0].request.text());
    expect(form.get('username')).toBe('grace@example.com');
    expect(form.get('password')).toBe('a long pass phrase');

    // A new account belongs to no organisation yet: the page says how to get into one.
    await screen.findByRole('heading', { name: 'Organisations', level: 1 });
    expect(router.state.location.pathname).toBe('/orgs');
    expect(isSignedIn()).toBe(true);
    expect(await screen.findByText('You are not in any organisation yet')).toBeInTheDocument();
    expect(await screen.findByText('grace@example.com')).toBeInTheDocument();
  });

  it('leaves the name out when none is given', async () => {
    const api = mockApi({
      'POST /api/v1/auth/register': () => json({ ...newUser, display_name: null }, 201),
      'POST /api/v1/auth/cookie/login': () => new Response(null, { status: 204 }),
      'GET /api/v1/users/me': () => ({ ...newUser, display_name: null }),
      'GET /api/v1/orgs': () => ({ items: [], next_cursor: null }),
    });
    const { user } = renderApp('/register', { signedIn: false });
    await user.type(screen.getByLabelText('Email'), 'grace@example.com');
    await user.type(screen.getByLabelText('Password'), 'a long pass phrase');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    await waitFor(() => expect(api.callsTo('POST', '/api/v1/auth/register')).toHaveLength(1));
    expect(await api.callsTo('POST', '/api/v1/auth/register')[0].request.json()).toEqual({
      email: 'grace@example.com',
      password: 'a long pass phrase',
    });
  });

  it('explains an email address that is already registered, and does not sign in', async () => {
    const api = mockApi({
      'POST /api/v1/auth/register': () =>
        problem(400, {
          type: 'https://errors.example/bad-request',
          title: 'Bad Request',
          detail: 'REGISTER_USER_ALREADY_EXISTS',
          error_code: 'REGISTER_USER_ALREADY_EXISTS',
        }),
    });
    const { user, router } = renderApp('/register', { signedIn: false });
    await user.type(screen.getByLabelText('Email'), 'grace@example.com');
    await user.type(screen.getByLabelText('Password'), 'a long pass phrase');
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Bad Request (400)');
    expect(alert).toHaveTextContent('An account with this email address already exists. Sign in instead.');
    expect(api.callsTo('POST', '/api/v1/auth/cookie/login')).toHaveLength(0);
    expect(isSignedIn()).toBe(false);
    expect(router.state.location.pathname).toBe('/register');
    expect(screen.getByRole('button', { name: 'Create account' })).toBeEnabled();
  });

  it('shows the password rule the API gives as the reason', async () => {
    mockApi({
      'POST /api/v1/auth/register': () =>
        problem(400, {
          title: 'Bad Request',
          detail: 'REGISTER_INVALID_PASSWORD',
          error_code: 'REGISTER_INVALID_PASSWORD',
          reason: 'Password should be at least 8 characters.',
        }),
    });
    const { user } = renderApp('/register', { signedIn: false });
    await user.type(screen.getByLabelText('Email'), 'grace@example.com');
    await user.type(screen.getByLabelText('Password'), 'short');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The password is not allowed. Password should be at least 8 characters.',
    );
  });

  it('puts validation messages beside their fields', async () => {
    mockApi({
      'POST /api/v1/auth/register': () =>
        problem(422, {
          title: 'Invalid request',
          detail: 'The request is not valid.',
          errors: [{ loc: ['body', 'email'], msg: 'value is not a valid email address: An email address must have an @-sign.' }],
        }),
    });
    const { user } = renderApp('/register', { signedIn: false });
    await user.type(screen.getByLabelText('Email'), 'grace');
    await user.type(screen.getByLabelText('Password'), 'a long pass phrase');
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Please correct the highlighted fields.');
    const email = screen.getByLabelText('Email');
    await waitFor(() => expect(email).toHaveAttribute('aria-invalid', 'true'));
    expect(email).toHaveAccessibleDescription(/must have an @-sign/);
  });

  it('links to sign-in and back', async () => {
    mockApi({});
    const { router, user } = renderApp('/register', { signedIn: false });
    await user.click(screen.getByRole('link', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/sign-in');
    await user.click(screen.getByRole('link', { name: 'Create one' }));
    expect(await screen.findByRole('heading', { name: 'Create an account' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/register');
  });

  it('sends someone already signed in to the start page', async () => {
    mockApi({
      'GET /api/v1/users/me': () => newUser,
      'GET /api/v1/orgs': () => ({ items: [], next_cursor: null }),
    });
    const { router } = renderApp('/register');
    await screen.findByRole('heading', { name: 'Organisations', level: 1 });
    expect(router.state.location.pathname).toBe('/orgs');
  });
});
