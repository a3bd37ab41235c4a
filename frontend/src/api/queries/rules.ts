import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import { keys, LIVE_INTERVAL_MS } from './keys';
import { invalidateEscalationViews } from './inboxes';
import type { RuleCreate, RuleTestRequest, RuleUpdate } from '../types';

/** The organisation's rules in evaluation order (one page of up to 200; admin+). */
export function useRules(orgId: string) {
  return useQuery({
    queryKey: keys.rules(orgId),
    queryFn: () =>
      unwrap(api.GET('/api/v1/orgs/{org_id}/rules', { params: { path: { org_id: orgId }, query: { limit: 200 } } })),
    select: (page) => page.items,
  });
}

export function useCreateRule(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: RuleCreate) =>
      unwrap(api.POST('/api/v1/orgs/{org_id}/rules', { params: { path: { org_id: orgId } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.rules(orgId) }),
  });
}

/** PATCH: any change bumps the rule's version. */
export function useUpdateRule(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ ruleId, body }: { ruleId: string; body: RuleUpdate }) =>
      unwrap(
        api.PATCH('/api/v1/orgs/{org_id}/rules/{rule_id}', {
          params: { path: { org_id: orgId, rule_id: ruleId } },
          body,
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.rules(orgId) }),
  });
}

export function useDeleteRule(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (ruleId: string) =>
      unwrap(api.DELETE('/api/v1/orgs/{org_id}/rules/{rule_id}', { params: { path: { org_id: orgId, rule_id: ruleId } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.rules(orgId) }),
  });
}

/** PUT the whole order; the list shows the new order at once (and the server's answer after). */
export function useReorderRules(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (ruleIds: string[]) =>
      unwrap(
        api.PUT('/api/v1/orgs/{org_id}/rules/order', { params: { path: { org_id: orgId } }, body: { rule_ids: ruleIds } }),
      ),
    onSuccess: (rules) => client.setQueryData(keys.rules(orgId), { items: rules, next_cursor: null }),
  });
}

/** The dry run: which rules would fire, changing nothing. */
export function useTestRules(orgId: string) {
  return useMutation({
    mutationFn: (body: RuleTestRequest) =>
      unwrap(api.POST('/api/v1/orgs/{org_id}/rules/test', { params: { path: { org_id: orgId } }, body })),
  });
}

/** Pending approvals (supervisor+), polled: they come in by themselves. */
export function useApprovals(orgId: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: keys.approvals(orgId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/orgs/{org_id}/approvals', {
          params: { path: { org_id: orgId }, query: { status: 'pending', limit: 200 } },
        }),
      ),
    select: (page) => page.items,
    enabled,
    refetchInterval: LIVE_INTERVAL_MS,
  });
}

export function useDecideApproval(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ approvalId, approve, reason }: { approvalId: string; approve: boolean; reason?: string }) => {
      const params = { path: { org_id: orgId, approval_id: approvalId } };
      return approve
        ? unwrap(api.POST('/api/v1/orgs/{org_id}/approvals/{approval_id}/approve', { params, body: { reason: reason || null } }))
        : unwrap(api.POST('/api/v1/orgs/{org_id}/approvals/{approval_id}/reject', { params, body: { reason: reason ?? '' } }));
    },
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: keys.approvals(orgId) });
      void client.invalidateQueries({ queryKey: keys.conversations(orgId) });
      void invalidateEscalationViews(client, orgId);
    },
  });
}
