import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import { ifMatch, type Version } from '../versions';
import { keys, LIVE_INTERVAL_MS, nextCursor, PAGE_SIZE } from './keys';
import type { Role } from '../types';
import type { components } from '../schema';

type CampaignUpdate = components['schemas']['CampaignUpdate'];

export function useMembers(orgId: string) {
  return useInfiniteQuery({
    queryKey: keys.members(orgId),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/orgs/{org_id}/members', {
          params: { path: { org_id: orgId }, query: { limit: PAGE_SIZE, cursor: pageParam } },
        }),
      ),
    getNextPageParam: nextCursor,
    refetchInterval: LIVE_INTERVAL_MS,
  });
}

/** One page of up to 200 members, for showing names beside ids (assignees). */
export function useMemberDirectory(orgId: string) {
  return useQuery({
    queryKey: [...keys.members(orgId), 'directory'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/orgs/{org_id}/members', { params: { path: { org_id: orgId }, query: { limit: 200 } } })),
    staleTime: 60_000,
    select: (page) => new Map(page.items.map((m) => [m.user_id, m])),
  });
}

export function useAddMember(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; role: Role }) =>
      unwrap(api.POST('/api/v1/orgs/{org_id}/members', { params: { path: { org_id: orgId } }, body: input })),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.members(orgId) }),
  });
}

export function useChangeRole(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { userId: string; role: Role }) =>
      unwrap(
        api.PATCH('/api/v1/orgs/{org_id}/members/{user_id}', {
          params: { path: { org_id: orgId, user_id: input.userId } },
          body: { role: input.role },
        }),
      ),
    // Changing one's own role changes what GET /orgs says too (and so the navigation).
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: keys.members(orgId) }),
        client.invalidateQueries({ queryKey: keys.orgs }),
      ]),
  });
}

export function useRemoveMember(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) =>
      unwrap(
        api.DELETE('/api/v1/orgs/{org_id}/members/{user_id}', {
          params: { path: { org_id: orgId, user_id: userId } },
        }),
      ),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: keys.members(orgId) }),
        client.invalidateQueries({ queryKey: keys.orgs }),
      ]),
  });
}

export function useCampaigns(orgId: string) {
  return useInfiniteQuery({
    queryKey: keys.campaigns(orgId),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/orgs/{org_id}/campaigns', {
          params: { path: { org_id: orgId }, query: { limit: PAGE_SIZE, cursor: pageParam } },
        }),
      ),
    getNextPageParam: nextCursor,
    refetchInterval: LIVE_INTERVAL_MS,
  });
}

/** Up to 200 campaigns for filters and name look-ups. */
export function useCampaignOptions(orgId: string) {
  return useQuery({
    queryKey: [...keys.campaigns(orgId), 'options'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/orgs/{org_id}/campaigns', { params: { path: { org_id: orgId }, query: { limit: 200 } } })),
    staleTime: 30_000,
    select: (page) => page.items,
  });
}

export function useCampaign(orgId: string, campaignId: string | undefined) {
  return useQuery({
    queryKey: keys.campaign(orgId, campaignId ?? ''),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/orgs/{org_id}/campaigns/{campaign_id}', {
          params: { path: { org_id: orgId, campaign_id: campaignId! } },
        }),
      ),
    enabled: Boolean(campaignId),
    staleTime: 60_000,
  });
}

export function useCreateCampaign(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) =>
      unwrap(api.POST('/api/v1/orgs/{org_id}/campaigns', { params: { path: { org_id: orgId } }, body: { name } })),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.campaigns(orgId) }),
  });
}

/** PATCH a campaign: its name and/or its auto-escalation rule (minutes + inbox, both or neither). */
export function useUpdateCampaign(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ campaignId, body, version }: { campaignId: string; body: CampaignUpdate; version: Version }) =>
      unwrap(
        api.PATCH('/api/v1/orgs/{org_id}/campaigns/{campaign_id}', {
          params: { path: { org_id: orgId, campaign_id: campaignId }, header: ifMatch(version) },
          body,
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.campaigns(orgId) }),
  });
}
