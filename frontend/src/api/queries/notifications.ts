import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import { keys, nextCursor, PAGE_SIZE } from './keys';
import { liveInterval } from '../liveState';
import type { MutableChannel } from '../types';

/** How many notifications the bell's panel shows (the page has the rest). */
export const BELL_SIZE = 8;

/** The newest few notifications and the unread count, polled: the bell in the top bar. */
export function useNotificationBell(orgId: string | undefined) {
  return useQuery({
    queryKey: keys.notificationBell(orgId ?? ''),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/orgs/{org_id}/notifications', {
          params: { path: { org_id: orgId! }, query: { limit: BELL_SIZE } },
        }),
      ),
    enabled: Boolean(orgId),
    refetchInterval: liveInterval,
  });
}

/** All my notifications (or only the unread ones), newest first, paged and polled. */
export function useNotifications(orgId: string, { unreadOnly }: { unreadOnly: boolean }) {
  return useInfiniteQuery({
    queryKey: keys.notificationList(orgId, unreadOnly),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/orgs/{org_id}/notifications', {
          params: {
            path: { org_id: orgId },
            query: { limit: PAGE_SIZE, cursor: pageParam, ...(unreadOnly ? { unread: true } : {}) },
          },
        }),
      ),
    getNextPageParam: nextCursor,
    refetchInterval: liveInterval,
  });
}

export function useMarkNotificationRead(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (notificationId: string) =>
      unwrap(
        api.POST('/api/v1/orgs/{org_id}/notifications/{notification_id}/read', {
          params: { path: { org_id: orgId, notification_id: notificationId } },
        }),
      ),
    onSettled: () => client.invalidateQueries({ queryKey: keys.notifications(orgId) }),
  });
}

export function useMarkAllNotificationsRead(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/orgs/{org_id}/notifications/read-all', { params: { path: { org_id: orgId } } })),
    onSettled: () => client.invalidateQueries({ queryKey: keys.notifications(orgId) }),
  });
}

export function useNotificationPreferences(orgId: string) {
  return useQuery({
    queryKey: keys.notificationPreferences(orgId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/orgs/{org_id}/me/notification-preferences', { params: { path: { org_id: orgId } } }),
      ),
  });
}

export function useSaveNotificationPreferences(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (muted: MutableChannel[]) =>
      unwrap(
        api.PUT('/api/v1/orgs/{org_id}/me/notification-preferences', {
          params: { path: { org_id: orgId } },
          body: { muted_channels: muted },
        }),
      ),
    onSuccess: (saved) => client.setQueryData(keys.notificationPreferences(orgId), saved),
  });
}
