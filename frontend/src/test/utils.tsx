import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { vi } from 'vitest';
import { AppProviders, createQueryClient } from '../providers';
import { routes } from '../routes';
import { setSignedIn } from '../auth/session';

/** Render the real app (routes, providers) at `path`, signed in unless `signedIn` is false. */
export function renderApp(path: string, { signedIn = true }: { signedIn?: boolean } = {}) {
  if (signedIn) setSignedIn(true);
  const client = createQueryClient();
  client.setDefaultOptions({
    queries: { ...client.getDefaultOptions().queries, retry: false },
    mutations: { retry: false },
  });
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const user = userEvent.setup();
  const view = render(
    <AppProviders client={client}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...view, router, client, user };
}

type Handler = (request: Request, params: Record<string, string>) => unknown | Promise<unknown>;

interface Recorded {
  method: string;
  path: string;
  search: URLSearchParams;
  request: Request;
}

/** A JSON answer. */
export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

/** An RFC 9457 answer, as the backend sends them. */
export function problem(status: number, fields: Record<string, unknown>): Response {
  return new Response(JSON.stringify({ type: 'about:blank', status, ...fields }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

/**
 * Stub the global fetch (the network boundary) with a tiny router: `"GET /api/v1/orgs/:orgId/queue"`.
 * A handler returns a Response, or any value to send as JSON. Unknown routes answer 404 (a problem).
 */
export function mockApi(handlers: Record<string, Handler>) {
  const table = Object.entries(handlers).map(([key, handler]) => {
    const [method, pattern] = key.split(' ');
    const names: string[] = [];
    const regex = new RegExp(
      '^' + pattern.replace(/:([a-zA-Z]+)/g, (_, name: string) => (names.push(name), '([^/]+)')) + '$',
    );
    return { method, regex, names, handler };
  });
  const calls: Recorded[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    calls.push({ method: request.method, path: url.pathname, search: url.searchParams, request: request.clone() });
    for (const route of table) {
      const match = route.method === request.method && url.pathname.match(route.regex);
      if (match) {
        const params = Object.fromEntries(route.names.map((name, i) => [name, match[i + 1]]));
        const result = await route.handler(request, params);
        return result instanceof Response ? result : json(result);
      }
    }
    return problem(404, { title: 'Not Found', detail: `No mock for ${request.method} ${url.pathname}` });
  });
  vi.stubGlobal('fetch', fetchMock);
  return {
    fetchMock,
    calls,
    /** Calls to one method and path (exact), in order. */
    callsTo: (method: string, path: string) => calls.filter((c) => c.method === method && c.path === path),
  };
}

export const ORG_ID = '11111111-1111-4111-8111-111111111111';
export const ME_ID = '22222222-2222-4222-8222-222222222222';
export const CAMPAIGN_ID = '33333333-3333-4333-8333-333333333333';

export const me = { id: ME_ID, email: 'agent@example.com', display_name: 'Ada Agent', is_active: true, is_superuser: false, is_verified: false };

export function orgsPage(role: 'owner' | 'admin' | 'supervisor' | 'agent' = 'agent') {
  return { items: [{ id: ORG_ID, name: 'Acme Support', role, created_at: '2026-01-01T00:00:00Z' }], next_cursor: null };
}

export const campaignsPage = {
  items: [
    { id: CAMPAIGN_ID, org_id: ORG_ID, name: 'Winter renewals', created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z' },
  ],
  next_cursor: null,
};

export const membersPage = {
  items: [{ user_id: ME_ID, email: me.email, display_name: me.display_name, role: 'agent', created_at: '2026-01-01T00:00:00Z' }],
  next_cursor: null,
};

let seq = 0;
export function conversation(overrides: Record<string, unknown> = {}) {
  seq += 1;
  const id = `44444444-4444-4444-8444-${String(seq).padStart(12, '0')}`;
  return {
    id,
    org_id: ORG_ID,
    campaign_id: CAMPAIGN_ID,
    contact: { id: `55555555-5555-4555-8555-${String(seq).padStart(12, '0')}`, name: `Contact ${seq}`, phone: null, email: null, attributes: {} },
    assignee_id: ME_ID,
    channel: 'sms',
    needs_response: true,
    needs_response_since: new Date(Date.now() - 90 * 60_000).toISOString(),
    last_message_at: new Date(Date.now() - 90 * 60_000).toISOString(),
    escalation: null,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    ...overrides,
  };
}

/** The look-ups every signed-in page makes (me, orgs, campaigns, members, inboxes). */
export function baseHandlers(
  role: 'owner' | 'admin' | 'supervisor' | 'agent' = 'agent',
  { inboxes = [] as Record<string, unknown>[] } = {},
): Record<string, Handler> {
  return {
    'GET /api/v1/users/me': () => me,
    'GET /api/v1/orgs': () => orgsPage(role),
    'GET /api/v1/orgs/:orgId/campaigns': () => campaignsPage,
    'GET /api/v1/orgs/:orgId/campaigns/:campaignId': () => campaignsPage.items[0],
    'GET /api/v1/orgs/:orgId/members': () => membersPage,
    'GET /api/v1/orgs/:orgId/inboxes': () => ({ items: inboxes, next_cursor: null }),
    // The bell in the top bar of every organisation page.
    'GET /api/v1/orgs/:orgId/notifications': () => ({ items: [], next_cursor: null, unread_count: 0 }),
    // The monitoring notice of every signed-in page: a worker that keeps up.
    'GET /readyz': () => readiness(),
    // The status switcher in the top bar of every organisation page.
    'GET /api/v1/orgs/:orgId/me/availability': () => availability(),
  };
}

export function availability(overrides: Record<string, unknown> = {}) {
  return {
    availability: 'online',
    effective: 'online',
    availability_changed_at: null,
    last_seen_at: new Date().toISOString(),
    calendar_id: null,
    in_hours: true,
    hours_start_at: new Date().toISOString(),
    urgent_priorities: ['critical'],
    ...overrides,
  };
}

export function readiness(worker: Record<string, unknown> = {}) {
  return {
    database: true,
    redis: true,
    worker: { last_heartbeat_at: new Date().toISOString(), lag_seconds: 1, sla_backlog_seconds: 0, ...worker },
  };
}

export const INBOX_ID = '66666666-6666-4666-8666-666666666666';
export const OTHER_INBOX_ID = '77777777-7777-4777-8777-777777777777';

export function inbox(overrides: Record<string, unknown> = {}) {
  return {
    id: INBOX_ID,
    org_id: ORG_ID,
    name: 'Service desk',
    description: null,
    owner_ids: [ME_ID],
    batch_size: 10,
    assignment_duration_minutes: 60,
    default_priority: null,
    sla_policy_id: null,
    capacity: null,
    assignment_mode: 'pull',
    unstaffed_since: null,
    reply_within_minutes: null,
    counts: { total: 0, needs_response: 0, unclaimed: 0, claimed: 0 },
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    ...overrides,
  };
}

let escalationSeq = 0;
/** An escalation as the API shows it (open, normal priority, in INBOX_ID). */
export function escalation(overrides: Record<string, unknown> = {}) {
  escalationSeq += 1;
  const n = String(escalationSeq).padStart(12, '0');
  const conversationId = `88888888-8888-4888-8888-${n}`;
  const contactName = (overrides.contactName as string | undefined) ?? `Escalated ${escalationSeq}`;
  const { contactName: _name, ...rest } = overrides;
  return {
    id: `99999999-9999-4999-8999-${n}`,
    conversation: { id: conversationId, contact_name: contactName, channel: 'email', needs_response: true, last_message_at: null },
    org_id: ORG_ID,
    conversation_id: conversationId,
    inbox_id: INBOX_ID,
    origin_campaign_id: CAMPAIGN_ID,
    status: 'open',
    priority: 'normal',
    category: 'service',
    handoff: { reason: 'Wants a refund', steps_taken: 'Checked the order', offers_made: null, help_needed: 'Approve the refund' },
    escalated_by: ME_ID,
    claimed_by: null,
    claimed_at: null,
    claim_expires_at: null,
    claim_reply_due_at: null,
    first_responded_at: null,
    first_response_due_at: null,
    resolution_due_at: null,
    sla_policy_id: null,
    level: 1,
    sla_paused_at: null,
    breached_first_response: false,
    breached_resolution: false,
    closed_at: null,
    last_activity_at: '2026-01-01T00:00:00Z',
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    ...rest,
  };
}
