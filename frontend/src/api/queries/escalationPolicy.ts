import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import { keys } from './keys';
import type { EscalationPolicy } from '../types';

/** Who hears of escalations: categories with recipients, and the default recipients. */
export function useEscalationPolicy(orgId: string) {
  return useQuery({
    queryKey: keys.escalationPolicy(orgId),
    queryFn: () =>
      unwrap(api.GET('/api/v1/orgs/{org_id}/escalation-policy', { params: { path: { org_id: orgId } } })),
  });
}

/** PUT replaces the whole policy; removed categories' escalations move to `other`. */
export function useSaveEscalationPolicy(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: EscalationPolicy) =>
      unwrap(api.PUT('/api/v1/orgs/{org_id}/escalation-policy', { params: { path: { org_id: orgId } }, body })),
    onSuccess: (saved) => {
      client.setQueryData(keys.escalationPolicy(orgId), saved);
      // Escalations of a removed category now read `other`.
      void client.invalidateQueries({ queryKey: keys.escalations(orgId) });
    },
  });
}
