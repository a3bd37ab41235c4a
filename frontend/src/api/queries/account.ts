import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
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

export async function login(email: string, password: string): Promise<string> {
  const result = await unwrap(
    api.POST('/api/v1/auth/jwt/login', {
      body: { username: email, password },
      // fastapi-users wants an OAuth2 password form, not JSON.
      bodySerializer: (body) => new URLSearchParams(body as Record<string, string>).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    }),
  );
  return result.access_token;
}

export function register(email: string, password: string, displayName?: string) {
  return unwrap(
    api.POST('/api/v1/auth/register', {
      body: { email, password, ...(displayName ? { display_name: displayName } : {}) },
    }),
  );
}
