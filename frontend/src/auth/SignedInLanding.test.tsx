import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { isSignedIn } from './session';
import { mockApi, renderApp } from '../test/utils';

describe('Landing after a sign-in made elsewhere (single sign-on)', () => {
  it('knows it is signed in and goes on to where the person was headed', async () => {
    mockApi({
      'GET /api/v1/users/me': () => ({ id: 'u', email: 'una@acme.example.com' }),
      'GET /api/v1/orgs': () => ({ items: [], next_cursor: null }),
    });
    const { router } = renderApp('/signed-in?next=%2Forgs', { signedIn: false });
    await screen.findByRole('heading', { name: 'Organisations', level: 1 });
    expect(isSignedIn()).toBe(true);
    expect(router.state.location.pathname).toBe('/orgs');
  });

  it('never goes to another site', async () => {
    mockApi({
      'GET /api/v1/users/me': () => ({ id: 'u', email: 'una@acme.example.com' }),
      'GET /api/v1/orgs': () => ({ items: [], next_cursor: null }),
    });
    const { router } = renderApp('/signed-in?next=%2F%2Fevil.example.com', { signedIn: false });
    await waitFor(() => expect(router.state.location.pathname).toBe('/orgs'));
  });
});
