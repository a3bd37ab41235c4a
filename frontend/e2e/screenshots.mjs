#!/usr/bin/env node
/**
 * Screenshots of the SPA against a running backend that serves frontend/dist.
 *
 *   npm run build && (start the backend) && BASE_URL=http://127.0.0.1:8011 node e2e/screenshots.mjs
 *
 * Seeds demo data through the API first (idempotent: a fixed owner, agent, organisation, two
 * campaigns and a few conversations), then signs in through the UI as the owner and saves PNGs of
 * sign-in, organisations, queue, conversation, threads and admin screens (laptop and tablet widths)
 * into e2e/screenshots-demo/ (git-ignored; npm run e2e keeps the committed ones in e2e/screenshots/). Uses Debian's chromium (Playwright's browser download does not work here).
 */
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BASE_URL = (process.env.BASE_URL ?? 'http://127.0.0.1:8011').replace(/\/$/, '');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const OUT = join(dirname(fileURLToPath(import.meta.url)), 'screenshots-demo');
const OWNER = { email: 'demo.owner@example.com', password: 'demo-owner-password', display_name: 'Olivia Owner' };
const AGENT = { email: 'demo.agent@example.com', password: 'demo-agent-password', display_name: 'Adam Agent' };
const ORG_NAME = 'Demo Support';

// ---------- API seeding ----------

async function call(method, path, { token, json, form } = {}) {
  const headers = {};
  let body;
  if (token) headers.Authorization = `Bearer ${token}`;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  }
  if (form) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(form).toString();
  }
  const response = await fetch(`${BASE_URL}/api/v1${path}`, { method, headers, body });
  const text = await response.text();
  const data = text ? JSON.parse(text) : undefined;
  return { status: response.status, data };
}

async function must(method, path, options) {
  const result = await call(method, path, options);
  if (result.status >= 300) throw new Error(`${method} ${path} → ${result.status}: ${JSON.stringify(result.data)}`);
  return result.data;
}

async function ensureUser(user) {
  const registered = await call('POST', '/auth/register', { json: user });
  if (registered.status !== 201 && registered.data?.error_code !== 'REGISTER_USER_ALREADY_EXISTS') {
    throw new Error(`register ${user.email}: ${registered.status} ${JSON.stringify(registered.data)}`);
  }
  const { access_token } = await must('POST', '/auth/jwt/login', { form: { username: user.email, password: user.password } });
  const me = await must('GET', '/users/me', { token: access_token });
  return { token: access_token, id: me.id };
}

async function seed() {
  const owner = await ensureUser(OWNER);
  const agent = await ensureUser(AGENT);
  const orgs = await must('GET', '/orgs?limit=200', { token: owner.token });
  const org = orgs.items.find((o) => o.name === ORG_NAME) ?? (await must('POST', '/orgs', { token: owner.token, json: { name: ORG_NAME } }));
  const T = { token: owner.token };

  const members = await must('GET', `/orgs/${org.id}/members?limit=200`, T);
  if (!members.items.some((m) => m.user_id === agent.id)) {
    await must('POST', `/orgs/${org.id}/members`, { ...T, json: { email: AGENT.email, role: 'agent' } });
  }

  const campaigns = await must('GET', `/orgs/${org.id}/campaigns?limit=200`, T);
  const campaign = async (name) =>
    campaigns.items.find((c) => c.name === name) ??
    (await must('POST', `/orgs/${org.id}/campaigns`, { ...T, json: { name } }));
  const renewals = await campaign('Winter renewals');
  const billing = await campaign('Billing questions');

  const existing = await must('GET', `/orgs/${org.id}/conversations/counts`, T);
  if (existing.total === 0) {
    const start = (campaignId, assigneeId, contact, channel, body) =>
      must('POST', `/orgs/${org.id}/conversations`, {
        ...T,
        json: { campaign_id: campaignId, assignee_id: assigneeId, channel, contact, message: { body } },
      });
    await start(renewals.id, owner.id, { name: 'Grace Hopper', phone: '+44 20 7946 0018', email: 'grace@example.com', attributes: { plan: 'Gold', account: 'GH-1906' } }, 'sms',
      'Hi, my renewal price went up by 40% without notice. Can someone explain why before I cancel?');
    await start(billing.id, owner.id, { name: 'Alan Turing', email: 'alan@example.com' }, 'email',
      'I was charged twice for November. Invoice numbers INV-2231 and INV-2232.');
    await start(renewals.id, owner.id, { name: 'Katherine Johnson', phone: '+1 555 0100' }, 'whatsapp',
      'Is the family plan still available for renewal?');
    const answered = await start(billing.id, agent.id, { name: 'Edsger Dijkstra', email: 'ewd@example.com' }, 'chat',
      'Where can I download last year\'s invoices?');
    await must('POST', `/orgs/${org.id}/conversations/${answered.id}/messages`, {
      token: agent.token,
      json: { body: 'Under Account → Billing → Invoices; all years are listed there.', direction: 'outbound' },
    });
    await start(renewals.id, agent.id, { name: 'Barbara Liskov' }, 'voice', 'Call-back requested about renewal terms.');
  }
  return { org };
}

