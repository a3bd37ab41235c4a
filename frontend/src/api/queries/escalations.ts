import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import { ifMatch, type Version } from '../versions';
import { keys, nextCursor } from './keys';
import { liveInterval } from '../liveState';
import { invalidateEscalationViews } from './inboxes';
import type { EscalationCreate } from '../types';

/** POST …/conversations/{id}/escalate → {escalation, next_conversation}. */
export function useEscalate(orgId: string, conversationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: EscalationCreate) =>
      unwrap(
        api.POST('/api/v1/orgs/{org_id}/conversations/{conversation_id}/escalate', {
          params: { path: { org_id: orgId, conversation_id: conversationId } },
          body,
        }),
      ),
    // Not awaited: the caller navigates on at once. The escalated conversation is no longer the
    // agent's: its own queries are dropped first, or refreshing the lists would refetch them while
    // its screen is still mounted (two 404s in the console).
    onSuccess: () => {
      client.removeQueries({ queryKey: keys.conversation(orgId, conversationId) });
      client.removeQueries({ queryKey: keys.messages(orgId, conversationId) });
      void invalidateEscalationViews(client, orgId);
    },
  });
}

/**
 * The owner view: the caller's inboxes (staff also see the rest), escalations grouped by campaign;
 * with `othersClaims`, also the claims others hold in them (their holder and time left).
 */
export function useOwnerView(orgId: string, { othersClaims = false }: { othersClaims?: boolean } = {}) {
  return useQuery({
    queryKey: [...keys.ownerView(orgId), { othersClaims }],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/orgs/{org_id}/me/escalations', {
          params: { path: { org_id: orgId }, query: othersClaims ? { others_claims: true } : {} },
        }),
      ),
    refetchInterval: liveInterval,
  });
}

export function useEscalation(orgId: string, escalationId: string | undefined) {
  return useQuery({
    queryKey: keys.escalation(orgId, escalationId ?? ''),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/orgs/{org_id}/escalations/{escalation_id}', {
          params: { path: { org_id: orgId, escalation_id: escalationId! } },
        }),
      ),
    enabled: Boolean(escalationId),
    refetchInterval: liveInterval,
  });
}

/** The audit trail, oldest first; further pages are newer events. */
export function useEscalationEvents(orgId: string, escalationId: string) {
  return useInfiniteQuery({
    queryKey: keys.escalationEvents(orgId, escalationId),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/orgs/{org_id}/escalations/{escalation_id}/events', {
          params: { path: { org_id: orgId, escalation_id: escalationId }, query: { limit: 200, cursor: pageParam } },
        }),
      ),
    getNextPageParam: nextCursor,
    refetchInterval: liveInterval,
  });
}

export type EscalationAction = { escalationId: string; version: Version } & (
  | { kind: 'release' }
  | { kind: 'move'; inboxId: string; note?: string }
  | { kind: 'de-escalate'; note?: string }
  | { kind: 'resolve'; note?: string }
);

/**
 * Release, move, de-escalate or resolve one escalation, if it is still the version the user saw
 * (`version`: its `updated_at`); every view of escalations is refreshed.
 */
export function useEscalationAction(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: EscalationAction) => {
      const params = { path: { org_id: orgId, escalation_id: action.escalationId }, header: ifMatch(action.version) };
      const note = 'note' in action && action.note?.trim() ? { note: action.note.trim() } : {};
      switch (action.kind) {
        case 'release':
          return unwrap(api.POST('/api/v1/orgs/{org_id}/escalations/{escalation_id}/release', { params }));
        case 'move':
          return unwrap(
            api.POST('/api/v1/orgs/{org_id}/escalations/{escalation_id}/move', {
              params,
              body: { inbox_id: action.inboxId, ...note },
            }),
          );
        case 'de-escalate':
          return unwrap(api.POST('/api/v1/orgs/{org_id}/escalations/{escalation_id}/de-escalate', { params, body: note }));
        case 'resolve':
          return unwrap(api.POST('/api/v1/orgs/{org_id}/escalations/{escalation_id}/resolve', { params, body: note }));
      }
    },
    // Not awaited: the caller's callbacks run at once. (The row that started a move or a
    // de-escalation leaves the list when the refetch lands; awaiting it would unmount the row
    // first, and TanStack Query drops the callbacks of an unmounted observer.)
    onSettled: () => {
      void invalidateEscalationViews(client, orgId);
    },
  });
}
