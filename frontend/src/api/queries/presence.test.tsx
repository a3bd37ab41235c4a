import type { ReactNode } from 'react';
import { act, renderHook, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BEAT_MS, usePresence } from './presence';
import { setSignedIn } from '../../auth/session';
import { mockApi, ORG_ID } from '../../test/utils';

const ESCALATION = '99999999-9999-4999-8999-000000000001';
const PATH = `/api/v1/orgs/${ORG_ID}/escalations/${ESCALATION}/presence`;

function setVisibility(state: 'visible' | 'hidden') {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  document.dispatchEvent(new Event('visibilitychange'));
}

afterEach(() => {
  vi.useRealTimers();
  setVisibility('visible');
});

describe('usePresence', () => {
  it('beats every 10 s while visible, leaves when hidden, and comes back when shown again', async () => {
    setSignedIn(true);
    const api = mockApi({
      [`GET ${PATH}`]: () => ({ items: [] }),
      [`PUT ${PATH}`]: () => ({ items: [] }),
      [`DELETE ${PATH}`]: () => new Response(null, { status: 204 }),
    });
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const client = new QueryClient();
    const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
    const { unmount } = renderHook(() => usePresence(ORG_ID, ESCALATION, 'viewing'), { wrapper });
    await waitFor(() => expect(api.callsTo('PUT', PATH)).toHaveLength(1));

    await act(async () => {
      await vi.advanceTimersByTimeAsync(BEAT_MS);
    });
    expect(api.callsTo('PUT', PATH)).toHaveLength(2);

    act(() => setVisibility('hidden'));
    await waitFor(() => expect(api.callsTo('DELETE', PATH)).toHaveLength(1));
    await act(async () => {
      await vi.advanceTimersByTimeAsync(BEAT_MS * 3);
    });
    expect(api.callsTo('PUT', PATH)).toHaveLength(2); // no beats while hidden

    act(() => setVisibility('visible'));
    await waitFor(() => expect(api.callsTo('PUT', PATH)).toHaveLength(3));
    unmount();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(10);
    });
    await waitFor(() => expect(api.callsTo('DELETE', PATH)).toHaveLength(2));
  });
});
