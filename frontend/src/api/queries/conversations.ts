import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import { keys, nextCursor, PAGE_SIZE, type ConversationFilters } from './keys';
import { liveInterval } from '../liveState';

/** The caller's reply queue: their conversations needing a response, oldest first. */
export function useQueue(orgId: string) {
  return useInfiniteQuery({
    queryKey: keys.queue(orgId),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/orgs/{org_id}/queue', {
          params: { path: { org_id: orgId }, query: { limit: PAGE_SIZE, cursor: pageParam } },
        }),
      ),
    getNextPageParam: nextCursor,
    refetchInterval: liveInterval,
  });
}

function filterQuery(filters: ConversationFilters) {
  return {
    ...(filters.campaignId ? { campaign_id: filters.campaignId } : {}),
    ...(filters.needsResponse !== undefined ? { needs_response: filters.needsResponse } : {}),
    ...(filters.inboxId ? { inbox_id: filters.inboxId } : {}),
    ...(filters.escalated !== undefined ? { escalated: filters.escalated } : {}),
  };
}

export function useConversations(orgId: string, filters: ConversationFilters) {
  return useInfiniteQuery({
    queryKey: keys.conversationList(orgId, filters),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/orgs/{org_id}/conversations', {
          params: {
            path: { org_id: orgId },
            query: { ...filterQuery(filters), limit: PAGE_SIZE, cursor: pageParam },
          },
        }),
      ),
    getNextPageParam: nextCursor,
    refetchInterval: liveInterval,
  });
}

/** {total, needs_response} for the campaign / inbox / escalated filters (the needs-response filter's own counts). */
export function useConversationCounts(orgId: string, filters: ConversationFilters) {
  return useQuery({
    queryKey: keys.conversationCounts(orgId, filters),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/orgs/{org_id}/conversations/counts', {
          params: { path: { org_id: orgId }, query: filterQuery(filters) },
        }),
      ),
    refetchInterval: liveInterval,
  });
}

export function useConversation(orgId: string, conversationId: string) {
  return useQuery({
    queryKey: keys.conversation(orgId, conversationId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/orgs/{org_id}/conversations/{conversation_id}', {
          params: { path: { org_id: orgId, conversation_id: conversationId } },
        }),
      ),
    refetchInterval: liveInterval,
  });
}

/** Messages oldest first; further pages are newer messages. */
export function useMessages(orgId: string, conversationId: string) {
  return useInfiniteQuery({
    queryKey: keys.messages(orgId, conversationId),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/orgs/{org_id}/conversations/{conversation_id}/messages', {
          params: {
            path: { org_id: orgId, conversation_id: conversationId },
            query: { limit: 200, cursor: pageParam },
          },
        }),
      ),
    getNextPageParam: nextCursor,
    refetchInterval: liveInterval,
  });
}

export function useSendReply(orgId: string, conversationId: string) {
  const client = useQueryClient();
  return useMutation({
    // `seenMessageId`: the newest message on screen; if the contact wrote since, the API refuses
    // the reply (409 stale-reply) rather than answer a message nobody read.
    mutationFn: ({ body, seenMessageId }: { body: string; seenMessageId?: string }) =>
      unwrap(
        api.POST('/api/v1/orgs/{org_id}/conversations/{conversation_id}/messages', {
          params: { path: { org_id: orgId, conversation_id: conversationId } },
          body: seenMessageId ? { body, direction: 'outbound', seen_message_id: seenMessageId } : { body, direction: 'outbound' },
        }),
      ),
    // The reply changes the thread, its needs-response flag, the queue and every count, and the
    // escalation's reply-by time (a reply is what it waited for).
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: keys.conversations(orgId) }),
        client.invalidateQueries({ queryKey: keys.queue(orgId) }),
        client.invalidateQueries({ queryKey: keys.escalations(orgId) }),
      ]),
  });
}
