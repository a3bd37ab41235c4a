/** Whether the organisation's event stream is open (src/api/live.ts), and what that means for polling. */
import { useSyncExternalStore } from 'react';
import { LIVE_INTERVAL_MS } from './queries/keys';

/** How often lists refetch while the stream is open: the stream tells them when something changed. */
export const STREAMING_INTERVAL_MS = 60_000;

let connected = false;
const listeners = new Set<() => void>();

export function setConnected(value: boolean) {
  if (connected === value) return;
  connected = value;
  if (typeof document !== 'undefined') document.documentElement.dataset.live = value ? 'on' : 'off';
  listeners.forEach((listener) => listener());
}

/** The refetch interval of lists that others change: every 5 s while polling, rarely while streaming. */
export function liveInterval(): number {
  return connected ? STREAMING_INTERVAL_MS : LIVE_INTERVAL_MS;
}

/** Whether the event stream is open now (re-renders when that changes). */
export function useLiveConnected(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    () => connected,
  );
}
