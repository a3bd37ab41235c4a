#!/usr/bin/env node
/**
 * End-to-end checks in a real browser (Debian chromium driven by playwright-core).
 *
 *   npm run e2e          # = npm run build && node e2e/run.mjs
 *
 * Starts the backend itself from the repository root (`python -m app.cli serve --no-demo` on a free
 * port: migrations, the API serving frontend/dist, and the worker; DATABASE_URL / REDIS_URL from the
 * environment when set, else the CLI's embedded servers), seeds a fresh organisation through the API
 * (unique names per run, so runs never collide), then runs these flows:
 *
 *   (n) a new user, in the browser only: registers, creates an organisation, sees the empty queue and
 *       escalations, switches organisations, adds a seeded user as a member, signs out and in again;
 *   (a) an agent escalates with a hand-off and lands on the next conversation;
 *   (b) two owners in two browser contexts click "Claim next batch" at once and get different escalations;
 *       a claim made elsewhere disappears from an owner's open view within 2 s, through the event stream;
 *   (c) an owner moves one escalation to another inbox and de-escalates another;
 *   (d) an admin deletes an inbox (the confirmation shows the count) and the conversations reappear in
 *       their campaign's threads list;
 *   (e) the admin screens (inboxes, calendars with the deadline calculator, SLA policies, campaign
 *       auto-escalation rule) and the threads inbox filter work, at laptop and tablet widths;
 *   (f) an admin creates a webhook (to a receiver this script runs on 127.0.0.1, so the backend runs
 *       with WEBHOOK_ALLOW_PRIVATE=true) and sees its secret once; an inbox owner sees the notification
 *       of a new escalation and the bell's count; the delivery arrives signed with that secret; the
 *       escalation policy is edited; the dashboard draws its charts;
 *   (h) an admin writes a rule in the Rules editor, reorders and disables rules, dry-runs a message; a
 *       contact asking for a supervisor is escalated by the rule; an agent's escalation into a restricted
 *       inbox waits in the approval queue until the owner approves it;
 *   (r) in an organisation of its own, seeded first with a one-minute first-response target: one
 *       escalation answered late and one still unanswered are both in the breach list (the second one
 *       "still running"), each a link to its escalation; the Reports screen shows the API's SLA report
 *       (tiles against the previous period, charts, the figures per group), filters land in the request
 *       and the address (kept over a reload), the exports download with the session (named by the
 *       server, the JSON Lines one line per escalation), and it fits a 390 px phone.
 *
 * Screenshots of each screen go to e2e/screenshots/ (1280x800, 820x1180 for tablet ones, 390x844 for phone ones).
 * Prints "e2e: N passed, M failed" and exits non-zero when any check failed.
 */
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const FRONTEND = dirname(dirname(fileURLToPath(import.meta.url)));
const ROOT = dirname(FRONTEND);
const SHOTS = join(FRONTEND, 'e2e', 'screenshots');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const PYTHON = process.env.E2E_PYTHON ?? join(ROOT, '.venv', 'bin', 'python');
const LAPTOP = { width: 1280, height: 800 };
const TABLET = { width: 820, height: 1180 };
const PHONE = { width: 390, height: 844 };
const TOTAL_TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS ?? 240_000);
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

const started = Date.now();
const results = [];
const cleanups = [];
let BASE_URL = process.env.E2E_BASE_URL ?? '';

