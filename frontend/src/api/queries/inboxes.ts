import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import { ifMatch, type Version } from '../versions';
import { ApiError, toProblem } from '../problem';
import { keys } from './keys';
import { liveInterval } from '../liveState';
import type { InboxCreate, InboxUpdate } from '../types';

/**
 * Every inbox of the organisation (one page of up to 200: inboxes are few). Agents need the names
 * to escalate; owners and supervisors+ also get live counts, so the list is polled.
 */
export function useInboxes(orgId: string, { live = true }: { live?: boolean } = {}) {
  return useQuery({
    queryKey: keys.inboxes(orgId),
    queryFn: () =>
      unwrap(api.GET('/api/v1/orgs/{org_id}/inboxes', { params: { path: { org_id: orgId }, query: { limit: 200 } } })),
    select: (page) => page.items,
    refetchInterval: live ? liveInterval : false,
  });
}

/** Invalidate everything an inbox or escalation change can touch: inboxes, escalations, threads, queue. */
export function invalidateEscalationViews(client: ReturnType<typeof useQueryClient>, orgId: string) {
  return Promise.all([
    client.invalidateQueries({ queryKey: keys.inboxes(orgId) }),
    client.invalidateQueries({ queryKey: keys.escalations(orgId) }),
    client.invalidateQueries({ queryKey: keys.conversations(orgId) }),
    client.invalidateQueries({ queryKey: keys.queue(orgId) }),
  ]);
}

export function useCreateInbox(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: InboxCreate) =>
      unwrap(api.POST('/api/v1/orgs/{org_id}/inboxes', { params: { path: { org_id: orgId } }, body })),
    onSuccess: () => invalidateEscalationViews(client, orgId),
  });
}

export function useUpdateInbox(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ inboxId, body, version }: { inboxId: string; body: InboxUpdate; version: Version }) =>
      unwrap(
        api.PATCH('/api/v1/orgs/{org_id}/inboxes/{inbox_id}', {
          params: { path: { org_id: orgId, inbox_id: inboxId }, header: ifMatch(version) },
          body,
        }),
      ),
    onSuccess: () => invalidateEscalationViews(client, orgId),
  });
}

/**
 * DELETE answers 204 with `X-De-Escalated-Count`: how many conversations went back to their
 * campaigns. Resolves to that number (null when the header is missing).
 */
export function useDeleteInbox(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ inboxId, version }: { inboxId: string; version: Version }): Promise<number | null> => {
      const { error, response } = await api.DELETE('/api/v1/orgs/{org_id}/inboxes/{inbox_id}', {
        params: { path: { org_id: orgId, inbox_id: inboxId }, header: ifMatch(version) },
      });
      if (!response.ok) throw new ApiError(response.status, toProblem(error, response.status, response.statusText));
      const header = response.headers.get('X-De-Escalated-Count');
      return header === null || Number.isNaN(Number(header)) ? null : Number(header);
    },
    onSuccess: () => invalidateEscalationViews(client, orgId),
  });
}

/** Claim the next batch of an inbox (its owners only): `{items, expires_at}`. */
export function useClaimBatch(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (inboxId: string) =>
      unwrap(
        api.POST('/api/v1/orgs/{org_id}/inboxes/{inbox_id}/claims', {
          params: { path: { org_id: orgId, inbox_id: inboxId } },
          body: {},
        }),
      ),
    // Not awaited: the claimed batch is shown at once; the lists catch up when the refetch lands.
    onSuccess: () => {
      void invalidateEscalationViews(client, orgId);
    },
  });
}
