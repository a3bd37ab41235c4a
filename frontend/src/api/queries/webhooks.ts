import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import { ifMatch, type Version } from '../versions';
import { keys, LIVE_INTERVAL_MS, nextCursor, PAGE_SIZE } from './keys';
import type { DeliveryStatus, WebhookCreate, WebhookUpdate } from '../types';

/** The organisation's webhook endpoints (one page of up to 200; admin+), polled for disabled ones. */
export function useWebhooks(orgId: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: keys.webhooks(orgId),
    queryFn: () =>
      unwrap(api.GET('/api/v1/orgs/{org_id}/webhooks', { params: { path: { org_id: orgId }, query: { limit: 200 } } })),
    select: (page) => page.items,
    enabled,
    refetchInterval: LIVE_INTERVAL_MS,
  });
}

export function useWebhook(orgId: string, webhookId: string) {
  return useQuery({
    queryKey: [...keys.webhooks(orgId), 'detail', webhookId],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/orgs/{org_id}/webhooks/{webhook_id}', {
          params: { path: { org_id: orgId, webhook_id: webhookId } },
        }),
      ),
    refetchInterval: LIVE_INTERVAL_MS,
  });
}

/** POST → the endpoint with its secret (shown this once). */
export function useCreateWebhook(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: WebhookCreate) =>
      unwrap(api.POST('/api/v1/orgs/{org_id}/webhooks', { params: { path: { org_id: orgId } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.webhooks(orgId) }),
  });
}

export function useUpdateWebhook(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ webhookId, body, version }: { webhookId: string; body: WebhookUpdate; version: Version }) =>
      unwrap(
        api.PATCH('/api/v1/orgs/{org_id}/webhooks/{webhook_id}', {
          params: { path: { org_id: orgId, webhook_id: webhookId }, header: ifMatch(version) },
          body,
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.webhooks(orgId) }),
  });
}

/** DELETE; 409 webhook-in-use while the escalation policy names it. */
export function useDeleteWebhook(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ webhookId, version }: { webhookId: string; version: Version }) =>
      unwrap(
        api.DELETE('/api/v1/orgs/{org_id}/webhooks/{webhook_id}', {
          params: { path: { org_id: orgId, webhook_id: webhookId }, header: ifMatch(version) },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.webhooks(orgId) }),
  });
}

/**
 * → {secret, previous_secret_expires_at}: the new secret, shown this once. The old one keeps
 * signing deliveries for `graceMinutes` (0: it stops at once); the list then shows until when.
 */
export function useRotateWebhookSecret(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ webhookId, graceMinutes }: { webhookId: string; graceMinutes: number }) =>
      unwrap(
        api.POST('/api/v1/orgs/{org_id}/webhooks/{webhook_id}/rotate-secret', {
          params: { path: { org_id: orgId, webhook_id: webhookId } },
          body: { grace_minutes: graceMinutes },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.webhooks(orgId) }),
  });
}

/** An endpoint's deliveries, newest first, optionally of one status; polled. */
export function useWebhookDeliveries(orgId: string, webhookId: string, status: DeliveryStatus | undefined) {
  return useInfiniteQuery({
    queryKey: keys.webhookDeliveries(orgId, webhookId, status ?? 'all'),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/orgs/{org_id}/webhooks/{webhook_id}/deliveries', {
          params: {
            path: { org_id: orgId, webhook_id: webhookId },
            query: { limit: PAGE_SIZE, cursor: pageParam, ...(status ? { status } : {}) },
          },
        }),
      ),
    getNextPageParam: nextCursor,
    refetchInterval: LIVE_INTERVAL_MS,
  });
}

/** 202: the same delivery (same webhook-id) is pending again with fresh attempts. */
export function useRedeliver(orgId: string, webhookId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: string) =>
      unwrap(
        api.POST('/api/v1/orgs/{org_id}/webhooks/{webhook_id}/deliveries/{delivery_id}/redeliver', {
          params: { path: { org_id: orgId, webhook_id: webhookId, delivery_id: deliveryId } },
        }),
      ),
    onSettled: () =>
      client.invalidateQueries({ queryKey: ['org', orgId, 'webhooks', 'deliveries', webhookId] }),
  });
}