// ---------- Browser ----------

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

async function main() {
  const { org } = await seed();
  mkdirSync(OUT, { recursive: true });
  const userDataDir = mkdtempSync(join(tmpdir(), 'spa-shots-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 800 },
  });
  const problems = [];
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      // The deliberate wrong-password attempt logs a 400; anything else is worth knowing.
      if (message.type() === 'error' && !message.text().includes('status of 400')) problems.push(`console: ${message.text()}`);
    });
    const shot = async (name) => {
      await page.waitForLoadState('networkidle').catch(() => {});
      await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
      console.log(`saved e2e/screenshots-demo/${name}.png`);
    };

    await page.goto(`${BASE_URL}/register`);
    await page.getByRole('heading', { name: 'Create an account' }).waitFor();
    await shot('00-register');

    // Sign in through the form.
    await page.goto(`${BASE_URL}/sign-in`);
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    await shot('01-sign-in-error');
    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/orgs/);

    await page.goto(`${BASE_URL}/orgs`);
    await page.getByRole('heading', { name: 'Organisations', level: 1 }).waitFor();
    await shot('02-organisations');

    await page.goto(`${BASE_URL}/orgs/${org.id}/queue`);
    await page.getByRole('table').waitFor();
    await shot('03-queue');

    await page.getByRole('link', { name: 'Grace Hopper' }).click();
    await page.getByRole('list', { name: /Messages with/ }).waitFor();
    const conversationId = page.url().split('/').pop();
    await page.getByLabel(/Reply to/).fill('Thanks Grace, I am checking the renewal price with billing now.');
    await shot('04-conversation');

    // Send the reply through the UI: it shows at once and the conversation is answered.
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByText('Reply sent.').waitFor();
    await page.getByRole('main').getByText('Answered', { exact: true }).first().waitFor();
    await shot('04b-conversation-replied');
    // The contact writes back (through the API); polling shows it without a reload.
    const stamp = new Date().toISOString().slice(11, 19);
    const ownerToken = (await ensureUser(OWNER)).token;
    await must('POST', `/orgs/${org.id}/conversations/${conversationId}/messages`, {
      token: ownerToken,
      json: { body: `Thanks, I will wait for your answer. (${stamp})`, direction: 'inbound' },
    });
    await page.getByText(`(${stamp})`).waitFor({ timeout: 15_000 });
    await page.getByRole('main').getByText('Needs response', { exact: true }).first().waitFor({ timeout: 15_000 });
    await shot('04c-conversation-live-update');

    await page.goto(`${BASE_URL}/orgs/${org.id}/conversations`);
    await page.getByRole('table').waitFor();
    await shot('05-threads');
    await page.getByRole('radio', { name: /Needs response/ }).check();
    await page.waitForURL(/needs=yes/);
    await page.getByRole('table').waitFor();
    await shot('06-threads-needs-response');

    await page.goto(`${BASE_URL}/orgs/${org.id}/admin/members`);
    await page.getByRole('table').waitFor();
    await page.getByRole('button', { name: 'Remove' }).last().click();
    await shot('07-admin-members');
    await page.getByRole('button', { name: 'Cancel' }).click();

    await page.goto(`${BASE_URL}/orgs/${org.id}/admin/campaigns`);
    await page.getByRole('table').waitFor();
    await shot('08-admin-campaigns');

    // Tablet width.
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.goto(`${BASE_URL}/orgs/${org.id}/queue`);
    await page.getByRole('table').waitFor();
    await shot('09-tablet-queue');
    await page.getByRole('link', { name: 'Alan Turing' }).click();
    await page.getByRole('list', { name: /Messages with/ }).waitFor();
    await shot('10-tablet-conversation');
    await page.goto(`${BASE_URL}/orgs/${org.id}/conversations`);
    await page.getByRole('table').waitFor();
    await shot('11-tablet-threads');

    // An agent: Queue and Conversations only; Admin is not offered.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Email').fill(AGENT.email);
    await page.getByLabel('Password').fill(AGENT.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/orgs\/[^/]+\/queue/);
    await page.getByRole('table').waitFor();
    await shot('12-agent-queue');
    await page.goto(`${BASE_URL}/orgs/${org.id}/conversations`);
    await page.getByRole('table').waitFor();
    await shot('13-agent-conversations');
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
  if (problems.length) {
    console.log('Browser reported:');
    for (const p of problems) console.log(`  ${p}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
