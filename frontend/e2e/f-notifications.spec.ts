/**
 * (f) An admin creates a webhook (to a receiver this test runs on 127.0.0.1, so the backend runs with
 * WEBHOOK_ALLOW_PRIVATE=true) and sees its secret once; an inbox owner sees the notification of a new
 * escalation and the bell's count; the delivery arrives signed with that secret; the escalation policy
 * is edited; the dashboard draws its charts.
 */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from './support/backend';
import { call, HANDOFF, must, type Json } from './support/api';
import { expect, LAPTOP, TABLET, test } from './support/fixtures';
import { audit, shot, signIn } from './support/screens';

test.describe.configure({ mode: 'serial' });

interface Received {
  path: string | undefined;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A tiny HTTP endpoint on 127.0.0.1 that records every POST and answers 204. */
const received: Received[] = [];
const receiver = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    received.push({ path: request.url, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
    response.writeHead(204).end();
  });
});
let receiverUrl = '';

test.beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/escalations`;
});
test.afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
});

/** Standard Webhooks: v1 = base64(HMAC-SHA256(base64-decoded secret, `id.timestamp.body`)). */
function verifySignature(secret: string, { headers, body }: Received): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`).digest('base64');
  return String(headers['webhook-signature'] ?? '')
    .split(' ')
    .some((part) => part === `v1,${expected}`);
}

const state: { secret?: string; hook?: Json; escalation?: Json } = {};

test('(f) an admin creates a webhook and sees its secret once', async ({ page, data }) => {
  const { org, people } = data;
  const o = `/orgs/${org.id}`;
  await signIn(page, people.olivia, org.id);
  await page.goto(`${o}/admin/webhooks`);
  await page.getByRole('button', { name: 'New webhook' }).click();
  const form = page.getByRole('form', { name: 'New webhook' });
  await form.getByLabel('URL').fill(receiverUrl);
  await form.getByLabel('Description (optional)').fill('Helpdesk bridge');
  await form.getByRole('checkbox', { name: /Escalated/ }).check();
  await form.getByRole('checkbox', { name: /SLA breached/ }).check();
  await audit(page, 'f4-webhook-form');
  await form.getByRole('button', { name: 'Create webhook' }).click();

  const notice = page.getByRole('region', { name: `Signing secret for ${receiverUrl}` });
  await notice.getByText('you won’t see it again', { exact: false }).waitFor();
  const secret = await notice.getByLabel('Signing secret').inputValue();
  expect(secret, 'the secret').toMatch(/^whsec_[A-Za-z0-9+/=]{20,}$/);
  state.secret = secret;
  await page.getByRole('row', { name: /Helpdesk bridge/ }).waitFor();
  await shot(page, 'f4-webhooks');

  const listed = await must('GET', `${o}/webhooks`, { token: people.olivia.token });
  const hook = listed.items.find((w: Json) => w.url === receiverUrl);
  expect(hook, 'the webhook in the API list').toBeTruthy();
  expect(hook, 'the API list shows no secret').not.toHaveProperty('secret');
  expect(hook.event_types).toEqual(['escalation.created', 'escalation.sla_breached']);
  state.hook = hook;

  await notice.getByRole('button', { name: 'Done, I have stored it' }).click();
  await notice.waitFor({ state: 'detached' });
  await page.reload();
  await page.getByRole('row', { name: /Helpdesk bridge/ }).waitFor();
  expect(await page.content(), 'the secret after "Done" and a reload').not.toContain(secret);
  await audit(page, 'f4-webhooks');
});

