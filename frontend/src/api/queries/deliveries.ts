import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import { keys, LIVE_INTERVAL_MS, nextCursor, PAGE_SIZE } from './keys';
import type { DeliveryChannel, NotificationDeliveryStatus } from '../types';

export interface DeliveryFilters {
  channel?: DeliveryChannel;
  status?: NotificationDeliveryStatus;
}

/** Every email, Slack and webhook delivery, newest first, optionally filtered; paged and polled (admin+). */
export function useNotificationDeliveries(orgId: string, filters: DeliveryFilters) {
  return useInfiniteQuery({
    queryKey: keys.notificationDeliveryList(orgId, { ...filters }),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/orgs/{org_id}/notification-deliveries', {
          params: {
            path: { org_id: orgId },
            query: {
              limit: PAGE_SIZE,
              cursor: pageParam,
              ...(filters.channel ? { channel: filters.channel } : {}),
              ...(filters.status ? { status: filters.status } : {}),
            },
          },
        }),
      ),
    getNextPageParam: nextCursor,
    refetchInterval: LIVE_INTERVAL_MS,
  });
}

/** How many deliveries died in the last 7 days (the badge on the Deliveries tab); admin+ only. */
export function useDeadDeliveryCount(orgId: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: keys.deadDeliveries(orgId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/orgs/{org_id}/notification-deliveries', {
          params: { path: { org_id: orgId }, query: { limit: 1, status: 'dead' } },
        }),
      ),
    select: (page) => page.dead_count,
    enabled,
    refetchInterval: LIVE_INTERVAL_MS * 6,
  });
}

/** 202: the same delivery (same Message-ID / webhook-id) is pending again with fresh attempts. */
export function useRedeliverNotification(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: string) =>
      unwrap(
        api.POST('/api/v1/orgs/{org_id}/notification-deliveries/{delivery_id}/redeliver', {
          params: { path: { org_id: orgId, delivery_id: deliveryId } },
        }),
      ),
    onSettled: () => client.invalidateQueries({ queryKey: keys.notificationDeliveries(orgId) }),
  });
}
