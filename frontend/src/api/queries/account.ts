import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import { ApiError } from '../problem';
import { keys } from './keys';
import type { Organisation } from '../types';

export function useMe(enabled = true) {
  return useQuery({
    queryKey: keys.me,
    queryFn: () => unwrap(api.GET('/api/v1/users/me')),
    enabled,
    staleTime: 60_000,
  });
}

export function useOrgs(enabled = true) {
  return useQuery({
    queryKey: keys.orgs,
    // 200 is the API's maximum page size; nobody belongs to more organisations than that.
    queryFn: () => unwrap(api.GET('/api/v1/orgs', { params: { query: { limit: 200 } } })),
    enabled,
    staleTime: 30_000,
  });
}

export function useCreateOrg() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => unwrap(api.POST('/api/v1/orgs', { body: { name } })),
    onSuccess: (org: Organisation) => {
      client.setQueryData(keys.orgs, (old: { items: Organisation[]; next_cursor: string | null } | undefined) =>
        old ? { ...old, items: [...old.items, org] } : { items: [org], next_cursor: null },
      );
      return client.invalidateQueries({ queryKey: keys.orgs });
    },
  });
}

/** The password step said the account has a second factor: the code step needs this. */
export class TwoFactorRequired extends Error {
  readonly challenge: string;

  constructor(challenge: string) {
    super('Enter the code from your authenticator app');
    this.name = 'TwoFactorRequired';
    this.challenge = challenge;
  }
}

/** Sign the browser in: the API sets the HttpOnly session cookie (no token reaches script). */
export async function login(email: string, password: string): Promise<void> {
  try {
    await unwrap(
      api.POST('/api/v1/auth/cookie/login', {
        body: { username: email, password },
        // fastapi-users wants an OAuth2 password form, not JSON.
        bodySerializer: (body) => new URLSearchParams(body as Record<string, string>).toString(),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      }),
    );
  } catch (error) {
    const challenge =
      error instanceof ApiError && error.problem.type?.endsWith('/two-factor-required')
        ? error.problem.challenge
        : undefined;
    if (typeof challenge === 'string') throw new TwoFactorRequired(challenge);
    throw error;
  }
}

/** The second step: a code from the authenticator app, or a backup code. */
export async function completeTwoFactor(challenge: string, code: string): Promise<void> {
  await unwrap(api.POST('/api/v1/auth/cookie/two-factor', { body: { challenge, code } }));
}

/** End the session on the server and drop its cookie (works even if it already ended). */
export async function logout(): Promise<void> {
  await unwrap(api.POST('/api/v1/auth/cookie/logout'));
}

export function register(email: string, password: string, displayName?: string) {
  return unwrap(
    api.POST('/api/v1/auth/register', {
      body: { email, password, ...(displayName ? { display_name: displayName } : {}) },
    }),
  );
}
