import { useEffect } from 'react';
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import { keys } from './keys';
import type { Presence, PresenceState } from '../types';

/**
 * Presence (issue 24): who else has an escalation (or its conversation) open, and who is writing a
 * reply. While the screen is open and visible it beats every BEAT_MS (the server forgets a member
 * 20 s after their last beat, so a closed tab disappears on its own); hidden or closed, it says it
 * left (best effort: `keepalive`, so the request outlives the page). Others' changes arrive through
 * the event stream's `presence` messages (src/api/live.ts), which set the same query; each beat's
 * answer refreshes it too, so someone whose tab just lapsed is gone here within a beat.
 */
export const BEAT_MS = 10_000;

type PresenceList = { items: Presence[] };

/** Screens open per escalation in this tab. */
const mounted = new Map<string, number>();

function path(orgId: string, escalationId: string) {
  return { org_id: orgId, escalation_id: escalationId };
}

export function setPresence(client: QueryClient, orgId: string, escalationId: string, items: Presence[]) {
  client.setQueryData<PresenceList>(keys.presence(orgId, escalationId), { items });
}

export function usePresence(orgId: string, escalationId: string | undefined, state: PresenceState): Presence[] {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: keys.presence(orgId, escalationId ?? ''),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/orgs/{org_id}/escalations/{escalation_id}/presence', {
          params: { path: path(orgId, escalationId ?? '') },
        }),
      ),
    enabled: !!escalationId,
  });

  useEffect(() => {
    if (!escalationId || typeof document === 'undefined') return undefined;
    let stopped = false;
    const beat = async () => {
      if (document.visibilityState === 'hidden') return;
      try {
        const list = await unwrap(
          api.PUT('/api/v1/orgs/{org_id}/escalations/{escalation_id}/presence', {
            params: { path: path(orgId, escalationId) },
            body: { state },
          }),
        );
        if (!stopped) setPresence(client, orgId, escalationId, list.items);
      } catch {
        // Presence is a courtesy: a missed beat only makes us look away for a moment.
      }
    };
    const leave = () => {
      void api
        .DELETE('/api/v1/orgs/{org_id}/escalations/{escalation_id}/presence', {
          params: { path: path(orgId, escalationId) },
          keepalive: true,
        })
        .catch(() => undefined);
    };
    const onVisibility = () => (document.visibilityState === 'hidden' ? leave() : void beat());
    void beat();
    const timer = setInterval(() => void beat(), BEAT_MS);
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', leave);
    return () => {
      stopped = true;
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', leave);
    };
  }, [client, orgId, escalationId, state]);

  // Leave once the screen goes (not on every change of state: that is a beat, not a leave). From
  // the escalation to its conversation is no leave: the next screen's beat would race this DELETE.
  useEffect(() => {
    if (!escalationId) return undefined;
    mounted.set(escalationId, (mounted.get(escalationId) ?? 0) + 1);
    return () => {
      mounted.set(escalationId, (mounted.get(escalationId) ?? 1) - 1);
      setTimeout(() => {
        if (mounted.get(escalationId)) return;
        mounted.delete(escalationId);
        void api
          .DELETE('/api/v1/orgs/{org_id}/escalations/{escalation_id}/presence', {
            params: { path: path(orgId, escalationId) },
            keepalive: true,
          })
          .catch(() => undefined);
      }, 0);
    };
  }, [orgId, escalationId]);

  return query.data?.items ?? [];
}