test('(f) an inbox owner sees the notification of a new escalation, with the bell count', async ({ page, data }) => {
  const { org, people, inboxes, campaigns } = data;
  const o = `/orgs/${org.id}`;
  await signIn(page, people.oscar, org.id);
  const before = (await must('GET', `${o}/notifications?limit=1`, { token: people.oscar.token })).unread_count;
  await page.goto(`${o}/notifications`);
  await page.getByRole('button', { name: new RegExp(`^Notifications, ${before === 0 ? 'no' : before} unread$`) }).waitFor();

  const conversation = await must('POST', `${o}/conversations`, {
    token: people.olivia.token,
    json: {
      campaign_id: campaigns.renewals.id,
      contact: { name: 'Hedy Lamarr', email: 'hedy.lamarr@contact.example' },
      channel: 'email',
      message: { body: 'My renewal was charged twice.' },
    },
  });
  const { escalation } = await must('POST', `${o}/conversations/${conversation.id}/escalate`, {
    token: people.olivia.token,
    json: { inbox_id: inboxes.serviceDesk.id, priority: 'high', category: 'service', handoff: HANDOFF('Hedy was charged twice for one renewal.') },
  });
  state.escalation = escalation;

  // Polled every 5 s: the count goes up by one without a reload.
  const bell = page.getByRole('button', { name: `Notifications, ${before + 1} unread` });
  await bell.waitFor({ timeout: 12_000 });
  await page
    .getByRole('list', { name: 'Notifications, newest first' })
    .getByRole('listitem', { name: 'New escalation in Service desk: Hedy Lamarr' })
    .getByText('Why you: You own the inbox.')
    .waitFor();
  await audit(page, 'f2-notifications-page');
  await bell.click();
  const panel = page.getByRole('region', { name: 'Notifications', exact: true });
  const link = panel.getByRole('link', { name: 'New escalation in Service desk: Hedy Lamarr' });
  await link.waitFor();
  await shot(page, 'f2-notifications');
  await audit(page, 'f2-notifications-panel');

  await link.click();
  await page.waitForURL(new RegExp(`/escalations/${escalation.id}$`));
  await page.getByRole('heading', { name: 'Hedy Lamarr', level: 1 }).waitFor();
  await page.getByRole('button', { name: `Notifications, ${before === 0 ? 'no' : before} unread` }).waitFor();
  const feed = await must('GET', `${o}/notifications?limit=5`, { token: people.oscar.token });
  const item = feed.items.find((n: Json) => n.escalation_id === escalation.id && n.type === 'escalation.created');
  expect(item?.rule, `the notification ${JSON.stringify(item)}`).toBe('inbox_owner');
  expect(item?.read_at, 'read once opened').toBeTruthy();
});

