/**
 * Live updates: one server-sent event stream per organisation (GET …/events/stream).
 *
 * EventSource cannot send an Authorization header, and the long-lived access token must never go
 * into a URL, so each connection first asks for a one-minute stream token (POST …/stream-token) and
 * opens `?token=`. Every event invalidates the escalation views and the notification bell, which
 * refetch at once. While the stream is open the lists poll only every minute (a safety net); when
 * it drops, they poll every 5 s again and the hook reconnects with a fresh token, resuming after the
 * last event it saw (`last_event_id`: a new EventSource cannot set the Last-Event-ID header).
 * Every message's id, `ready`'s included, is the stream's cursor, so a resume loses nothing. A
 * `closed` message (the server ends a stream that fell behind, or restarts) reconnects at once.
 * While the stream is down the header says "Reconnecting…", and `ready` refetches every screen.
 * A `presence` message (who has an escalation open) has no id: it sets that escalation's list.
 */
import { useEffect } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { keys } from './queries/keys';
import { invalidateEscalationViews } from './queries/inboxes';
import { setLiveStatus } from './liveState';
import { EVENT_TYPES, type PresenceChanged } from './types';
import { setPresence } from './queries/presence';

export const RECONNECT_MS = 3_000;
/** Events within this window cause one refetch, not one each. */
export const COALESCE_MS = 100;


function refreshViews(client: QueryClient, orgId: string) {
  return Promise.all([
    invalidateEscalationViews(client, orgId),
    client.invalidateQueries({ queryKey: keys.notifications(orgId) }),
  ]);
}

/** Keep the organisation's screens up to date from its event stream; mounted once per organisation. */
export function useLiveEvents(orgId: string) {
  const client = useQueryClient();
  useEffect(() => {
    if (!orgId || typeof EventSource === 'undefined') return undefined;
    let stopped = false;
    let source: EventSource | null = null;
    let lastEventId = '';
    let reconnect: ReturnType<typeof setTimeout> | undefined;
    let everConnected = false;
    let pending: ReturnType<typeof setTimeout> | undefined;

    const refresh = () => {
      if (pending !== undefined) return;
      pending = setTimeout(() => {
        pending = undefined;
        void refreshViews(client, orgId);
      }, COALESCE_MS);
    };
    const retryLater = (delay = RECONNECT_MS) => {
      if (!stopped) reconnect = setTimeout(() => void open(), delay);
    };
    const remember = (event: Event) => {
      const id = (event as MessageEvent).lastEventId;
      if (id) lastEventId = id;
    };
    const onEvent = (event: Event) => {
      remember(event);
      refresh();
    };
    const down = () => {
      source?.close();
      source = null;
      setLiveStatus(everConnected ? 'reconnecting' : 'connecting');
      refresh(); // back to polling from now, starting with a fetch
    };

    async function open() {
      let token: string;
      try {
        ({ token } = await unwrap(
          api.POST('/api/v1/orgs/{org_id}/events/stream-token', { params: { path: { org_id: orgId } } }),
        ));
      } catch {
        retryLater();
        return;
      }
      if (stopped) return;
      const url = new URL(`/api/v1/orgs/${orgId}/events/stream`, window.location.origin);
      url.searchParams.set('token', token);
      if (lastEventId) url.searchParams.set('last_event_id', lastEventId);
      source = new EventSource(url);
      // Whatever changed between the screens' last fetch and the stream's start is fetched now.
      source.addEventListener('ready', (event) => {
        remember(event);
        everConnected = true;
        setLiveStatus('live');
        refresh();
        // Presence changes are not replayed on a resume: fetch the lists on screen once.
        void client.invalidateQueries({ queryKey: keys.presenceAll(orgId) });
      });
      for (const type of EVENT_TYPES) source.addEventListener(type, onEvent);
      // Who has an escalation open: the whole list, straight into its query (no refetch, no cursor).
      source.addEventListener('presence', (event) => {
        try {
          const data = JSON.parse((event as MessageEvent).data as string) as PresenceChanged;
          setPresence(client, orgId, data.escalation_id, data.members);
        } catch {
          // Not ours to read: the next beat brings the list anyway.
        }
      });
      // The server ended this stream on purpose (it fell behind, or the server restarts): resume now.
      source.addEventListener('closed', () => {
        down();
        retryLater(0);
      });
      source.onerror = () => {
        // The browser would retry with the same URL, whose token expires: start over instead.
        down();
        retryLater();
      };
    }

    setLiveStatus('connecting');
    void open();
    return () => {
      stopped = true;
      clearTimeout(reconnect);
      clearTimeout(pending);
      source?.close();
      setLiveStatus('off');
    };
  }, [client, orgId]);
}
