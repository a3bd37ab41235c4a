import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import { ApiError } from '../problem';
import type { components } from '../schema';

export type IdentityProvider = components['schemas']['IdentityProviderRead'];
export type IdentityProviderWrite = components['schemas']['IdentityProviderWrite'];
export type SsoProviderLink = components['schemas']['SsoProviderLink'];

const key = (orgId: string) => ['org', orgId, 'sso'] as const;

/** The organisation's OpenID Connect provider; null when it has none. */
export function useIdentityProvider(orgId: string) {
  return useQuery({
    queryKey: key(orgId),
    queryFn: async (): Promise<IdentityProvider | null> => {
      try {
        return await unwrap(api.GET('/api/v1/orgs/{org_id}/sso', { params: { path: { org_id: orgId } } }));
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });
}

export function useSaveIdentityProvider(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: IdentityProviderWrite) =>
      unwrap(api.PUT('/api/v1/orgs/{org_id}/sso', { params: { path: { org_id: orgId } }, body })),
    onSuccess: (saved) => client.setQueryData(key(orgId), saved),
  });
}

export function useRemoveIdentityProvider(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/orgs/{org_id}/sso', { params: { path: { org_id: orgId } } })),
    onSuccess: () => client.setQueryData(key(orgId), null),
  });
}

/** The provider that signs in people of this email's domain, or null. */
export async function discoverProvider(email: string): Promise<SsoProviderLink | null> {
  const found = await unwrap(api.GET('/api/v1/auth/sso/discover', { params: { query: { email } } }));
  return found.provider ?? null;
}
