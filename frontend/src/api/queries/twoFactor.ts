import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import { keys, nextCursor, PAGE_SIZE } from './keys';
import type { components } from '../schema';

type Schemas = components['schemas'];
export type TwoFactorStatus = Schemas['TwoFactorRead'];
export type TwoFactorEnrolment = Schemas['TwoFactorEnrolmentRead'];
export type SecurityEvent = Schemas['SecurityEventRead'];
export type SecurityEventKind = Schemas['SecurityEventKind'];

const STATUS_KEY = ['two-factor'] as const;

/** My two-factor sign-in: on or off, and how many backup codes are left. */
export function useTwoFactor() {
  return useQuery({ queryKey: STATUS_KEY, queryFn: () => unwrap(api.GET('/api/v1/users/me/two-factor')) });
}

/** Whatever changed, every organisation may now let me in (or not): read them all again. */
function useRefreshAfterChange() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: STATUS_KEY });
    void client.invalidateQueries({ queryKey: ['org'] });
  };
}

export function useStartEnrolment() {
  return useMutation({ mutationFn: () => unwrap(api.POST('/api/v1/users/me/two-factor/enrolment')) });
}

export function useConfirmEnrolment() {
  const refresh = useRefreshAfterChange();
  return useMutation({
    mutationFn: (code: string) =>
      unwrap(api.POST('/api/v1/users/me/two-factor/enrolment/confirm', { body: { code } })),
    onSuccess: refresh,
  });
}

export function useRegenerateBackupCodes() {
  const refresh = useRefreshAfterChange();
  return useMutation({
    mutationFn: (body: { password: string; code: string }) =>
      unwrap(api.POST('/api/v1/users/me/two-factor/backup-codes', { body })),
    onSuccess: refresh,
  });
}

export function useDisableTwoFactor() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { password: string; code: string }) =>
      unwrap(api.POST('/api/v1/users/me/two-factor/disable', { body })),
    onSuccess: (status) => client.setQueryData(STATUS_KEY, status),
  });
}

/** Require two factors of the organisation's owners, admins and supervisors (admins). */
export function useRequireTwoFactor(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (required: boolean) =>
      unwrap(
        api.PATCH('/api/v1/orgs/{org_id}', {
          params: { path: { org_id: orgId } },
          body: { require_two_factor: required },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.orgs }),
  });
}

export interface SecurityEventFilters {
  kind?: SecurityEventKind;
  userId?: string;
}

/** The organisation's security audit trail, newest first, a page at a time (admins). */
export function useSecurityEvents(orgId: string, filters: SecurityEventFilters) {
  return useInfiniteQuery({
    queryKey: ['org', orgId, 'security-events', { ...filters }] as const,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/orgs/{org_id}/security-events', {
          params: {
            path: { org_id: orgId },
            query: {
              limit: PAGE_SIZE,
              cursor: pageParam,
              ...(filters.kind ? { kind: [filters.kind] } : {}),
              ...(filters.userId ? { user_id: filters.userId } : {}),
            },
          },
        }),
      ),
    getNextPageParam: nextCursor,
  });
}
