import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import type { components } from '../schema';

export type SignedInSession = components['schemas']['SessionRead'];

const KEY = ['me', 'sessions'] as const;

/** The member's signed-in devices, the most recently used first. */
export function useSessions() {
  return useQuery({
    queryKey: KEY,
    queryFn: () => unwrap(api.GET('/api/v1/users/me/sessions')),
    staleTime: 30_000,
  });
}

/** Sign one device out (its very next request fails). */
export function useEndSession() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (sessionId: string) =>
      unwrap(api.DELETE('/api/v1/users/me/sessions/{session_id}', { params: { path: { session_id: sessionId } } })),
    onSettled: () => client.invalidateQueries({ queryKey: KEY }),
  });
}

/** Sign out every device but this one. */
export function useEndOtherSessions() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/users/me/sessions')),
    onSettled: () => client.invalidateQueries({ queryKey: KEY }),
  });
}
