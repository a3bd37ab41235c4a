import { useEffect, useRef } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import { keys, LIVE_INTERVAL_MS } from './keys';
import type { Availability, AvailabilityStatus } from '../types';

type AvailabilityChange = {
  availability?: AvailabilityStatus;
  calendar_id?: string | null;
  urgent_priorities?: Availability['urgent_priorities'];
};

/** My status, working hours and always-urgent priorities in this organisation (polled: idle
 * time turns an online member offline on the server's clock). */
export function useAvailability(orgId: string) {
  return useQuery({
    queryKey: keys.availability(orgId),
    queryFn: () =>
      unwrap(api.GET('/api/v1/orgs/{org_id}/me/availability', { params: { path: { org_id: orgId } } })),
    refetchInterval: LIVE_INTERVAL_MS * 6,
  });
}

export function useUpdateAvailability(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: AvailabilityChange) =>
      unwrap(api.PATCH('/api/v1/orgs/{org_id}/me/availability', { params: { path: { org_id: orgId } }, body })),
    onSuccess: (saved) => client.setQueryData(keys.availability(orgId), saved),
  });
}

/** At most one heartbeat a minute (the server writes activity no more often). */
export const HEARTBEAT_EVERY_MS = 60_000;
const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;

/**
 * Tell the server the member is here: a heartbeat after a key press, click, scroll or touch in a
 * visible tab, at most once a minute. Polling never counts, so a forgotten tab goes idle.
 */
export function useHeartbeat(orgId: string) {
  const client = useQueryClient();
  const last = useRef(0);
  useEffect(() => {
    const onActivity = () => {
      const now = Date.now();
      if (document.visibilityState !== 'visible' || now - last.current < HEARTBEAT_EVERY_MS) return;
      last.current = now;
      void api
        .POST('/api/v1/orgs/{org_id}/me/heartbeat', { params: { path: { org_id: orgId } } })
        .then(() => client.invalidateQueries({ queryKey: keys.availability(orgId) }));
    };
    for (const name of ACTIVITY_EVENTS) document.addEventListener(name, onActivity, { passive: true });
    return () => {
      for (const name of ACTIVITY_EVENTS) document.removeEventListener(name, onActivity);
    };
  }, [orgId, client]);
}
