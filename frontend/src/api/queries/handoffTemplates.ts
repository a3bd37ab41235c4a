import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import type { components } from '../schema';

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

type TemplateBody = components['schemas']['HandoffTemplateCreate'];

/** Every template of the organisation (Admin › Hand-off templates), and its changes. */
export function useHandoffTemplates(orgId: string) {
  const client = useQueryClient();
  const list = useQuery({
    queryKey: ['org', orgId, 'handoff-templates', 'all'] as const,
    queryFn: () => unwrap(api.GET('/api/v1/orgs/{org_id}/handoff-templates', { params: { path: { org_id: orgId } } })),
  });
  // Changes reach the escalate dialogs' lists too.
  const refresh = () => client.invalidateQueries({ queryKey: ['org', orgId, 'handoff-templates'] });
  const save = useMutation({
    mutationFn: ({ id, body }: { id?: string; body: TemplateBody }) =>
      id
        ? unwrap(
            api.PATCH('/api/v1/orgs/{org_id}/handoff-templates/{template_id}', {
              params: { path: { org_id: orgId, template_id: id } },
              body,
            }),
          )
        : unwrap(api.POST('/api/v1/orgs/{org_id}/handoff-templates', { params: { path: { org_id: orgId } }, body })),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (id: string) =>
      unwrap(
        api.DELETE('/api/v1/orgs/{org_id}/handoff-templates/{template_id}', {
          params: { path: { org_id: orgId, template_id: id } },
        }),
      ),
    onSuccess: refresh,
  });
  return { list, save, remove };
}
