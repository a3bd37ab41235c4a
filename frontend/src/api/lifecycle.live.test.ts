/**
 * The escalation lifecycle through the generated TypeScript client (openapi-fetch over
 * schema.d.ts) against a live API, as an integration would drive it with an API key: a person sets
 * up once (register, log in, organisation, campaign, key, two inboxes the key owns); then the key
 * creates a conversation, escalates it with an Idempotency-Key and retries, claims, moves,
 * resolves and reads the audit trail.
 *
 * Needs LIFECYCLE_BASE_URL (a running API); tests/clients/test_typescript_client_lifecycle.py
 * starts uvicorn and runs this file with it. Skipped in the plain `npm test`.
 */
import createClient from 'openapi-fetch';
import { describe, expect, it } from 'vitest';
import type { components, paths } from './schema';

// Node's, under vitest (the app's tsconfig has no node types).
declare const process: { env: Record<string, string | undefined> };
const base = process.env.LIFECYCLE_BASE_URL;
type Schemas = components['schemas'];

function client(token?: string) {
  return createClient<paths>({
    baseUrl: base,
    headers: token ? { Authorization: `Bearer ${token}` } : {},
    fetch: (request) => globalThis.fetch(request),
  });
}

function ok<T>(result: { data?: T; error?: unknown; response: Response }, status = 200): T {
  expect([result.response.status, result.error]).toEqual([status, undefined]);
  return result.data as T;
}

async function setUp() {
  const anonymous = client();
  const email = `lead-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const password = 'a long lifecycle password';
  ok(await anonymous.POST('/api/v1/auth/register', { body: { email, password } }), 201);
  const login = ok(
    await anonymous.POST('/api/v1/auth/jwt/login', {
      body: { username: email, password },
      bodySerializer: (body) => new URLSearchParams(body as Record<string, string>),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    }),
  );
  const person = client(login.access_token);
  const org = ok(await person.POST('/api/v1/orgs', { body: { name: 'Parcel Co' } }), 201);
  const path = { org_id: org.id };
  const campaign = ok(
    await person.POST('/api/v1/orgs/{org_id}/campaigns', { params: { path }, body: { name: 'Deliveries' } }),
    201,
  );
  const key = ok(
    await person.POST('/api/v1/orgs/{org_id}/api-keys', {
      params: { path },
      body: { name: 'Helpdesk bridge', scopes: ['read', 'conversations', 'escalate', 'claim'] },
    }),
    201,
  );
  const inboxes: string[] = [];
  for (const name of ['Billing', 'Logistics']) {
    const inbox = ok(
      await person.POST('/api/v1/orgs/{org_id}/inboxes', { params: { path }, body: { name, owner_ids: [key.id] } }),
      201,
    );
    inboxes.push(inbox.id);
  }
  return { orgId: org.id, campaignId: campaign.id, key, inboxes };
}

describe.skipIf(!base)('lifecycle through the TypeScript client with an API key', () => {
  it('creates, escalates idempotently, claims, moves, resolves and reads the audit trail', async () => {
    const { orgId, campaignId, key, inboxes } = await setUp();
    const [billing, logistics] = inboxes;
    const helpdesk = client(key.secret);
    const org = { org_id: orgId };

    const conversation = ok(
      await helpdesk.POST('/api/v1/orgs/{org_id}/conversations', {
        params: { path: org },
        body: { campaign_id: campaignId, contact: { name: 'Ann Example' }, message: { body: 'My parcel never arrived' } },
      }),
      201,
    );

    const escalate: Schemas['EscalationCreate'] = {
      inbox_id: billing,
      handoff: { reason: "Refund over the agent's limit", steps_taken: 'Checked the tracking', help_needed: 'Approve' },
    };
    const attempt = crypto.randomUUID();
    const send = (body: Schemas['EscalationCreate']) =>
      helpdesk.POST('/api/v1/orgs/{org_id}/conversations/{conversation_id}/escalate', {
        params: { path: { ...org, conversation_id: conversation.id }, header: { 'Idempotency-Key': attempt } },
        body,
      });
    const first = await send(escalate);
    const retry = await send(escalate);
    // 201 escalates; 202 would be an approval (the inbox is not restricted here).
    const escalated = (result: typeof first) => ok(result, 201) as Schemas['EscalationResult'];
    const escalation = escalated(first).escalation;
    expect(escalated(retry).escalation.id).toBe(escalation.id);
    expect(first.response.headers.get('idempotent-replayed')).toBeNull();
    expect(retry.response.headers.get('idempotent-replayed')).toBe('true');
    expect(escalation.escalated_by).toBe(key.id);
    const reused = await send({ ...escalate, inbox_id: logistics });
    expect(reused.response.status).toBe(422);
    expect(reused.error?.type).toMatch(/\/idempotency-key-reused$/);

    const path = { ...org, escalation_id: escalation.id };
    const claimed = ok(
      await helpdesk.POST('/api/v1/orgs/{org_id}/inboxes/{inbox_id}/claims', {
        params: { path: { ...org, inbox_id: billing } },
        body: { count: 1 },
      }),
      201,
    );
    expect(claimed.items.map((e) => [e.id, e.claimed_by])).toEqual([[escalation.id, key.id]]);

    const moved = ok(
      await helpdesk.POST('/api/v1/orgs/{org_id}/escalations/{escalation_id}/move', {
        params: { path, header: { 'Idempotency-Key': crypto.randomUUID() } },
        body: { inbox_id: logistics, note: 'Carrier issue' },
      }),
    );
    expect(moved.inbox_id).toBe(logistics);

    const resolved = ok(
      await helpdesk.POST('/api/v1/orgs/{org_id}/escalations/{escalation_id}/resolve', {
        params: { path },
        body: { note: 'Refunded' },
      }),
    );
    expect(resolved.status).toBe('resolved');

    const trail = ok(await helpdesk.GET('/api/v1/orgs/{org_id}/escalations/{escalation_id}/events', { params: { path } }));
    expect(trail.items.map((e) => [e.type, e.actor_id])).toEqual([
      ['escalation.created', key.id],
      ['escalation.claimed', key.id],
      ['escalation.moved', key.id],
      ['escalation.resolved', key.id],
    ]);
  });

  it('refuses a missing scope (403), another organisation (404) and a wrong key (401)', async () => {
    const mine = await setUp();
    const other = await setUp();
    const helpdesk = client(mine.key.secret);
    const scope = await helpdesk.POST('/api/v1/orgs/{org_id}/inboxes', {
      params: { path: { org_id: mine.orgId } },
      body: { name: 'Mine', owner_ids: [mine.key.id] },
    });
    expect([scope.response.status, scope.error?.type]).toEqual([403, expect.stringMatching(/\/missing-scope$/)]);
    const elsewhere = await helpdesk.GET('/api/v1/orgs/{org_id}/inboxes', { params: { path: { org_id: other.orgId } } });
    expect(elsewhere.response.status).toBe(404);
    const forged = await client(`${mine.key.secret}x`).GET('/api/v1/orgs/{org_id}/inboxes', {
      params: { path: { org_id: mine.orgId } },
    });
    expect(forged.response.status).toBe(401);
  });
});