function log(message) {
  console.log(`[e2e ${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${message}`);
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** One named check: its failure is recorded (with a screenshot of the page, if given) and the run goes on. */
async function check(name, fn, pageForFailure) {
  const t0 = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    log(`PASS ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  } catch (error) {
    results.push({ name, ok: false, error });
    log(`FAIL ${name}: ${error?.message ?? error}`);
    const page = typeof pageForFailure === 'function' ? pageForFailure() : pageForFailure;
    if (page) {
      const path = join(tmpdir(), `e2e-failed-${name.replace(/\W+/g, '-').slice(0, 40)}-${Date.now()}.png`);
      await page.screenshot({ path }).then(
        () => log(`     page at failure: ${path}`),
        () => {},
      );
    }
  }
}

// ---------- Backend ----------

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(fn, { timeout = 90_000, interval = 300, what = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, interval));
  }
  throw new Error(`timed out waiting for ${what}${last ? ` (${last.message})` : ''}`);
}

async function startBackend() {
  assert(existsSync(join(FRONTEND, 'dist', 'index.html')), 'frontend/dist is missing: run `npm run build` first');
  assert(existsSync(PYTHON), `${PYTHON} not found: run ./scripts/test.sh or ./scripts/run.sh once to create the venv`);
  const port = await freePort();
  const logPath = join(tmpdir(), `e2e-backend-${port}.log`);
  const logFile = createWriteStream(logPath);
  log(`starting the backend on port ${port} (log: ${logPath})`);
  // Its own process group, so that it (and only it) can be signalled; `serve` stops its API and worker.
  const child = spawn(PYTHON, ['-m', 'app.cli', 'serve', '--no-demo', '--port', String(port)], {
    cwd: ROOT,
    // Flow (f) points a webhook at a receiver on 127.0.0.1: private targets must be allowed.
    // Every account here signs in from 127.0.0.1: the per-IP sign-in limit (brute-force protection,
    // 20 a minute by default) is not what this run tests, and ~20 sign-ins fall within a minute.
    env: {
      ...process.env,
      LOG_JSON: 'false',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'WARNING',
      WEBHOOK_ALLOW_PRIVATE: 'true',
      RATE_LIMIT_SIGN_IN_PER_IP: '1000/minute',
    },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(logFile);
  child.stderr.pipe(logFile);
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });
  cleanups.push(async () => {
    if (exited) return;
    log('stopping the backend');
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const gone = await waitFor(() => exited, { timeout: 20_000, interval: 200, what: 'the backend to stop' }).catch(() => null);
    if (!gone) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  });
  const base = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => {
      if (exited) throw new Error(`the backend exited (${JSON.stringify(exited)}); see ${logPath}`);
      const response = await fetch(`${base}/readyz`);
      // Its worker too: until its first heartbeat every page would say monitoring is not running.
      return response.ok && (await response.json()).worker.last_heartbeat_at !== null;
    },
    { timeout: 120_000, what: 'the backend and its worker to be ready' },
  ).catch((error) => {
    const tail = existsSync(logPath) ? readFileSync(logPath, 'utf8').split('\n').slice(-30).join('\n') : '';
    throw new Error(`${error.message}\n--- backend log (tail) ---\n${tail}`);
  });
  const index = await (await fetch(`${base}/`)).text();
  assert(index.includes('id="root"'), 'the backend does not serve the built SPA at /');
  return base;
}

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
  return { status: response.status, data: text ? JSON.parse(text) : undefined };
}

async function must(method, path, options) {
  const result = await call(method, path, options);
  if (result.status >= 300) throw new Error(`${method} ${path} → ${result.status}: ${JSON.stringify(result.data)}`);
  return result.data;
}

async function account(email, password, displayName) {
  const registered = await call('POST', '/auth/register', { json: { email, password, display_name: displayName } });
  assert(registered.status === 201, `register ${email}: ${registered.status} ${JSON.stringify(registered.data)}`);
  const { access_token } = await must('POST', '/auth/jwt/login', { form: { username: email, password } });
  const me = await must('GET', '/users/me', { token: access_token });
  return { email, password, name: displayName, token: access_token, id: me.id };
}

const HANDOFF = (reason) => ({
  reason,
  steps_taken: 'Checked the account and the last three invoices.',
  offers_made: null,
  help_needed: 'Please decide and answer the contact.',
});

async function seed() {
  const run = Date.now().toString(36);
  const password = 'e2e-password-2026';
  const olivia = await account(`olivia.${run}@e2e.example.com`, password, 'Olivia Owner');
  const oscar = await account(`oscar.${run}@e2e.example.com`, password, 'Oscar Owner');
  const adam = await account(`adam.${run}@e2e.example.com`, password, 'Adam Agent');
  // Signs in nowhere: flow (n) adds him to a second organisation (the others must keep exactly one).
  const sam = await account(`sam.${run}@e2e.example.com`, password, 'Sam Supervisor');
  const T = { token: olivia.token };
  const org = await must('POST', '/orgs', { ...T, json: { name: `E2E Support ${run}` } });
  const o = `/orgs/${org.id}`;
  for (const person of [oscar, adam]) {
    await must('POST', `${o}/members`, { ...T, json: { email: person.email, role: 'agent' } });
  }
  await must('POST', `${o}/members`, { ...T, json: { email: sam.email, role: 'supervisor' } });
  const renewals = await must('POST', `${o}/campaigns`, { ...T, json: { name: 'Winter renewals' } });
  const billingQuestions = await must('POST', `${o}/campaigns`, { ...T, json: { name: 'Billing questions' } });

  const calendar = await must('POST', `${o}/calendars`, {
    ...T,
    json: {
      name: 'London office',
      time_zone: 'Europe/London',
      intervals: [
        ...[0, 1, 2, 3].map((weekday) => ({ weekday, start: '09:00', end: '17:30' })),
        { weekday: 4, start: '09:00', end: '13:00' },
        { weekday: 4, start: '14:00', end: '17:30' },
        { weekday: 4, start: '22:00', end: '02:00' },
      ],
      holidays: [{ date: '2026-12-24', name: 'Office closed' }],
      holiday_country: 'GB',
      holiday_subdivision: 'ENG',
    },
  });
  const standard = await must('POST', `${o}/sla-policies`, {
    ...T,
    json: {
      name: 'Standard',
      calendar_id: calendar.id,
      targets: {
        normal: { first_response_minutes: 240, resolution_minutes: 2880 },
        high: { first_response_minutes: 60, resolution_minutes: 960 },
        urgent: { first_response_minutes: 30, resolution_minutes: 480 },
        critical: { first_response_minutes: 15, resolution_minutes: 240 },
      },
      warnings_minutes: [30, 5],
      pause_while_awaiting_contact: true,
      is_default: true,
    },
  });
  await must('POST', `${o}/sla-policies`, {
    ...T,
    json: {
      name: 'Around the clock',
      calendar_id: null,
      targets: { critical: { first_response_minutes: 10, resolution_minutes: 120 } },
    },
  });

  const inbox = (name, owners, extra = {}) =>
    must('POST', `${o}/inboxes`, {
      ...T,
      json: { name, owner_ids: owners.map((p) => p.id), assignment_duration_minutes: 30, ...extra },
    });
  const serviceDesk = await inbox('Service desk', [olivia, oscar], {
    description: 'Service problems the agents cannot solve alone',
    batch_size: 2,
    default_priority: 'high',
    sla_policy_id: standard.id,
  });
  const billing = await inbox('Billing', [olivia], { batch_size: 5 });
  const returns = await inbox('Returns', [olivia], { batch_size: 5 });

  const start = (campaign, name, body, assignee) =>
    must('POST', `${o}/conversations`, {
      ...T,
      json: {
        campaign_id: campaign.id,
        contact: { name, email: `${name.toLowerCase().replace(/\W+/g, '.')}@contact.example` },
        channel: 'email',
        ...(assignee ? { assignee_id: assignee.id } : {}),
        message: { body },
      },
    });
  const escalate = (conversation, into, priority, reason, category = 'service') =>
    must('POST', `${o}/conversations/${conversation.id}/escalate`, {
      ...T,
      json: { inbox_id: into.id, priority, category, handoff: HANDOFF(reason) },
    });

  // (a) Adam's queue: Grace (older) then Alan.
  const grace = await start(renewals, 'Grace Hopper', 'My renewal price went up by 40% without notice. Why?', adam);
  const alan = await start(renewals, 'Alan Turing', 'Can I move my renewal date to January?', adam);
  await start(billingQuestions, 'Katherine Johnson', 'Where is my refund?', adam).then((c) =>
    must('POST', `${o}/conversations/${c.id}/messages`, {
      token: adam.token,
      json: { body: 'It was sent yesterday; it takes three working days.', direction: 'outbound' },
    }),
  );

  // (b, c) Four escalations in Service desk, one of each priority.
  const claimable = [];
  for (const [name, priority] of [
    ['Ada Lovelace', 'critical'],
    ['Barbara Liskov', 'urgent'],
    ['Edsger Dijkstra', 'high'],
    ['Margaret Hamilton', 'normal'],
  ]) {
    const conversation = await start(renewals, name, `${name}: the renewal failed twice.`);
    const { escalation } = await escalate(conversation, serviceDesk, priority, `${name} cannot renew; the payment fails.`);
    claimable.push({ name, escalation, conversation });
  }

  // (d) Three escalations in Returns, from "Billing questions".
  const returned = [];
  for (const name of ['Dorothy Vaughan', 'Mary Jackson', 'Annie Easley']) {
    const conversation = await start(billingQuestions, name, `${name}: I want to return my order.`);
    await escalate(conversation, returns, 'normal', `${name} wants to return an order past the deadline.`, 'accounting');
    returned.push({ name, conversation });
  }

  // (r) An organisation of its own for the reports (so no other flow sees its notifications): a
  // one-minute first-response target, so that by flow (r) both escalations are late.
  const rita = await account(`rita.${run}@e2e.example.com`, password, 'Rita Reports');
  const R = { token: rita.token };
  const reportsOrg = await must('POST', '/orgs', { ...R, json: { name: `E2E Reports ${run}` } });
  const r = `/orgs/${reportsOrg.id}`;
  const offers = await must('POST', `${r}/campaigns`, { ...R, json: { name: 'Spring offers' } });
  const oneMinute = await must('POST', `${r}/sla-policies`, {
    ...R,
    json: {
      name: 'One minute',
      calendar_id: null,
      targets: {
        normal: { first_response_minutes: 1, resolution_minutes: 600 },
        high: { first_response_minutes: 1, resolution_minutes: 600 },
      },
      is_default: true,
    },
  });
  const lateDesk = await must('POST', `${r}/inboxes`, {
    ...R,
    json: { name: 'Late desk', owner_ids: [rita.id], sla_policy_id: oneMinute.id },
  });
  const late = [];
  for (const [name, priority] of [
    ['Lise Meitner', 'normal'],
    ['Emmy Noether', 'high'],
  ]) {
    const conversation = await must('POST', `${r}/conversations`, {
      ...R,
      json: {
        campaign_id: offers.id,
        contact: { name, email: `${name.toLowerCase().replace(/\W+/g, '.')}@contact.example` },
        channel: 'email',
        message: { body: `${name}: the offer code does not work.` },
      },
    });
    const { escalation } = await must('POST', `${r}/conversations/${conversation.id}/escalate`, {
      ...R,
      json: { inbox_id: lateDesk.id, priority, category: 'service', handoff: HANDOFF(`${name} cannot use the offer code.`) },
    });
    late.push({ name, conversation, escalation });
  }

  return {
    run,
    org,
    reports: { person: rita, org: reportsOrg, inbox: lateDesk, late, seededAt: Date.now() },
    people: { olivia, oscar, adam, sam },
    campaigns: { renewals, billingQuestions },
    inboxes: { serviceDesk, billing, returns },
    calendar,
    conversations: { grace, alan },
    claimable,
    returned,
  };
}

// ---------- Browser helpers ----------

async function newPage(browser, viewport = LAPTOP) {
  const context = await browser.newContext({ viewport, locale: 'en-GB', timezoneId: 'Europe/London' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(error.message));
  return page;
}

async function signIn(page, person, orgId) {
  await page.goto(`${BASE_URL}/sign-in`);
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(new RegExp(`/orgs/${orgId}/`));
}

async function shot(page, name) {
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});
  // Let the last render (and any transition) settle.
  await page.waitForTimeout(150);
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
  log(`     screenshot e2e/screenshots/${name}.png`);
}

// ---------- Flows ----------

async function flowNewUser(browser, data) {
  const { people } = data;
  const page = await newPage(browser);
  const newcomer = {
    email: `nina.${data.run}@e2e.example.com`,
    password: 'nina-e2e-password-2026',
    name: 'Nina Newcomer',
  };
  const orgName = `Nina's Help Desk ${data.run}`;
  await check(
    '(n) a new user registers, creates an organisation, adds a member and signs out',
    async () => {
      await page.goto(`${BASE_URL}/`);
      // Signed out, the app asks to sign in; a newcomer follows "Create one".
      await page.waitForURL(/\/sign-in/);
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await shot(page, 'n1-sign-in');
      await page.getByRole('link', { name: 'Create one' }).click();
      await page.getByRole('heading', { name: 'Create an account' }).waitFor();
      await page.getByLabel('Email').fill(newcomer.email);
      await page.getByLabel('Name (optional)').fill(newcomer.name);
      await page.getByLabel('Password').fill(newcomer.password);
      await shot(page, 'n2-register');
      await page.getByRole('button', { name: 'Create account' }).click();

      // Registered and signed in, in no organisation yet: the page says how to get into one.
      await page.waitForURL(/\/orgs$/);
      await page.getByText('You are not in any organisation yet').waitFor();
      await page.getByRole('banner').getByText(newcomer.name).waitFor();
      await shot(page, 'n3-orgs-empty');
      const form = page.getByRole('region', { name: 'New organisation' });
      await form.getByLabel('Name').fill(orgName);
      await form.getByRole('button', { name: 'Create organisation' }).click();

      // The creator owns it and starts in Admin → Members.
      await page.waitForURL(/\/orgs\/[^/]+\/admin\/members$/);
      const orgId = page.url().match(/\/orgs\/([^/]+)\//)[1];
      const nav = page.getByRole('navigation', { name: `${orgName} navigation` });
      await nav.getByText('Owner').waitFor();

      // Empty states of the day's work.
      await nav.getByRole('link', { name: 'Queue' }).click();
      await page.getByText('Nothing waiting for you').waitFor();
      await shot(page, 'n4-empty-queue');
      await nav.getByRole('link', { name: 'Escalations' }).click();
      await page.getByText('No escalation inboxes yet').waitFor();
      await page.getByRole('link', { name: 'Create an inbox' }).waitFor();
      await shot(page, 'n5-empty-escalations');

      // The switcher: to the list of organisations and back.
      const switcher = page.getByRole('banner').getByLabel('Organisation');
      await switcher.selectOption({ label: 'All organisations / new…' });
      await page.waitForURL(/\/orgs$/);
      const mine = page.getByRole('region', { name: 'Your organisations' }).getByRole('listitem');
      await mine.first().waitFor(); // counted only once the list has loaded (it raced under load)
      assert((await mine.count()) === 1, `the new user is in ${await mine.count()} organisations`);
      await mine.getByText('Owner').waitFor();
      await mine.getByRole('link', { name: orgName }).waitFor();
      await shot(page, 'n6-orgs-list-and-switcher');
      await switcher.selectOption({ label: orgName });
      await page.waitForURL(new RegExp(`/orgs/${orgId}/queue$`));
      await page.getByText('Nothing waiting for you').waitFor();

      // Admin → Members: add a seeded account with the role the form offers.
      await nav.getByRole('link', { name: 'Admin' }).click();
      await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Members' }).click();
      const add = page.getByRole('form', { name: 'Add a member' });
      await add.getByLabel('Email').fill(people.sam.email);
      await add.getByLabel('Role').selectOption({ label: 'Supervisor' });
      await add.getByRole('button', { name: 'Add member' }).click();
      await page.getByText(`Added ${people.sam.email} as supervisor.`).waitFor();
      const samRow = page.getByRole('row', { name: /Sam Supervisor/ });
      assert((await samRow.getByLabel('Role for Sam Supervisor').inputValue()) === 'supervisor', 'Sam is not listed as supervisor');
      await page.getByRole('row', { name: /Nina Newcomer \(you\)/ }).waitFor();
      await shot(page, 'n7-members');
      const members = await must('GET', `/orgs/${orgId}/members`, { token: people.sam.token });
      const sam = members.items.find((m) => m.user_id === people.sam.id);
      assert(sam?.role === 'supervisor', `the API has Sam as ${sam?.role}`);

      // Sign out; signing in again opens the organisation.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(/\/sign-in$/);
      await page.getByLabel('Email').fill(newcomer.email);
      await page.getByLabel('Password').fill(newcomer.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(new RegExp(`/orgs/${orgId}/queue$`));
      await page.getByText('Nothing waiting for you').waitFor();
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      // Signed out for good: the organisation's pages ask to sign in again.
      await page.goto(`${BASE_URL}/orgs/${orgId}/queue`);
      await page.waitForURL(/\/sign-in$/);
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      assert(page.errors.length === 0, `page errors: ${page.errors.join('; ')}`);
    },
    page,
  );
  await page.context().close();
}

async function flowEscalate(browser, data) {
  const { org, people, conversations } = data;
  const page = await newPage(browser);
  await check(
    '(a) agent escalates with a hand-off and lands on the next conversation',
    async () => {
      await signIn(page, people.adam, org.id);
      await page.goto(`${BASE_URL}/orgs/${org.id}/queue`);
      const queue = page.getByRole('table');
      await queue.getByRole('link', { name: 'Grace Hopper' }).waitFor();
      await shot(page, 'a0-agent-queue');
      await queue.getByRole('link', { name: 'Grace Hopper' }).click();
      await page.getByRole('heading', { name: 'Grace Hopper', level: 1 }).waitFor();
      const nav = page.getByRole('navigation', { name: /navigation/ });
      assert((await nav.getByRole('link', { name: 'Escalations' }).count()) === 0, 'an agent who owns no inbox sees "Escalations"');

      await page.getByRole('button', { name: 'Escalate…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Escalate Grace Hopper' });
      await dialog.getByLabel('Inbox').waitFor();
      await shot(page, 'a1-escalate-dialog');

      // An empty hand-off is blocked before anything is sent.
      await dialog.getByLabel('Inbox').selectOption({ label: 'Billing' });
      await dialog.getByRole('button', { name: 'Escalate', exact: true }).click();
      await dialog.getByText('Please complete the hand-off').waitFor();
      for (const label of ['Reason for escalating', 'Steps taken', 'Help needed']) {
        assert(
          (await dialog.getByLabel(label, { exact: true }).getAttribute('aria-invalid')) === 'true',
          `"${label}" is not marked invalid`,
        );
      }
      const still = await must('GET', `/orgs/${org.id}/conversations/${conversations.grace.id}`, { token: people.adam.token });
      assert(still.escalation === null, 'the conversation was escalated despite the empty hand-off');
      await shot(page, 'a2-escalate-validation');

      await dialog.getByLabel('Priority').selectOption({ label: 'Urgent' });
      await dialog.getByLabel('Category').selectOption({ label: 'Accounting' });
      await dialog.getByLabel('Reason for escalating').fill('The renewal price rose 40% without notice; she will cancel unless it is explained.');
      await dialog.getByLabel('Steps taken').fill('Compared last year’s invoice; the discount code expired. Explained the new price.');
      await dialog.getByLabel('Offers made (optional)').fill('Offered one month free; she declined.');
      await dialog.getByLabel('Help needed').fill('Can billing restore the old price for one more year?');
      await shot(page, 'a3-escalate-filled');
      await dialog.getByRole('button', { name: 'Escalate', exact: true }).click();

      await page.waitForURL(new RegExp(`/conversations/${conversations.alan.id}$`));
      await page.getByRole('heading', { name: 'Alan Turing', level: 1 }).waitFor();
      await page.getByText('Grace Hopper was escalated to Billing. Next in your queue: Alan Turing.').waitFor();
      await shot(page, 'a4-next-conversation');

      const escalated = await must('GET', `/orgs/${org.id}/conversations/${conversations.grace.id}`, {
        token: people.olivia.token,
      });
      assert(escalated.escalation?.inbox_id === data.inboxes.billing.id, 'Grace is not escalated into Billing');
      assert(escalated.escalation?.priority === 'urgent', `priority is ${escalated.escalation?.priority}, not urgent`);
      const gone = await call('GET', `/orgs/${org.id}/conversations/${conversations.grace.id}`, { token: people.adam.token });
      assert(gone.status === 404, 'the agent still sees the escalated conversation');
    },
    page,
  );

  await check(
    '(a) the escalate dialog works at tablet width and closes with Escape',
    async () => {
      await page.setViewportSize(TABLET);
      await page.getByRole('button', { name: 'Escalate…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Escalate Alan Turing' });
      await dialog.getByLabel('Inbox').waitFor();
      await shot(page, 't1-tablet-escalate-dialog');
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      const focused = await page.evaluate(() => document.activeElement?.textContent);
      assert(focused === 'Escalate…', `focus went to "${focused}", not back to Escalate…`);
    },
    page,
  );
  assert(page.errors.length === 0, `page errors: ${page.errors.join('; ')}`);
  await page.context().close();
}

async function flowClaims(browser, data) {
  const { org, people, inboxes, claimable } = data;
  const olivia = await newPage(browser);
  const oscar = await newPage(browser);
  const claimedBy = {};
  await check(
    '(b) two owners claim at once and get different escalations',
    async () => {
      await Promise.all([signIn(olivia, people.olivia, org.id), signIn(oscar, people.oscar, org.id)]);
      for (const page of [olivia, oscar]) {
        await page.goto(`${BASE_URL}/orgs/${org.id}/escalations`);
        await page.getByRole('button', { name: 'Claim next batch from Service desk' }).waitFor();
      }
      // Oscar is an agent: he sees "Escalations" because he owns an inbox.
      await oscar.getByRole('navigation', { name: /navigation/ }).getByRole('link', { name: 'Escalations' }).waitFor();
      await shot(olivia, 'b1-owner-view');

      await Promise.all(
        [olivia, oscar].map((page) => page.getByRole('button', { name: 'Claim next batch from Service desk' }).click()),
      );
      for (const [who, page] of [
        ['olivia', olivia],
        ['oscar', oscar],
      ]) {
        const region = page.getByRole('region', { name: /Claimed from Service desk/ });
        await region.waitFor();
        claimedBy[who] = await region.getByRole('list', { name: 'Escalations you just claimed' }).getByRole('link').allTextContents();
      }
      log(`     Olivia claimed: ${claimedBy.olivia.join(', ')}; Oscar claimed: ${claimedBy.oscar.join(', ')}`);
      assert(claimedBy.olivia.length === 2 && claimedBy.oscar.length === 2, 'each owner should get a batch of 2');
      const overlap = claimedBy.olivia.filter((name) => claimedBy.oscar.includes(name));
      assert(overlap.length === 0, `both owners got ${overlap.join(', ')}`);
      assert(
        new Set([...claimedBy.olivia, ...claimedBy.oscar]).size === claimable.length,
        'the two batches do not cover the four escalations',
      );

      // The server agrees on who holds what.
      for (const item of claimable) {
        const current = await must('GET', `/orgs/${org.id}/escalations/${item.escalation.id}`, { token: people.olivia.token });
        const holder = claimedBy.olivia.includes(item.name) ? people.olivia.id : people.oscar.id;
        assert(current.status === 'claimed' && current.claimed_by === holder, `${item.name} is not claimed by the right owner`);
      }

      // Each sees their own claims with a live countdown, and not the other's.
      for (const [who, page] of [
        ['olivia', olivia],
        ['oscar', oscar],
      ]) {
        const section = page.getByRole('region', { name: /^Service desk/ });
        await section.getByText('Claimed by you').first().waitFor();
        const timer = section.getByRole('timer').first();
        const before = await timer.textContent();
        assert(/^expires in (30:00|29:[0-5]\d)$/.test(before ?? ''), `countdown reads "${before}"`);
        await page.waitForFunction(
          (text) => document.querySelector('.inbox-section [role="timer"]')?.textContent !== text,
          before,
          { timeout: 3_000 },
        );
        // Whoever claimed first refetched before the other claim committed, so their view may still list
        // the other owner's batch as open: it must be gone by the next poll (5 s), not necessarily at once.
        const other = who === 'olivia' ? claimedBy.oscar : claimedBy.olivia;
        for (const name of other) {
          const link = section.getByRole('link', { name, exact: true });
          await link.waitFor({ state: 'detached', timeout: 8_000 }).catch(() => {});
          assert((await link.count()) === 0, `${who} still sees ${name}, claimed by the other owner, after a poll`);
        }
      }
      await shot(olivia, 'b2-claimed-olivia');
      await shot(oscar, 'b3-claimed-oscar');
    },
    () => olivia,
  );

  await check(
    "(b) another owner's claim disappears from an owner's view within 2 s, without a reload (event stream)",
    async () => {
      const { serviceDesk } = inboxes;
      const name = (claimedBy.oscar ?? [])[0];
      const item = claimable.find((candidate) => candidate.name === name);
      assert(item, 'Oscar has no claimed escalation to work with');
      // The stream is open: the view now polls only every minute, so what follows is the stream's doing.
      await olivia.waitForFunction(() => document.documentElement.dataset.live === 'on', null, { timeout: 10_000 });
      const section = olivia.getByRole('region', { name: /^Service desk/ });
      const link = section.getByRole('link', { name, exact: true });
      assert((await link.count()) === 0, `Olivia sees ${name}, claimed by Oscar`);

      // Oscar gives it back (through the API, not Olivia's page): it appears in her view, open.
      let t0 = Date.now();
      await must('POST', `/orgs/${org.id}/escalations/${item.escalation.id}/release`, { token: people.oscar.token });
      await link.waitFor({ timeout: 2_000 });
      log(`     released: in Olivia's view after ${Date.now() - t0} ms`);

      // Oscar claims it again: it leaves her view.
      t0 = Date.now();
      const batch = await must('POST', `/orgs/${org.id}/inboxes/${serviceDesk.id}/claims`, {
        token: people.oscar.token,
        json: { count: 1 },
      });
      assert(batch.items.length === 1 && batch.items[0].id === item.escalation.id, 'Oscar did not get it back');
      await link.waitFor({ state: 'detached', timeout: 2_000 });
      const took = Date.now() - t0;
      log(`     claimed by Oscar: gone from Olivia's view after ${took} ms`);
      assert(took < 2_000, `took ${took} ms`);
    },
    () => olivia,
  );

  await check(
    '(c) an owner moves one escalation to another inbox and de-escalates another',
    async () => {
      const [toMove, toReturn] = claimedBy.olivia ?? [];
      assert(toMove && toReturn, 'Olivia has no two claimed escalations to work with');
      const byName = Object.fromEntries(claimable.map((c) => [c.name, c]));

      const moveRow = olivia.getByRole('listitem', { name: toMove, exact: true });
      await moveRow.getByRole('button', { name: `Move… ${toMove}` }).click();
      const moveForm = olivia.getByRole('form', { name: `Move ${toMove}` });
      await moveForm.getByLabel('Move to inbox').selectOption({ label: 'Billing' });
      await moveForm.getByLabel('Note (optional)').fill('Billing owns payment failures.');
      await shot(olivia, 'c1-move');
      await moveForm.getByRole('button', { name: 'Move', exact: true }).click();
      await olivia.getByText(`${toMove} was moved to Billing.`).waitFor();

      const returnRow = olivia.getByRole('listitem', { name: toReturn, exact: true });
      await returnRow.getByRole('button', { name: `De-escalate… ${toReturn}` }).click();
      const returnForm = olivia.getByRole('form', { name: `De-escalate ${toReturn}` });
      await returnForm.getByLabel('Note (optional)').fill('Payment went through on retry; back to the campaign.');
      await returnForm.getByRole('button', { name: 'De-escalate', exact: true }).click();
      await olivia.getByText(`${toReturn} was de-escalated back to their campaign.`).waitFor();
      // Both left the Service desk list (the moved one shows under Billing, unclaimed).
      const serviceDesk = olivia.getByRole('region', { name: /^Service desk/ });
      await serviceDesk.getByRole('link', { name: toReturn, exact: true }).waitFor({ state: 'detached' });
      await serviceDesk.getByRole('link', { name: toMove, exact: true }).waitFor({ state: 'detached' });
      await olivia.getByRole('region', { name: /^Billing/ }).getByRole('link', { name: toMove, exact: true }).waitFor();
      await shot(olivia, 'c2-after-move-and-de-escalate');

      const moved = await must('GET', `/orgs/${org.id}/escalations/${byName[toMove].escalation.id}`, { token: people.olivia.token });
      assert(moved.inbox_id === inboxes.billing.id && moved.status === 'open', `moved: inbox ${moved.inbox_id}, status ${moved.status}`);
      const back = await must('GET', `/orgs/${org.id}/escalations/${byName[toReturn].escalation.id}`, { token: people.olivia.token });
      assert(back.status === 'de_escalated', `de-escalated one has status ${back.status}`);

      // The detail page: hand-off, SLA fields and the audit trail in words.
      await olivia.goto(`${BASE_URL}/orgs/${org.id}/escalations/${byName[toMove].escalation.id}`);
      const trail = olivia.getByRole('list', { name: 'Audit trail, oldest first' });
      await trail.getByText('Moved from Service desk to Billing').waitFor();
      await trail.getByText(/^Claimed by you until/).waitFor();
      await trail.getByText('Note: Billing owns payment failures.').waitFor();
      await olivia.getByRole('region', { name: 'Hand-off note' }).getByText(`${toMove} cannot renew; the payment fails.`).waitFor();
      await shot(olivia, 'c3-escalation-detail');
      await olivia.setViewportSize(TABLET);
      await shot(olivia, 't2-tablet-escalation-detail');
      await olivia.goto(`${BASE_URL}/orgs/${org.id}/escalations`);
      await olivia.getByRole('table', { name: /Your escalation inboxes/ }).waitFor();
      await shot(olivia, 't3-tablet-owner-view');
      await olivia.setViewportSize(LAPTOP);
    },
    () => olivia,
  );
  for (const page of [olivia, oscar]) assert(page.errors.length === 0, `page errors: ${page.errors.join('; ')}`);
  await oscar.context().close();
  return olivia;
}

async function flowDeleteInbox(page, data) {
  const { org, campaigns, returned } = data;
  await check(
    '(d) an admin deletes an inbox and its conversations reappear in their campaign',
    async () => {
      const names = returned.map((r) => r.name);
      // Before: escalated into Returns.
      await page.goto(`${BASE_URL}/orgs/${org.id}/conversations?campaign=${campaigns.billingQuestions.id}`);
      const before = page.getByRole('table');
      for (const name of names) {
        await before.getByRole('row', { name: new RegExp(name) }).getByText(/Escalated · Returns/).waitFor();
      }

      await page.goto(`${BASE_URL}/orgs/${org.id}/admin/inboxes`);
      const row = page.getByRole('row', { name: /Returns/ });
      await row.getByText('3 unclaimed').waitFor();
      await row.getByRole('button', { name: 'Delete', exact: true }).click();
      const question = page.getByRole('group', { name: /^Delete “Returns”\?/ });
      const text = await question.textContent();
      assert(
        text?.includes('3 conversations will be de-escalated back to their campaigns.'),
        `the confirmation reads "${text}"`,
      );
      await shot(page, 'd1-delete-inbox-confirm');
      await question.getByRole('button', { name: 'Delete inbox' }).click();
      await page.getByText('Inbox “Returns” deleted. 3 conversations went back to their campaigns.').waitFor();
      await page.getByRole('row', { name: /Returns/ }).waitFor({ state: 'detached' });
      await shot(page, 'd2-inbox-deleted');

      await page.goto(`${BASE_URL}/orgs/${org.id}/conversations?campaign=${campaigns.billingQuestions.id}&escalated=no`);
      const after = page.getByRole('table');
      for (const name of names) {
        const threadRow = after.getByRole('row', { name: new RegExp(name) });
        await threadRow.waitFor();
        assert(!(await threadRow.textContent())?.includes('Escalated'), `${name} still shows as escalated`);
      }
      await page.getByText(/conversations in this campaign not escalated/).waitFor();
      await shot(page, 'd3-threads-back-in-campaign');
    },
    page,
  );
}

async function flowAdminScreens(page, data) {
  const { org, inboxes, campaigns } = data;
  await check(
    '(e) threads inbox filter, admin inboxes, calendars, SLA policies and campaign rules',
    async () => {
      await page.goto(`${BASE_URL}/orgs/${org.id}/conversations?inbox=${inboxes.billing.id}`);
      await page.getByLabel('Escalation inbox').waitFor();
      await page.getByText(/conversations? in this inbox, \d+ needing a response/).waitFor();
      await page.getByRole('table').getByRole('link', { name: 'Grace Hopper' }).waitFor();
      await shot(page, 'e1-threads-inbox-filter');

      await page.goto(`${BASE_URL}/orgs/${org.id}/admin/inboxes`);
      await page.getByRole('row', { name: /Service desk/ }).getByRole('button', { name: 'Edit Service desk' }).click();
      const form = page.getByRole('form', { name: 'Edit “Service desk”' });
      await form.getByLabel('Batch size').fill('3');
      await shot(page, 'e2-admin-inbox-edit');
      await form.getByRole('button', { name: 'Save inbox' }).click();
      await page.getByText('Inbox “Service desk” saved.').waitFor();
      const saved = await must('GET', `/orgs/${org.id}/inboxes/${inboxes.serviceDesk.id}`, { token: data.people.olivia.token });
      assert(saved.batch_size === 3, `batch size is ${saved.batch_size} after saving 3`);
      await shot(page, 'e3-admin-inboxes');

      await page.goto(`${BASE_URL}/orgs/${org.id}/admin/calendars`);
      await page.getByRole('row', { name: /London office/ }).waitFor();
      const calc = page.getByRole('form', { name: 'Deadline calculator' });
      await calc.getByLabel('Start (your time)').fill('2026-12-24T16:00');
      await calc.getByLabel('Business minutes').fill('120');
      await calc.getByRole('button', { name: 'Calculate' }).click();
      // 24 Dec is a holiday, 25/26 Dec are public holidays (26th a Saturday, observed on the 28th): Tue 29 Dec, 11:00.
      await calc.getByText(/due .*Tuesday(,)? 29 December 2026.* 11:00.* in Europe\/London/).waitFor();
      await shot(page, 'e4-admin-calendars-deadline');
      await page.getByRole('button', { name: 'Edit London office' }).click();
      const calendarForm = page.getByRole('form', { name: 'Edit “London office”' });
      await calendarForm.getByText('overnight, until 02:00 on Saturday').waitFor();
      await calendarForm.getByRole('group', { name: 'Friday' }).scrollIntoViewIfNeeded();
      await shot(page, 'e5-admin-calendar-edit');
      await calendarForm.getByRole('button', { name: 'Cancel' }).click();

      await page.goto(`${BASE_URL}/orgs/${org.id}/admin/sla-policies`);
      await page.getByRole('row', { name: /Standard/ }).getByText('Default').waitFor();
      await shot(page, 'e6-admin-sla-policies');
      await page.getByRole('button', { name: 'Make default (Around the clock)' }).click();
      await page.getByText('“Around the clock” is now the default policy.').waitFor();
      await page.getByRole('button', { name: 'Edit Standard' }).click();
      await page.getByRole('form', { name: 'Edit “Standard”' }).getByLabel('Urgent first response minutes').waitFor();
      await shot(page, 'e7-admin-sla-policy-edit');

      await page.goto(`${BASE_URL}/orgs/${org.id}/admin/campaigns`);
      await page.getByRole('button', { name: 'Auto-escalation rule for Winter renewals' }).click();
      const rule = page.getByRole('form', { name: 'Auto-escalation rule for Winter renewals' });
      await rule.getByLabel('After (business minutes)').fill('45');
      await rule.getByLabel('Escalate into').selectOption({ label: 'Service desk' });
      await shot(page, 'e8-admin-campaign-rule');
      await rule.getByRole('button', { name: 'Save rule' }).click();
      await page.getByText('“Winter renewals” now escalates to Service desk after 45 business minutes without a response.').waitFor();
      await page.getByRole('row', { name: /Winter renewals/ }).getByText(/After 45 business min/).waitFor();
      const campaign = await must('GET', `/orgs/${org.id}/campaigns/${campaigns.renewals.id}`, { token: data.people.olivia.token });
      assert(
        campaign.auto_escalate_after_minutes === 45 && campaign.auto_escalate_inbox_id === inboxes.serviceDesk.id,
        'the auto-escalation rule was not saved',
      );
      await shot(page, 'e9-admin-campaigns');
    },
    page,
  );
  assert(page.errors.length === 0, `page errors: ${page.errors.join('; ')}`);
}

// ---------- Webhook receiver (flow f) ----------

/** A tiny HTTP endpoint on 127.0.0.1 that records every POST and answers 204. */
async function startReceiver() {
  const received = [];
  const server = http.createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ path: request.url, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(204).end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${server.address().port}/hooks/escalations`, received };
}

/** Standard Webhooks: v1 = base64(HMAC-SHA256(base64-decoded secret, `id.timestamp.body`)). */
function verifySignature(secret, { headers, body }) {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key)
    .update(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`)
    .digest('base64');
  return String(headers['webhook-signature'] ?? '')
    .split(' ')
    .some((part) => part === `v1,${expected}`);
}

async function flowNotifications(browser, page, data) {
  const { org, people, inboxes, campaigns } = data;
  const o = `/orgs/${org.id}`;
  const T = { token: people.olivia.token };
  const receiver = await startReceiver();
  const state = {};

  await check(
    '(f) an admin creates a webhook and sees its secret once',
    async () => {
      await page.goto(`${BASE_URL}${o}/admin/webhooks`);
      await page.getByRole('button', { name: 'New webhook' }).click();
      const form = page.getByRole('form', { name: 'New webhook' });
      await form.getByLabel('URL').fill(receiver.url);
      await form.getByLabel('Description (optional)').fill('Helpdesk bridge');
      await form.getByRole('checkbox', { name: /Escalated/ }).check();
      await form.getByRole('checkbox', { name: /SLA breached/ }).check();
      await form.getByRole('button', { name: 'Create webhook' }).click();

      const notice = page.getByRole('region', { name: `Signing secret for ${receiver.url}` });
      await notice.getByText('you won’t see it again', { exact: false }).waitFor();
      const secret = await notice.getByLabel('Signing secret').inputValue();
      assert(/^whsec_[A-Za-z0-9+/=]{20,}$/.test(secret), `the secret reads "${secret}"`);
      state.secret = secret;
      await page.getByRole('row', { name: /Helpdesk bridge/ }).waitFor();
      await shot(page, 'f4-webhooks');

      const listed = await must('GET', `${o}/webhooks`, T);
      const hook = listed.items.find((w) => w.url === receiver.url);
      assert(hook, 'the webhook is not in the API list');
      assert(!('secret' in hook), 'the API list shows the secret');
      assert(JSON.stringify(hook.event_types) === JSON.stringify(['escalation.created', 'escalation.sla_breached']), `event types ${hook.event_types}`);
      state.hook = hook;

      await notice.getByRole('button', { name: 'Done, I have stored it' }).click();
      await notice.waitFor({ state: 'detached' });
      await page.reload();
      await page.getByRole('row', { name: /Helpdesk bridge/ }).waitFor();
      assert(!(await page.content()).includes(secret), 'the secret is still on the page after "Done" and a reload');
    },
    page,
  );

  const oscar = await newPage(browser);
  await check(
    '(f) an inbox owner sees the notification of a new escalation, with the bell count',
    async () => {
      await signIn(oscar, people.oscar, org.id);
      const before = (await must('GET', `${o}/notifications?limit=1`, { token: people.oscar.token })).unread_count;
      await oscar.goto(`${BASE_URL}${o}/notifications`);
      await oscar.getByRole('button', { name: new RegExp(`^Notifications, ${before === 0 ? 'no' : before} unread$`) }).waitFor();

      const conversation = await must('POST', `${o}/conversations`, {
        ...T,
        json: {
          campaign_id: campaigns.renewals.id,
          contact: { name: 'Hedy Lamarr', email: 'hedy.lamarr@contact.example' },
          channel: 'email',
          message: { body: 'My renewal was charged twice.' },
        },
      });
      const { escalation } = await must('POST', `${o}/conversations/${conversation.id}/escalate`, {
        ...T,
        json: { inbox_id: inboxes.serviceDesk.id, priority: 'high', category: 'service', handoff: HANDOFF('Hedy was charged twice for one renewal.') },
      });
      state.escalation = escalation;

      // Polled every 5 s: the count goes up by one without a reload.
      const bell = oscar.getByRole('button', { name: `Notifications, ${before + 1} unread` });
      await bell.waitFor({ timeout: 12_000 });
      await oscar.getByRole('list', { name: 'Notifications, newest first' }).getByRole('listitem', { name: 'New escalation in Service desk: Hedy Lamarr' }).getByText('Why you: You own the inbox.').waitFor();
      await bell.click();
      const panel = oscar.getByRole('region', { name: 'Notifications', exact: true });
      const link = panel.getByRole('link', { name: 'New escalation in Service desk: Hedy Lamarr' });
      await link.waitFor();
      await shot(oscar, 'f2-notifications');

      await link.click();
      await oscar.waitForURL(new RegExp(`/escalations/${escalation.id}$`));
      await oscar.getByRole('heading', { name: 'Hedy Lamarr', level: 1 }).waitFor();
      await oscar.getByRole('button', { name: `Notifications, ${before === 0 ? 'no' : before} unread` }).waitFor();
      const feed = await must('GET', `${o}/notifications?limit=5`, { token: people.oscar.token });
      const item = feed.items.find((n) => n.escalation_id === escalation.id && n.type === 'escalation.created');
      assert(item && item.rule === 'inbox_owner' && item.read_at, `the notification is ${JSON.stringify(item)}`);
      assert(oscar.errors.length === 0, `page errors: ${oscar.errors.join('; ')}`);
    },
    oscar,
  );
  await oscar.context().close();

  await check(
    '(f) the webhook delivery arrives signed with the secret shown once, and is listed as delivered',
    async () => {
      assert(state.secret && state.escalation, 'needs the webhook and the escalation from the steps before');
      const delivery = await waitFor(
        () => receiver.received.find((r) => JSON.parse(r.body).data?.escalation?.id === state.escalation.id),
        { timeout: 20_000, interval: 250, what: 'the webhook delivery' },
      );
      const payload = JSON.parse(delivery.body);
      assert(payload.type === 'escalation.created', `delivered type ${payload.type}`);
      assert(verifySignature(state.secret, delivery), 'the webhook-signature does not verify with the secret shown once');

      // Found the way an admin would: Admin → Webhooks → the endpoint's "Deliveries".
      await page.goto(`${BASE_URL}${o}/admin/webhooks`);
      await page.getByRole('row', { name: /Helpdesk bridge/ }).getByRole('link', { name: /^Deliveries/ }).click();
      await page.waitForURL(new RegExp(`/admin/webhooks/${state.hook.id}$`));
      await page.getByRole('heading', { name: 'Deliveries to Helpdesk bridge' }).waitFor();
      const row = page.getByRole('table', { name: 'Deliveries, newest first' }).getByRole('row', { name: new RegExp(delivery.headers['webhook-id']) });
      await row.getByText('Delivered').waitFor({ timeout: 10_000 });
      await shot(page, 'f5-webhook-deliveries');
    },
    page,
  );

  await check(
    '(f) the escalation policy: a member recipient and the webhook as default recipient; in use, it cannot be deleted',
    async () => {
      await page.goto(`${BASE_URL}${o}/admin/escalation-policy`);
      const other = page.getByRole('listitem', { name: /^Other/ });
      const removeOther = other.getByRole('button', { name: /Remove category/ });
      assert(await removeOther.isDisabled(), 'the remove button of “other” is enabled');
      await other.getByText('“Other” cannot be removed').waitFor();

      const accounting = page.getByRole('listitem', { name: /^Accounting/ });
      const add = accounting.getByRole('group', { name: 'Add a recipient to “Accounting”' });
      await add.getByLabel('Member').selectOption({ label: `Oscar Owner (${people.oscar.email})` });
      await add.getByRole('button', { name: /^Add/ }).click();
      const defaults = page.getByRole('group', { name: 'Add a recipient to the default recipients' });
      await defaults.getByLabel('Type').selectOption({ label: 'Webhook' });
      await defaults.getByLabel('Webhook').selectOption({ label: `Helpdesk bridge (${receiver.url})` });
      await defaults.getByRole('button', { name: /^Add/ }).click();
      await accounting.getByRole('list', { name: 'Recipients of “Accounting”' }).getByText('Oscar Owner').waitFor();
      await accounting.scrollIntoViewIfNeeded();
      await shot(page, 'f3-escalation-policy');
      await page.getByRole('button', { name: 'Save policy' }).click();
      await page.getByText('Escalation policy saved.').waitFor();

      const saved = await must('GET', `${o}/escalation-policy`, T);
      const acc = saved.categories.find((c) => c.key === 'accounting');
      assert(
        JSON.stringify(acc.recipients) === JSON.stringify([{ type: 'member', user_id: people.oscar.id }]),
        `accounting recipients ${JSON.stringify(acc.recipients)}`,
      );
      assert(
        JSON.stringify(saved.default_recipients) === JSON.stringify([{ type: 'webhook', webhook_id: state.hook.id }]),
        `default recipients ${JSON.stringify(saved.default_recipients)}`,
      );

      // Named by the policy, the webhook cannot be deleted: the 409 is explained.
      await page.goto(`${BASE_URL}${o}/admin/webhooks`);
      const row = page.getByRole('row', { name: /Helpdesk bridge/ });
      await row.getByRole('button', { name: 'Delete', exact: true }).click();
      await row.getByRole('button', { name: 'Delete webhook' }).click();
      await page.getByRole('alert').getByText('Remove it from the escalation policy first.').waitFor();
      await page.getByRole('link', { name: 'escalation policy', exact: true }).waitFor();
      const still = await call('GET', `${o}/webhooks/${state.hook.id}`, T);
      assert(still.status === 200, 'the webhook was deleted although the policy names it');
    },
    page,
  );

  await check(
    '(f) the dashboard draws its charts from the stats',
    async () => {
      // An answer and a resolution within their deadlines, so that attainment has something to show.
      if (state.escalation) {
        const conversationId = state.escalation.conversation_id;
        await must('POST', `${o}/conversations/${conversationId}/messages`, {
          ...T,
          json: { body: 'Sorry about that: the second charge is refunded.', direction: 'outbound' },
        });
        await must('POST', `${o}/escalations/${state.escalation.id}/resolve`, { ...T, json: { note: 'Refunded.' } });
      }
      const stats = await must('GET', `${o}/stats/escalations?days=14`, T);
      const openNow = stats.open_by_inbox.reduce((n, row) => n + row.count, 0);
      await page.goto(`${BASE_URL}${o}/dashboard`);
      await page.getByRole('navigation', { name: /navigation/ }).getByRole('link', { name: 'Dashboard' }).waitFor();
      for (const title of ['Open escalations by inbox', 'Daily flow', 'SLA breaches per day', 'SLA attainment']) {
        await page.getByRole('region', { name: title }).waitFor();
      }
      const tiles = page.locator('.stat-tiles');
      await tiles.getByText('Open now').waitFor();
      const openTile = await tiles.locator('.stat-tile').first().locator('.stat-value').textContent();
      assert(Number(openTile) === openNow, `"Open now" reads ${openTile}, the API says ${openNow}`);
      // Charts with data are SVGs; the ones without say so.
      await page.getByRole('region', { name: 'Open escalations by inbox' }).locator('svg.recharts-surface').first().waitFor();
      await page.getByRole('region', { name: 'Daily flow' }).locator('svg.recharts-surface').first().waitFor();
      await page.getByRole('region', { name: 'SLA attainment' }).locator('svg.recharts-surface').first().waitFor();
      const bars = await page.getByRole('region', { name: 'Open escalations by inbox' }).locator('.recharts-bar-rectangle').count();
      assert(bars > 0, 'the open-escalations chart has no bars');
      const fr = stats.first_response;
      assert(fr.met >= 1, `first response met ${fr.met}`);
      await page.getByRole('region', { name: 'SLA attainment' }).getByText(/First response: \d+% met/).waitFor();

      // The numbers behind a chart, for anyone who cannot read it.
      const flow = page.getByRole('region', { name: 'Daily flow' });
      await flow.getByText('Show numbers').click();
      const today = stats.daily[stats.daily.length - 1];
      const lastRow = flow.getByRole('table', { name: 'Escalations per day' }).locator('tbody tr').first();
      const cells = await lastRow.locator('td').allTextContents();
      assert(
        JSON.stringify(cells.map(Number)) === JSON.stringify([today.escalated, today.claimed, today.resolved, today.de_escalated]),
        `today's row reads ${cells.join(', ')}; the API says ${JSON.stringify(today)}`,
      );
      await flow.getByText('Show numbers').click();
      await page.evaluate(() => window.scrollTo(0, 0));
      await shot(page, 'f1-dashboard');
      await page.setViewportSize(TABLET);
      await page.getByRole('region', { name: 'SLA attainment' }).locator('svg.recharts-surface').first().waitFor();
      await shot(page, 't4-tablet-dashboard');
      await page.setViewportSize(LAPTOP);
    },
    page,
  );
  assert(page.errors.length === 0, `page errors: ${page.errors.join('; ')}`);
}

// ---------- Rules and approvals (flow h) ----------

async function flowRules(page, data) {
  const { org, inboxes, campaigns, people } = data;
  const o = `/orgs/${org.id}`;
  const T = { token: people.olivia.token };
  await check(
    '(h) an admin writes a rule in the editor, dry-runs it, reorders; it escalates a supervisor request',
    async () => {
      await page.goto(`${BASE_URL}${o}/admin/rules`);
      await page.getByRole('button', { name: 'New rule' }).click();
      const form = page.getByRole('form', { name: 'New rule' });
      await form.getByLabel('Name').fill('Supervisor requested');
      await form.getByLabel('Value 1').fill('speak to a supervisor, manager');
      await form.getByRole('button', { name: 'Add condition' }).click();
      await form.getByLabel('Condition type 2').selectOption('campaign');
      await form.getByLabel('Campaign 2').selectOption(campaigns.renewals.id);
      await form.getByLabel('Inbox 1').selectOption(inboxes.serviceDesk.id);
      await form.getByLabel('Priority 1').selectOption('urgent');
      await form.getByLabel('Note 1').fill('The contact asked for a supervisor.');
      await shot(page, 'h1-rule-editor');
      await form.getByRole('button', { name: 'Create rule' }).click();
      await page.getByText('Rule “Supervisor requested” created.').waitFor();
      await must('POST', `${o}/rules`, {
        ...T,
        json: {
          name: 'Tag VIPs',
          trigger: 'message.received',
          conditions: { type: 'contact_attribute', key: 'tier', op: 'eq', value: 'vip' },
          actions: [{ type: 'add_tag', tag: 'vip' }],
        },
      });
      await page.reload();
      const list = page.getByRole('list', { name: 'Rules in evaluation order' });
      await list.getByRole('listitem', { name: 'Tag VIPs' }).waitFor();
      await list.getByRole('button', { name: 'Up Tag VIPs' }).click();
      await page.getByText('“Tag VIPs” is now rule 1 of 2.').waitFor();
      const order = await must('GET', `${o}/rules`, T);
      assert(order.items.map((r) => r.name).join(',') === 'Tag VIPs,Supervisor requested', 'reordered on the server');
      await list.getByRole('button', { name: 'Disable Tag VIPs' }).click();
      await list.getByRole('button', { name: 'Enable Tag VIPs' }).waitFor();

      const dry = page.getByRole('form', { name: 'Dry run' });
      await dry.getByLabel('Sample message').fill('I want to speak to a supervisor');
      await dry.getByLabel('Campaign').selectOption(campaigns.renewals.id);
      await dry.getByRole('button', { name: 'Test rules' }).click();
      await page.getByRole('list', { name: 'Rules that would fire' }).getByText(/Supervisor requested \(version 1\)/).waitFor();
      await shot(page, 'h2-rules-dry-run');

      // A contact writes: the rule escalates it by itself, with a note, at its priority.
      const conversation = await must('POST', `${o}/conversations`, {
        ...T,
        json: {
          campaign_id: campaigns.renewals.id,
          contact: { name: 'Rosalind Franklin' },
          assignee_id: people.adam.id,
          message: { body: 'Hello, I want to speak to a supervisor.' },
        },
      });
      assert(conversation.escalation?.inbox_id === inboxes.serviceDesk.id, 'escalated into Service desk by the rule');
      assert(conversation.escalation.priority === 'urgent', `priority ${conversation.escalation.priority}`);
      const trail = await must('GET', `${o}/escalations/${conversation.escalation.id}/events`, T);
      assert(trail.items.some((e) => e.type === 'rule.applied'), 'rule.applied on the audit trail');
    },
    page,
  );
  await check(
    '(h) a restricted inbox: the agent asks, the approval queue shows it, the owner approves',
    async () => {
      const legal = await must('POST', `${o}/inboxes`, {
        ...T,
        json: { name: 'Legal', owner_ids: [people.olivia.id], restricted: true },
      });
      const conversation = await must('POST', `${o}/conversations`, {
        ...T,
        json: { campaign_id: campaigns.billingQuestions.id, contact: { name: 'Lise Meitner' }, assignee_id: people.adam.id },
      });
      const asked = await call('POST', `${o}/conversations/${conversation.id}/escalate`, {
        token: people.adam.token,
        json: { inbox_id: legal.id, priority: 'high', handoff: HANDOFF('The contact threatens legal action.') },
      });
      assert(asked.status === 202 && asked.data.status === 'pending', `escalate into Legal → ${asked.status}`);
      await page.goto(`${BASE_URL}${o}/approvals`);
      const item = page.getByRole('listitem', { name: `Escalation into Legal requested by ${people.adam.name}` });
      await item.getByText('Reason: The contact threatens legal action.').waitFor();
      await shot(page, 'h3-approvals');
      await item.getByRole('button', { name: 'Approve' }).click();
      await page.getByText('Approved: escalated into Legal.').waitFor();
      const after = await must('GET', `${o}/conversations/${conversation.id}`, T);
      assert(after.escalation?.inbox_id === legal.id && !after.pending_approval, 'escalated into Legal once approved');
    },
    page,
  );
  assert(page.errors.length === 0, `page errors: ${page.errors.join('; ')}`);
}

// ---------- Main ----------

async function flowAutoAssign(browser, page, data) {
  const { org, people, campaigns } = data;
  const o = `/orgs/${org.id}`;
  const T = { token: people.olivia.token };
  const state = {};

  await check(
    '(g) an admin sets an inbox to assign automatically, with a capacity, on the inbox form',
    async () => {
      state.inbox = await must('POST', `${o}/inboxes`, {
        ...T,
        json: { name: 'Night desk', owner_ids: [people.oscar.id], batch_size: 5, assignment_duration_minutes: 30 },
      });
      await page.goto(`${BASE_URL}${o}/admin/inboxes`);
      const table = page.getByRole('table', { name: /Escalation inboxes/ });
      await table.getByRole('button', { name: 'Edit Night desk' }).click();
      const form = page.getByRole('form', { name: 'Edit “Night desk”' });
      await form.getByLabel('Assignment').selectOption({ label: 'Assigned automatically' });
      await form.getByLabel('Capacity per owner').fill('1');
      await shot(page, 'g1-inbox-auto-assignment');
      await form.getByRole('button', { name: 'Save inbox' }).click();
      await page.getByText('Inbox “Night desk” saved.').waitFor();
      await table.getByRole('row', { name: /Night desk/ }).getByText(/Assigned automatically, up to 1 open per owner/).waitFor();
      const saved = await must('GET', `${o}/inboxes/${state.inbox.id}`, T);
      assert(saved.assignment_mode === 'auto' && saved.capacity === 1, `saved as ${saved.assignment_mode}/${saved.capacity}`);
    },
    () => page,
  );

  await check(
    '(g) with its only owner offline, the dashboard warns that nobody is on shift',
    async () => {
      state.escalations = [];
      for (const name of ['Hedy Lamarr', 'Radia Perlman']) {
        const conversation = await must('POST', `${o}/conversations`, {
          ...T,
          json: {
            campaign_id: campaigns.renewals.id,
            contact: { name, email: `${name.toLowerCase().replace(/\W+/g, '.')}@contact.example` },
            channel: 'email',
            message: { body: `${name}: the line is dead.` },
          },
        });
        const { escalation } = await must('POST', `${o}/conversations/${conversation.id}/escalate`, {
          ...T,
          json: { inbox_id: state.inbox.id, priority: 'normal', category: 'service', handoff: HANDOFF(`${name} has no line.`) },
        });
        state.escalations.push(escalation);
      }
      await waitFor(async () => (await must('GET', `${o}/inboxes/${state.inbox.id}`, T)).unstaffed_since !== null, {
        timeout: 30_000,
        what: 'the worker to see nobody on shift in Night desk',
      });
      await page.goto(`${BASE_URL}${o}/dashboard`);
      const warning = page.getByRole('status').filter({ hasText: 'Nobody on shift' });
      await warning.getByText(/Night desk: escalations have waited with no owner on shift/).waitFor();
      await shot(page, 'g2-dashboard-nobody-on-shift');
    },
    () => page,
  );

  const oscar = await newPage(browser);
  await check(
    '(g) the owner goes online in the header: one escalation is assigned, up to the capacity of 1',
    async () => {
      await signIn(oscar, people.oscar, org.id);
      await oscar.goto(`${BASE_URL}${o}/escalations`);
      const summary = oscar.getByRole('table', { name: /Your escalation inboxes/ });
      await summary.getByLabel('Your open claims: 0 of 1').waitFor();
      await oscar.getByText(/Night desk: escalations have waited with no owner on shift/).waitFor();
      const status = oscar.getByRole('banner').getByLabel('Status');
      assert((await status.inputValue()) === 'offline', 'a new member starts offline');
      await status.selectOption('online');
      await summary.getByLabel('Your open claims: 1 of 1').waitFor({ timeout: 30_000 });
      await oscar.getByText(/Night desk: escalations have waited/).waitFor({ state: 'detached', timeout: 15_000 });
      await shot(oscar, 'g3-owner-auto-assigned');
      const now = await Promise.all(
        state.escalations.map((e) => must('GET', `${o}/escalations/${e.id}`, { token: people.oscar.token })),
      );
      const mine = now.filter((e) => e.status === 'claimed' && e.claimed_by === people.oscar.id);
      assert(mine.length === 1, `Oscar holds ${mine.length} of the 2 (capacity 1)`);
      const events = await must('GET', `${o}/escalations/${mine[0].id}/events`, { token: people.oscar.token });
      const assigned = events.items.find((e) => e.type === 'claim.auto_assigned');
      assert(assigned && assigned.data.reason.rule === 'fewest_open_claims', 'no claim.auto_assigned event with its reason');
      await oscar.goto(`${BASE_URL}${o}/escalations/${mine[0].id}`);
      await oscar.getByRole('list', { name: 'Audit trail, oldest first' }).getByText(/^Assigned automatically to you/).waitFor();
    },
    () => oscar,
  );
  assert(oscar.errors.length === 0, `page errors: ${oscar.errors.join('; ')}`);
  await oscar.context().close();
}

// ---------- Reports (flow r) ----------

async function flowReports(browser, data) {
  const { org, person, inbox, late, seededAt } = data.reports;
  const o = `/orgs/${org.id}`;
  const T = { token: person.token };
  const state = {};
  const page = await newPage(browser);

  await check(
    '(r) late escalations are in the breach list: one answered late, one still running',
    async () => {
      // The one-minute deadlines of the seeded escalations have passed.
      const wait = seededAt + 62_000 - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      // Answered late: the breach is recorded with the answer.
      await must('POST', `${o}/conversations/${late[0].conversation.id}/messages`, {
        ...T,
        json: { body: 'Sorry for the wait: here is a code that works.', direction: 'outbound' },
      });
      // The other one the worker finds at its deadline (within 30 s of it).
      const today = new Date().toISOString().slice(0, 10);
      state.breaches = await waitFor(
        async () => {
          const page1 = await must('GET', `${o}/reports/breaches?from=${today}&to=${today}`, T);
          return page1.items.length >= 2 ? page1 : null;
        },
        { timeout: 60_000, interval: 1_000, what: 'both breaches in the breach list' },
      );
      const open = state.breaches.items.find((b) => b.escalation_id === late[1].escalation.id);
      assert(open && open.still_open, `the unanswered escalation's breach: ${JSON.stringify(open)}`);
      const answered = state.breaches.items.find((b) => b.escalation_id === late[0].escalation.id);
      assert(answered && !answered.still_open, `the answered escalation's breach: ${JSON.stringify(answered)}`);
      await signIn(page, person, org.id);
    },
    page,
  );

  await check(
    '(r) the reports screen shows the SLA report of the API, against the previous period',
    async () => {
      await page.setViewportSize(LAPTOP);
      const answered = page.waitForResponse((r) => r.url().includes('/reports/sla?') && r.request().method() === 'GET');
      await page.goto(`${BASE_URL}${o}/reports`);
      await page.getByRole('navigation', { name: /navigation/ }).getByRole('link', { name: 'Reports' }).waitFor();
      const response = await answered;
      const query = new URL(response.url()).searchParams;
      state.from = query.get('from');
      state.to = query.get('to');
      assert(state.from && state.to, `the report was asked without a period: ${response.url()}`);
      // The same report, straight from the API.
      const report = await must('GET', `${o}/reports/sla?${query}`, T);
      state.report = report;
      const tiles = page.locator('.report-tiles');
      await tiles.getByText('Escalations', { exact: true }).waitFor();
      const escalations = await tiles.locator('.stat-tile').first().locator('.stat-value').textContent();
      assert(
        Number(escalations) === report.total.current.escalations,
        `"Escalations" reads ${escalations}, the API says ${report.total.current.escalations}`,
      );
      assert(report.total.current.escalations > 0, 'the seeded escalations are not in the last 30 days');
      const note = await tiles.locator('.stat-tile').first().locator('.stat-note').textContent();
      assert(note.includes(`previous period: ${report.total.previous.escalations}`), `the escalations tile says "${note}"`);
      // Attainment in a tile: a percentage, or "—" when nothing is decided (never 0% for that).
      const fr = report.total.current.first_response_attainment;
      const frTile = await tiles.locator('.stat-tile').nth(1).textContent();
      assert(fr === null ? frTile.includes('—') && frTile.includes('nothing decided yet') : frTile.includes('%'), `the first response tile says "${frTile}" for ${fr}`);

      const byInbox = page.getByRole('region', { name: 'SLA attainment by inbox' });
      await byInbox.waitFor();
      await page.getByRole('region', { name: 'Attainment trend' }).waitFor();
      await page.getByRole('region', { name: `Breaches per ${report.bucket}` }).waitFor();
      // Every group in the table of all figures, and the total.
      const figures = page.getByRole('table', { name: /Figures by inbox/ });
      await figures.waitFor();
      const rows = await figures.locator('tbody tr').count();
      assert(rows === report.groups.length + 1, `the figures table has ${rows} rows for ${report.groups.length} groups`);
      for (const group of report.groups) {
        await figures.getByRole('rowheader', { name: group.label }).waitFor();
      }
      if (report.groups.some((g) => g.current.first_response_met + g.current.first_response_breached > 0)) {
        await byInbox.locator('svg.recharts-surface').first().waitFor();
        await byInbox.getByText('Show numbers').click();
        await byInbox.getByRole('table').waitFor();
      }
      await page.evaluate(() => window.scrollTo(0, 0));
      await shot(page, 'r1-reports');
    },
    page,
  );

  await check(
    '(r) the breach list matches the API, and the filters land in the request and the address',
    async () => {
      const breaches = await must('GET', `${o}/reports/breaches?from=${state.from}&to=${state.to}`, T);
      const list = page.getByRole('region', { name: 'Breaches', exact: true });
      await list.locator('tbody tr').first().waitFor();
      const rows = await list.locator('tbody tr').count();
      assert(rows === breaches.items.length, `${rows} breach rows, the API lists ${breaches.items.length}`);
      for (const [i, b] of breaches.items.entries()) {
        const row = list.locator('tbody tr').nth(i);
        const href = await row.getByRole('link').getAttribute('href');
        assert(href === `${o}/escalations/${b.escalation_id}`, `breach ${i + 1} links to ${href}`);
        const text = await row.textContent();
        assert(text.includes('still running') === b.still_open, `breach ${i + 1} reads "${text}"; still_open is ${b.still_open}`);
        assert(/\d+ (min|h)/.test(text), `breach ${i + 1} says no lateness: "${text}"`);
      }
      await list.scrollIntoViewIfNeeded();
      await shot(page, 'r2-reports-breaches');
      // A breach opens its escalation.
      await list.locator('tbody tr').first().getByRole('link').click();
      await page.waitForURL(new RegExp(`${o}/escalations/${breaches.items[0].escalation_id}$`));
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.goBack();
      await list.locator('tbody tr').first().waitFor();
      const asked = page.waitForResponse((r) => r.url().includes('/reports/sla?') && r.url().includes('group_by=priority'));
      await page.getByLabel('Group by').selectOption('priority');
      await asked;
      await page.getByRole('region', { name: 'SLA attainment by priority' }).waitFor();
      assert(new URL(page.url()).searchParams.get('group_by') === 'priority', `the address is ${page.url()}`);
      const inboxAsked = page.waitForResponse(
        (r) => r.url().includes('/reports/breaches?') && r.url().includes(`inbox_id=${inbox.id}`),
      );
      await page.getByLabel('Inbox').selectOption({ label: 'Late desk' });
      await inboxAsked;
      // A linked report opens as it was left.
      await page.reload();
      await page.getByRole('region', { name: 'SLA attainment by priority' }).waitFor();
      const inboxValue = await page.getByLabel('Inbox').inputValue();
      assert(inboxValue === inbox.id, `after a reload the inbox filter is ${inboxValue}`);
      await page.getByLabel('Inbox').selectOption('');
      await page.getByLabel('Group by').selectOption('inbox');
      await page.getByRole('region', { name: 'SLA attainment by inbox' }).waitFor();
    },
    page,
  );

  await check(
    '(r) the exports download with the session: the CSV under its name, the JSON Lines one line per escalation',
    async () => {
      const [csv] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Escalations CSV' }).click(),
      ]);
      const name = csv.suggestedFilename();
      assert(name === `escalations-${state.from}-${state.to}.csv`, `the CSV is named ${name}`);
      const csvText = readFileSync(await csv.path(), 'utf8');
      assert(/^\uFEFF?[a-z_]+,/.test(csvText), `the CSV starts with ${JSON.stringify(csvText.slice(0, 60))}`);
      await page.getByText(`Downloaded ${name}.`).waitFor();

      const [jsonl] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Escalations JSON Lines' }).click(),
      ]);
      const lines = readFileSync(await jsonl.path(), 'utf8').split('\n').filter(Boolean);
      assert(
        lines.length === state.report.total.current.escalations,
        `the JSON Lines export has ${lines.length} lines; the report counts ${state.report.total.current.escalations} escalations`,
      );
      JSON.parse(lines[0]);

      const [breachCsv] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Breaches CSV' }).click(),
      ]);
      assert(breachCsv.suggestedFilename() === `breaches-${state.from}-${state.to}.csv`, `the breach CSV is named ${breachCsv.suggestedFilename()}`);
    },
    page,
  );

  await check(
    '(r) axe finds no WCAG 2 A/AA violations on the reports screen (numbers tables open)',
    async () => {
      await page.setViewportSize(LAPTOP);
      for (const summary of await page.locator('.chart-numbers summary').all()) {
        if (!(await summary.evaluate((el) => el.parentElement.open))) await summary.click();
      }
      // Evaluated through the DevTools protocol: the app's Content-Security-Policy refuses an injected <script>.
      if (!(await page.evaluate(() => Boolean(window.axe)))) {
        await page.evaluate(`${readFileSync(join(FRONTEND, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8')}\n;undefined`);
      }
      const result = await page.evaluate(() =>
        window.axe.run(document.querySelector('main'), { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
      );
      const violations = result.violations.map(
        (v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`,
      );
      assert(result.passes.length > 0, 'axe checked nothing');
      assert(violations.length === 0, `axe: ${violations.join('; ')}`);
    },
    page,
  );

  await check(
    '(r) the reports screen fits a 390 px phone (no sideways page scroll)',
    async () => {
      await page.setViewportSize(PHONE);
      await page.getByRole('region', { name: 'SLA attainment by inbox' }).waitFor();
      await page.waitForTimeout(300);
      const widths = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        view: document.documentElement.clientWidth,
      }));
      assert(widths.page <= widths.view, `the page is ${widths.page} px wide in a ${widths.view} px window`);
      await page.locator('.report-tiles').scrollIntoViewIfNeeded();
      await shot(page, 'r3-phone-reports');
      await page.setViewportSize(LAPTOP);
    },
    page,
  );
  assert(page.errors.length === 0, `page errors: ${page.errors.join('; ')}`);
}

async function cleanup() {
  while (cleanups.length) {
    const fn = cleanups.pop();
    await fn().catch((error) => log(`cleanup: ${error.message}`));
  }
}

async function main() {
  mkdirSync(SHOTS, { recursive: true });
  assert(
    existsSync(CHROMIUM),
    `${CHROMIUM} is missing: install Debian's chromium (apt-get update && apt-get install -y chromium) or set CHROMIUM`,
  );
  if (!BASE_URL) BASE_URL = await startBackend();
  log(`backend ready at ${BASE_URL}`);
  const data = await seed();
  log(`seeded organisation "${data.org.name}"`);

  // Playwright gives the browser a fresh temporary --user-data-dir; contexts are isolated from each other.
  const profileDir = mkdtempSync(join(tmpdir(), 'e2e-chromium-'));
  cleanups.push(async () => rmSync(profileDir, { recursive: true, force: true }));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    env: { ...process.env, XDG_CONFIG_HOME: profileDir, XDG_CACHE_HOME: profileDir },
  });
  cleanups.push(() => browser.close());

  await flowNewUser(browser, data);
  await check('no uncaught page errors in (a)', () => flowEscalate(browser, data));
  let ownerPage;
  await check('no uncaught page errors in (b) and (c)', async () => {
    ownerPage = await flowClaims(browser, data);
  });
  if (!ownerPage) {
    ownerPage = await newPage(browser);
    await signIn(ownerPage, data.people.olivia, data.org.id);
  }
  await flowDeleteInbox(ownerPage, data);
  await check('no uncaught page errors in (d) and (e)', () => flowAdminScreens(ownerPage, data));
  await check('no uncaught page errors in (f)', () => flowNotifications(browser, ownerPage, data));
  await check('no uncaught page errors in (g)', () => flowAutoAssign(browser, ownerPage, data));
  await check('no uncaught page errors in (h)', () => flowRules(ownerPage, data));
  await check('no uncaught page errors in (r)', () => flowReports(browser, data));
}

const timer = setTimeout(async () => {
  log(`timed out after ${TOTAL_TIMEOUT_MS / 1000} s`);
  results.push({ name: 'whole run within the time limit', ok: false });
  await cleanup();
  finish();
}, TOTAL_TIMEOUT_MS);

function finish() {
  clearTimeout(timer);
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  for (const r of results.filter((x) => !x.ok)) {
    console.log(`  failed: ${r.name}${r.error ? ` — ${String(r.error.message ?? r.error).split('\n')[0]}` : ''}`);
  }
  console.log(`e2e: ${passed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  process.exit(failed > 0 || passed === 0 ? 1 : 0);
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    log(`received ${signal}`);
    await cleanup();
    process.exit(130);
  });
}

main()
  .catch((error) => {
    results.push({ name: 'setup (backend, seeding, browser)', ok: false, error });
    console.error(error);
  })
  .finally(async () => {
    await cleanup();
    finish();
  });
