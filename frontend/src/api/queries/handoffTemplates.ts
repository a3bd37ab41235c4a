import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../client';

/** Hand-off templates that fit escalating this conversation into `inboxId` under `category`,
 * filled in for its contact by the API (issue 24). */
export function useHandoffSuggestions(orgId: string, conversationId: string, inboxId: string, category: string) {
  return useQuery({
    queryKey: ['org', orgId, 'handoff-templates', 'for', conversationId, inboxId, category] as const,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/orgs/{org_id}/conversations/{conversation_id}/handoff-templates', {
          params: {
            path: { org_id: orgId, conversation_id: conversationId },
            query: { ...(inboxId ? { inbox_id: inboxId } : {}), category },
          },
        }),
      ),
    enabled: !!inboxId,
    staleTime: 60_000,
  });
}