test('(f) the webhook delivery arrives signed with the secret shown once, and is listed as delivered', async ({ page, data }) => {
  const { org, people } = data;
  const o = `/orgs/${org.id}`;
  const delivery = await waitFor(
    () => received.find((r) => JSON.parse(r.body).data?.escalation?.id === state.escalation.id),
    { timeout: 20_000, interval: 250, what: 'the webhook delivery' },
  );
  const payload = JSON.parse(delivery.body);
  expect(payload.type).toBe('escalation.created');
  expect(verifySignature(state.secret!, delivery), 'the webhook-signature verifies with the secret shown once').toBe(true);

  // Found the way an admin would: Admin → Webhooks → the endpoint's "Deliveries".
  await signIn(page, people.olivia, org.id);
  await page.goto(`${o}/admin/webhooks`);
  await page.getByRole('row', { name: /Helpdesk bridge/ }).getByRole('link', { name: /^Deliveries/ }).click();
  await page.waitForURL(new RegExp(`/admin/webhooks/${state.hook.id}$`));
  await page.getByRole('heading', { name: 'Deliveries to Helpdesk bridge' }).waitFor();
  const row = page
    .getByRole('table', { name: 'Deliveries, newest first' })
    .getByRole('row', { name: new RegExp(String(delivery.headers['webhook-id'])) });
  await row.getByText('Delivered').waitFor({ timeout: 10_000 });
  await shot(page, 'f5-webhook-deliveries');
  await audit(page, 'f5-webhook-deliveries');
  // Every delivery of the organisation (emails, in-app, webhooks).
  await page.goto(`${o}/admin/deliveries`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.getByRole('table').first().waitFor();
  await audit(page, 'f6-admin-deliveries');
});

test('(f) the escalation policy: a member recipient and the webhook as default recipient; in use, it cannot be deleted', async ({
  page,
  data,
  guard,
}) => {
  const { org, people } = data;
  const o = `/orgs/${org.id}`;
  await signIn(page, people.olivia, org.id);
  await page.goto(`${o}/admin/escalation-policy`);
  const other = page.getByRole('listitem', { name: /^Other/ });
  await expect(other.getByRole('button', { name: /Remove category/ }), 'the remove button of “other”').toBeDisabled();
  await other.getByText('“Other” cannot be removed').waitFor();

  const accounting = page.getByRole('listitem', { name: /^Accounting/ });
  const add = accounting.getByRole('group', { name: 'Add a recipient to “Accounting”' });
  await add.getByLabel('Member').selectOption({ label: `Oscar Owner (${people.oscar.email})` });
  await add.getByRole('button', { name: /^Add/ }).click();
  const defaults = page.getByRole('group', { name: 'Add a recipient to the default recipients' });
  await defaults.getByLabel('Type').selectOption({ label: 'Webhook' });
  await defaults.getByLabel('Webhook').selectOption({ label: `Helpdesk bridge (${receiverUrl})` });
  await defaults.getByRole('button', { name: /^Add/ }).click();
  await accounting.getByRole('list', { name: 'Recipients of “Accounting”' }).getByText('Oscar Owner').waitFor();
  await accounting.scrollIntoViewIfNeeded();
  await shot(page, 'f3-escalation-policy');
  await audit(page, 'f3-escalation-policy');
  await page.getByRole('button', { name: 'Save policy' }).click();
  await page.getByText('Escalation policy saved.').waitFor();

  const saved = await must('GET', `${o}/escalation-policy`, { token: people.olivia.token });
  const acc = saved.categories.find((c: Json) => c.key === 'accounting');
  expect(acc.recipients).toEqual([{ type: 'member', user_id: people.oscar.id }]);
  expect(saved.default_recipients).toEqual([{ type: 'webhook', webhook_id: state.hook.id }]);

  // Named by the policy, the webhook cannot be deleted: the 409 is explained.
  guard.allow(409, `/webhooks/${state.hook.id}`);
  await page.goto(`${o}/admin/webhooks`);
  const row = page.getByRole('row', { name: /Helpdesk bridge/ });
  await row.getByRole('button', { name: 'Delete', exact: true }).click();
  await row.getByRole('button', { name: 'Delete webhook' }).click();
  await page.getByRole('alert').getByText('Remove it from the escalation policy first.').waitFor();
  await page.getByRole('link', { name: 'escalation policy', exact: true }).waitFor();
  const still = await call('GET', `${o}/webhooks/${state.hook.id}`, { token: people.olivia.token });
  expect(still.status, 'the webhook the policy names is still there').toBe(200);
});

test('(f) the dashboard draws its charts from the stats', async ({ page, data }) => {
  const { org, people } = data;
  const o = `/orgs/${org.id}`;
  const T = { token: people.olivia.token };
  // An answer and a resolution within their deadlines, so that attainment has something to show.
  await must('POST', `${o}/conversations/${state.escalation.conversation_id}/messages`, {
    ...T,
    json: { body: 'Sorry about that: the second charge is refunded.', direction: 'outbound' },
  });
  await must('POST', `${o}/escalations/${state.escalation.id}/resolve`, { ...T, json: { note: 'Refunded.' } });
  const stats = await must('GET', `${o}/stats/escalations?days=14`, T);
  const openNow = stats.open_by_inbox.reduce((n: number, row: Json) => n + row.count, 0);
  await signIn(page, people.olivia, org.id);
  await page.goto(`${o}/dashboard`);
  await page.getByRole('navigation', { name: /navigation/ }).getByRole('link', { name: 'Dashboard' }).waitFor();
  for (const title of ['Open escalations by inbox', 'Daily flow', 'SLA breaches per day', 'SLA attainment']) {
    await page.getByRole('region', { name: title }).waitFor();
  }
  const tiles = page.locator('.stat-tiles');
  await tiles.getByText('Open now').waitFor();
  await expect(tiles.locator('.stat-tile').first().locator('.stat-value'), '"Open now" against the API').toHaveText(String(openNow));
  // Charts with data are SVGs; the ones without say so.
  await page.getByRole('region', { name: 'Open escalations by inbox' }).locator('svg.recharts-surface').first().waitFor();
  await page.getByRole('region', { name: 'Daily flow' }).locator('svg.recharts-surface').first().waitFor();
  await page.getByRole('region', { name: 'SLA attainment' }).locator('svg.recharts-surface').first().waitFor();
  expect(await page.getByRole('region', { name: 'Open escalations by inbox' }).locator('.recharts-bar-rectangle').count(), 'bars').toBeGreaterThan(0);
  expect(stats.first_response.met, 'first responses met').toBeGreaterThanOrEqual(1);
  await page.getByRole('region', { name: 'SLA attainment' }).getByText(/First response: \d+% met/).waitFor();

  // The numbers behind a chart, for anyone who cannot read it.
  const flow = page.getByRole('region', { name: 'Daily flow' });
  await flow.getByText('Show numbers').click();
  const today = stats.daily[stats.daily.length - 1];
  const lastRow = flow.getByRole('table', { name: 'Escalations per day' }).locator('tbody tr').first();
  const cells = await lastRow.locator('td').allTextContents();
  expect(cells.map(Number), "today's row").toEqual([today.escalated, today.claimed, today.resolved, today.de_escalated]);
  await audit(page, 'f1-dashboard');
  await flow.getByText('Show numbers').click();
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, 'f1-dashboard');
  await page.setViewportSize(TABLET);
  await page.getByRole('region', { name: 'SLA attainment' }).locator('svg.recharts-surface').first().waitFor();
  await shot(page, 't4-tablet-dashboard');
  await page.setViewportSize(LAPTOP);
});
