import type { ReactNode } from 'react';
import { act, render, renderHook, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { COALESCE_MS, RECONNECT_MS, useLiveEvents } from './live';
import { liveInterval, STREAMING_INTERVAL_MS } from './liveState';
import { keys, LIVE_INTERVAL_MS } from './queries/keys';
import { setSignedIn } from '../auth/session';
import { mockApi, ORG_ID } from '../test/utils';
import { LiveIndicator } from '../components/LiveIndicator';

/** What the hook sees of EventSource: the URL it opened, its listeners, and close(). */
class FakeEventSource {
  static opened: FakeEventSource[] = [];
  url: string;
  closed = false;
  onerror: ((event: Event) => void) | null = null;
  private listeners = new Map<string, ((event: Event) => void)[]>();

  constructor(url: string | URL) {
    this.url = String(url);
    FakeEventSource.opened.push(this);
  }
  addEventListener(type: string, listener: (event: Event) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {
    this.closed = true;
  }
  emit(type: string, lastEventId = '', data = '{}') {
    const event = new MessageEvent(type, { data, lastEventId });
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
}

let tokens = 0;

beforeEach(() => {
  FakeEventSource.opened = [];
  tokens = 0;
  vi.stubGlobal('EventSource', FakeEventSource);
  setSignedIn(true);
  mockApi({
    'POST /api/v1/orgs/:orgId/events/stream-token': () => ({ token: `stream-token-${++tokens}`, expires_in: 60 }),
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

function mount(client = new QueryClient()) {
  const invalidate = vi.spyOn(client, 'invalidateQueries');
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>{children}</QueryClientProvider>
  );
  const view = renderHook(() => useLiveEvents(ORG_ID), { wrapper });
  return { invalidate, view };
}

describe('useLiveEvents', () => {
  it('opens the stream with a stream token, never the access token', async () => {
    mount();
    await waitFor(() => expect(FakeEventSource.opened).toHaveLength(1));
    const url = new URL(FakeEventSource.opened[0].url);
    expect(url.pathname).toBe(`/api/v1/orgs/${ORG_ID}/events/stream`);
    expect(url.searchParams.get('token')).toBe('stream-token-1');
    expect(FakeEventSource.opened[0].url).not.toContain('the-long-lived-access-token');
  });

  it('refetches the escalation views and the bell on events, and polls rarely while open', async () => {
    const { invalidate } = mount();
    await waitFor(() => expect(FakeEventSource.opened).toHaveLength(1));
    const source = FakeEventSource.opened[0];
    act(() => source.emit('ready'));
    expect(liveInterval()).toBe(STREAMING_INTERVAL_MS);
    expect(document.documentElement.dataset.live).toBe('on');
    invalidate.mockClear();
    act(() => {
      source.emit('escalation.claimed', '41');
      source.emit('escalation.claimed', '42');
    });
    await waitFor(() => expect(invalidate).toHaveBeenCalled());
    const refreshed = invalidate.mock.calls.map(([filters]) => JSON.stringify(filters?.queryKey));
    for (const key of ['escalations', 'inboxes', 'queue', 'notifications']) {
      expect(refreshed).toContain(JSON.stringify(['org', ORG_ID, key]));
    }
    // Two events in a burst: one refetch of each view.
    expect(refreshed.filter((key) => key === JSON.stringify(['org', ORG_ID, 'escalations']))).toHaveLength(1);
  });

  it('falls back to polling when the stream drops, and resumes after the last event with a new token', async () => {
    mount();
    await waitFor(() => expect(FakeEventSource.opened).toHaveLength(1));
    const first = FakeEventSource.opened[0];
    act(() => {
      first.emit('ready');
      first.emit('escalation.created', '7');
    });
    vi.useFakeTimers();
    act(() => first.onerror?.(new Event('error')));
    expect(first.closed).toBe(true);
    expect(liveInterval()).toBe(LIVE_INTERVAL_MS);
    expect(document.documentElement.dataset.live).toBe('off');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(RECONNECT_MS + COALESCE_MS);
    });
    vi.useRealTimers();
    await waitFor(() => expect(FakeEventSource.opened).toHaveLength(2));
    const again = new URL(FakeEventSource.opened[1].url);
    expect(again.searchParams.get('token')).toBe('stream-token-2');
    expect(again.searchParams.get('last_event_id')).toBe('7');
  });

  it('says it is reconnecting while the stream is down, and resumes at once after a closed message', async () => {
    render(<LiveIndicator />);
    mount();
    await waitFor(() => expect(FakeEventSource.opened).toHaveLength(1));
    expect(screen.getByRole('status')).toHaveTextContent('Connecting…');
    const first = FakeEventSource.opened[0];
    act(() => first.emit('ready', '12'));
    expect(screen.getByRole('status')).toHaveTextContent('Live');
    act(() => first.onerror?.(new Event('error')));
    expect(screen.getByRole('status')).toHaveTextContent('Reconnecting…');
    expect(liveInterval()).toBe(LIVE_INTERVAL_MS);
    // After an error it retries a little later, from `ready`'s cursor.
    await waitFor(() => expect(FakeEventSource.opened).toHaveLength(2), { timeout: RECONNECT_MS + 2000 });
    const second = FakeEventSource.opened[1];
    expect(new URL(second.url).searchParams.get('last_event_id')).toBe('12');
    act(() => second.emit('ready', '12'));
    expect(screen.getByRole('status')).toHaveTextContent('Live');
    // The server ends a stream that fell behind: the client resumes at once.
    act(() => second.emit('closed'));
    expect(second.closed).toBe(true);
    expect(screen.getByRole('status')).toHaveTextContent('Reconnecting…');
    await waitFor(() => expect(FakeEventSource.opened).toHaveLength(3), { timeout: 1000 });
    expect(new URL(FakeEventSource.opened[2].url).searchParams.get('last_event_id')).toBe('12');
  });

  it('closes the stream when the organisation screen goes away', async () => {
    const { view } = mount();
    await waitFor(() => expect(FakeEventSource.opened).toHaveLength(1));
    view.unmount();
    expect(FakeEventSource.opened[0].closed).toBe(true);
    expect(liveInterval()).toBe(LIVE_INTERVAL_MS);
  });

  it('puts a presence message straight into that escalation\'s list, with no refetch and no cursor', async () => {
    const client = new QueryClient();
    const { invalidate } = mount(client);
    await waitFor(() => expect(FakeEventSource.opened).toHaveLength(1));
    const [source] = FakeEventSource.opened;
    act(() => source.emit('ready', '5'));
    await new Promise((resolve) => setTimeout(resolve, COALESCE_MS * 2)); // ready's own refetch
    const ana = { user_id: 'u-ana', display_name: 'Ana', email: 'ana@example.com', state: 'composing', since: '2026-01-01T00:00:00Z', expires_at: '2026-01-01T00:00:20Z' };
    invalidate.mockClear();
    act(() => source.emit('presence', '', JSON.stringify({ escalation_id: 'e1', inbox_id: 'i1', members: [ana] })));
    expect(client.getQueryData(keys.presence(ORG_ID, 'e1'))).toEqual({ items: [ana] });
    act(() => source.emit('presence', '', 'not json'));
    expect(client.getQueryData(keys.presence(ORG_ID, 'e1'))).toEqual({ items: [ana] });
    await new Promise((resolve) => setTimeout(resolve, COALESCE_MS * 2));
    expect(invalidate).not.toHaveBeenCalled();
  });
});
