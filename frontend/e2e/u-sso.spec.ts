/** (u) Single sign-on in the browser, through a real OpenID provider on loopback (panva's
 * oidc-provider, as the backend's tests run it): an admin sets the provider up, and a newcomer whose
 * email is in its domain signs in with it, joins the organisation and works as usual. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { must } from './support/api';
import { expect, test } from './support/fixtures';
import { ROOT } from './support/paths';
import { audit, shot, signIn } from './support/screens';

const OIDC = join(ROOT, 'tests', 'oidc');
const CLIENT = { client_id: 'escalations-e2e', client_secret: 'e2e-client-secret-0123456789abcdef' };

let provider: ChildProcess | null = null;
let issuer = '';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

test.beforeAll(async ({ baseURL }) => {
  if (!existsSync(join(OIDC, 'node_modules', 'oidc-provider'))) {
    const installed = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: OIDC, stdio: 'inherit' });
    if (installed.status !== 0) throw new Error('npm ci in tests/oidc failed');
  }
  const port = await freePort();
  const config = { clients: [{ ...CLIENT, redirect_uris: [`${baseURL}/api/v1/auth/sso/callback`] }] };
  provider = spawn(process.execPath, ['provider.mjs', String(port), JSON.stringify(config)], {
    cwd: OIDC,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  issuer = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the OpenID provider did not start')), 30_000);
    provider!.stdout!.on('data', (chunk: Buffer) => {
      const ready = /ready (\S+)/.exec(chunk.toString());
      if (ready) {
        clearTimeout(timer);
        resolve(ready[1]);
      }
    });
  });
});

test.afterAll(() => {
  provider?.kill();
});

test('(u) a newcomer signs in through the organisation’s identity provider', async ({ page, data, openPage }) => {
  const domain = `sso-${data.run}.example.com`;
  const admin = data.people.olivia;
  // The admin's screen: Admin › Security › Single sign-on.
  const org = data.org;
  await must('PUT', `/orgs/${org.id}/sso`, {
    token: admin.token,
    json: { name: 'E2E Identity', issuer, ...CLIENT, allowed_domains: [domain], default_role: 'agent' },
  });

  // The provider's pages load a web font from the internet: answered empty here (no network).
  await page.route(/fonts\.(googleapis|gstatic)\.com/, (route) => route.fulfill({ status: 200, body: '' }));
  await page.goto('/sign-in?next=%2Forgs');
  await page.getByLabel('Email').fill(`una@${domain}`);
  const sso = page.getByRole('link', { name: 'Sign in with E2E Identity' });
  await sso.waitFor();
  await shot(page, 'u1-sign-in-with-provider');
  await audit(page, 'u1-sign-in-with-provider');
  await sso.click();

  // At the provider: its own sign-in form, then consent.
  await page.waitForURL(new RegExp(`^${issuer.replace(/[.:/]/g, '\\$&')}/interaction/`));
  await page.locator('input[name="login"]').fill(`una@${domain}`);
  await page.locator('input[name="password"]').fill('any password');
  await page.locator('button[type="submit"]').click();
  await page.getByRole('button', { name: 'Continue' }).click();

  // Back in the app, signed in with the session cookie, a member of the organisation.
  await page.waitForURL(/\/orgs$/);
  await page.getByRole('banner').getByText(`una@${domain}`).waitFor();
  const cookie = (await page.context().cookies()).find((c) => c.name === 'escalations_session');
  expect(cookie?.httpOnly).toBe(true);
  await page.goto(`/orgs/${org.id}/queue`);
  await page.getByRole('navigation', { name: `${org.name} navigation` }).getByText('Agent').waitFor();
  const members = await must('GET', `/orgs/${org.id}/members?limit=200`, { token: admin.token });
  const una = members.items.find((m: { email: string }) => m.email === `una@${domain}`);
  expect(una?.role).toBe('agent');

  // The admin's side, as the admin sees it: Admin › Security (the provider set up above, the
  // two-factor requirement, the audit trail with Una's sign-in) and Admin › Members with Una in it.
  const adminPage = await openPage();
  await signIn(adminPage, admin, org.id);
  await adminPage.goto(`/orgs/${org.id}/admin/security`);
  const settings = adminPage.getByRole('region', { name: 'Single sign-on' });
  await expect(settings.getByLabel('Issuer URL')).toHaveValue(issuer);
  await expect(settings.getByLabel(/^Email domains/)).toHaveValue(domain);
  await shot(adminPage, 'u2-admin-security');
  await audit(adminPage, 'u2-admin-security');
  await adminPage.goto(`/orgs/${org.id}/admin/members`);
  await adminPage.getByText(`una@${domain}`).first().waitFor();
  await audit(adminPage, 'u3-admin-members');
});
