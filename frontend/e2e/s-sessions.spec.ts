/** (s) Accounts that hold: the session is a cookie no script in the page can read, another site's
 * form cannot act with it, and a session ended on one device fails there at once. */
import { account, call, must } from './support/api';
import { expect, test } from './support/fixtures';
import { audit, shot } from './support/screens';

const COOKIE = 'escalations_session';

test('(s) the session is an HttpOnly cookie that another device can end', async ({ page, context, openPage, guard, data, baseURL }) => {
  const person = await account(`sia.${data.run}@e2e.example.com`, 'sia-e2e-password-2026', 'Sia Secure');

  // Laptop: signs in through the form.
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/orgs$/);

  // The browser holds the session as an HttpOnly, SameSite=Lax cookie...
  const cookie = (await context.cookies()).find((c) => c.name === COOKIE);
  expect(cookie, 'the session cookie').toBeDefined();
  expect(cookie!.httpOnly).toBe(true);
  expect(cookie!.sameSite).toBe('Lax');
  // ...which no script in the page can read, while the page's own requests are signed in with it.
  const seen = await page.evaluate(async () => ({
    cookies: document.cookie,
    stored: JSON.stringify({ ...localStorage, ...sessionStorage }),
    me: (await fetch('/api/v1/users/me')).status,
  }));
  expect(seen.cookies).not.toContain(COOKIE);
  expect(seen.stored).not.toContain(cookie!.value);
  expect(seen.stored).not.toMatch(/eyJ[\w-]+\.[\w-]+\./); // no JWT of any kind
  expect(seen.me).toBe(200);

  // Another site's page posts a form to the API: the browser withholds the Lax cookie, and the
  // API (which would also refuse the request's origin) creates nothing.
  guard.allow(401, '/api/v1/orgs');
  await page.route('http://attacker.example/**', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><title>Win a prize</title>
        <form id="f" method="post" action="${baseURL}/api/v1/orgs"><input name="name" value="Forged ${data.run}"></form>
        <script>document.getElementById('f').submit()</script>`,
    }),
  );
  const forged = page.waitForResponse((r) => r.url() === `${baseURL}/api/v1/orgs` && r.request().method() === 'POST');
  await page.goto('http://attacker.example/prize');
  expect((await forged).status()).toBe(401);
  const orgs = await must('GET', '/orgs?limit=200', { token: person.token });
  expect(orgs.items.map((o: { name: string }) => o.name)).not.toContain(`Forged ${data.run}`);
  await page.unroute('http://attacker.example/**');

  // Phone: signs in too, and sees both devices (and the token the API client signed in with).
  const phone = await openPage({ width: 390, height: 844 });
  await phone.goto('/sign-in');
  await phone.getByLabel('Email').fill(person.email);
  await phone.getByLabel('Password').fill(person.password);
  await phone.getByRole('button', { name: 'Sign in' }).click();
  await phone.waitForURL(/\/orgs$/);
  await phone.getByRole('banner').getByRole('link', { name: 'Security' }).click();
  await phone.waitForURL(/\/security$/);
  const devices = phone.getByRole('region', { name: 'Signed-in devices' }).getByRole('listitem');
  await expect(devices).toHaveCount(3);
  await expect(devices.filter({ hasText: 'This device' })).toHaveCount(1);
  await shot(phone, 's1-security-sessions');
  await audit(phone, 's1-security-sessions');

  // From the phone: sign out every other device. The laptop's very next request is refused, and
  // it lands on the sign-in page saying why; so is the API client's token.
  await phone.getByRole('button', { name: 'Sign out all other devices' }).click();
  await phone.getByRole('button', { name: 'Sign them out' }).click();
  await expect(devices).toHaveCount(1);
  guard.allow(401, '/api/v1/');
  await page.goto('/orgs');
  await page.waitForURL(/\/sign-in\?expired=1/);
  await page.getByText('Your session has ended. Sign in again to continue.').waitFor();
  expect((await call('GET', '/users/me', { token: person.token })).status).toBe(401);

  // The phone is still signed in; signing out ends its session on the server too.
  const phoneCookie = (await phone.context().cookies()).find((c) => c.name === COOKIE)!;
  const loggedOut = phone.waitForResponse((r) => r.url().endsWith('/api/v1/auth/cookie/logout'));
  await phone.getByRole('banner').getByRole('button', { name: 'Sign out', exact: true }).click();
  await phone.waitForURL(/\/sign-in$/);
  expect((await loggedOut).status()).toBe(204);
  const reused = await fetch(`${baseURL}/api/v1/users/me`, { headers: { Cookie: `${COOKIE}=${phoneCookie.value}` } });
  expect(reused.status, 'a copy of a signed-out cookie').toBe(401);
});
