import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import { keys } from './keys';
import { liveInterval } from '../liveState';

/**
 * Internal notes (issue 24). A note lives in the escalation's timeline (its events list), so every
 * change refreshes that list; other viewers hear of it through the live stream.
 */
export function useNoteActions(orgId: string, escalationId: string) {
  const client = useQueryClient();
  const path = { org_id: orgId, escalation_id: escalationId };
  const refresh = () => client.invalidateQueries({ queryKey: keys.escalationEvents(orgId, escalationId) });
  const add = useMutation({
    mutationFn: (body: string) =>
      unwrap(api.POST('/api/v1/orgs/{org_id}/escalations/{escalation_id}/notes', { params: { path }, body: { body } })),
    onSuccess: refresh,
  });
  const edit = useMutation({
    mutationFn: ({ noteId, body }: { noteId: string; body: string }) =>
      unwrap(
        api.PATCH('/api/v1/orgs/{org_id}/escalations/{escalation_id}/notes/{note_id}', {
          params: { path: { ...path, note_id: noteId } },
          body: { body },
        }),
      ),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (noteId: string) =>
      unwrap(
        api.DELETE('/api/v1/orgs/{org_id}/escalations/{escalation_id}/notes/{note_id}', {
          params: { path: { ...path, note_id: noteId } },
        }),
      ),
    onSuccess: refresh,
  });
  return { add, edit, remove };
}

export function useFollowers(orgId: string, escalationId: string) {
  return useQuery({
    queryKey: keys.followers(orgId, escalationId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/orgs/{org_id}/escalations/{escalation_id}/followers', {
          params: { path: { org_id: orgId, escalation_id: escalationId } },
        }),
      ),
    refetchInterval: liveInterval,
  });
}

/** Follow or stop following (`following`: what the caller wants to be). */
export function useFollow(orgId: string, escalationId: string) {
  const client = useQueryClient();
  const path = { org_id: orgId, escalation_id: escalationId };
  return useMutation({
    mutationFn: async (following: boolean) => {
      if (following) {
        await unwrap(api.POST('/api/v1/orgs/{org_id}/escalations/{escalation_id}/follow', { params: { path } }));
      } else {
        await unwrap(api.POST('/api/v1/orgs/{org_id}/escalations/{escalation_id}/unfollow', { params: { path } }));
      }
    },
    onSettled: () => client.invalidateQueries({ queryKey: keys.followers(orgId, escalationId) }),
  });
}
