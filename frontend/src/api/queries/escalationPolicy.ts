import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import { ifMatchEtag } from '../versions';
import { keys } from './keys';
import type { EscalationPolicy } from '../types';

/** Who hears of escalations: categories with recipients, and the default recipients. */
export function useEscalationPolicy(orgId: string) {
  return useQuery({
    queryKey: keys.escalationPolicy(orgId),
    // Its version travels only as the ETag (it has no updated_at): kept beside it for the PUT.
    queryFn: async () => {
      const call = api.GET('/api/v1/orgs/{org_id}/escalation-policy', { params: { path: { org_id: orgId } } });
      const { response } = await call;
      return { policy: await unwrap(call), etag: response.headers.get('ETag') };
    },
  });
}

/** PUT replaces the whole policy; removed categories' escalations move to `other`. */
export function useSaveEscalationPolicy(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, etag }: { body: EscalationPolicy; etag: string | null }) => {
      const call = api.PUT('/api/v1/orgs/{org_id}/escalation-policy', {
        params: { path: { org_id: orgId }, header: etag ? ifMatchEtag(etag) : {} },
        body,
      });
      const { response } = await call;
      return { policy: await unwrap(call), etag: response.headers.get('ETag') };
    },
    onSuccess: (saved) => {
      client.setQueryData(keys.escalationPolicy(orgId), saved);
      // Escalations of a removed category now read `other`.
      void client.invalidateQueries({ queryKey: keys.escalations(orgId) });
    },
  });
}
