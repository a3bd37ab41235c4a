/** Whether the organisation's event stream is open (src/api/live.ts), and what that means for polling. */
import { useSyncExternalStore } from 'react';
import { LIVE_INTERVAL_MS } from './queries/keys';

/** How often lists refetch while the stream is open: the stream tells them when something changed. */
export const STREAMING_INTERVAL_MS = 60_000;

/** `connecting` until the first `ready`; `reconnecting` whenever the stream is down after that. */
export type LiveStatus = 'off' | 'connecting' | 'live' | 'reconnecting';

let connected = false;
let status: LiveStatus = 'off';
const listeners = new Set<() => void>();

export function setLiveStatus(value: LiveStatus) {
  if (status === value) return;
  status = value;
  connected = value === 'live';
  if (typeof document !== 'undefined') document.documentElement.dataset.live = connected ? 'on' : 'off';
  listeners.forEach((listener) => listener());
}

/** The refetch interval of lists that others change: every 5 s while polling, rarely while streaming. */
export function liveInterval(): number {
  return connected ? STREAMING_INTERVAL_MS : LIVE_INTERVAL_MS;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Whether the event stream is open now (re-renders when that changes). */
export function useLiveConnected(): boolean {
  return useSyncExternalStore(subscribe, () => connected);
}

/** The stream's state, for the header's indicator (re-renders when it changes). */
export function useLiveStatus(): LiveStatus {
  return useSyncExternalStore(subscribe, () => status);
}
