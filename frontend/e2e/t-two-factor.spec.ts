/** (t) Two-factor sign-in in the browser: a member enrols an authenticator app from the Security page
 * (the key read off the page, codes from `otpauth` as an app makes them), keeps the backup codes, and
 * from then on signs in with the password and a code; a backup code works once. */
import { Secret, TOTP } from 'otpauth';
import type { Page } from '@playwright/test';
import { account } from './support/api';
import { expect, test } from './support/fixtures';
import { audit, shot } from './support/screens';

async function passwordStep(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Two-factor sign-in' }).waitFor();
}

/** A code of a 30-second step no earlier sign-in used (an app shows the next one soon enough). */
async function freshCode(totp: TOTP, used: Set<string>): Promise<string> {
  for (;;) {
    const code = totp.generate();
    if (!used.has(code)) {
      used.add(code);
      return code;
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

test('(t) a member turns on two-factor sign-in and signs in with a code', async ({ page, guard, data }) => {
  test.setTimeout(180_000); // may wait up to a 30-second step for a fresh code
  const person = await account(`tia.${data.run}@e2e.example.com`, 'tia-e2e-password-2026', 'Tia Twofactor');
  // Expected answers: the password step of an enrolled account, and the wrong codes tried below.
  guard.allow(401, '/api/v1/auth/cookie/login');
  guard.allow(422, '/api/v1/auth/cookie/two-factor');
  guard.allow(422, '/api/v1/users/me/two-factor/enrolment/confirm');

  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/orgs$/);

  // Enrol: the QR code and the key to type; the app's first code confirms it.
  await page.getByRole('banner').getByRole('link', { name: 'Security' }).click();
  await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
  await expect(page.getByRole('img', { name: /QR code/ })).toBeVisible();
  const key = (await page.locator('code.two-factor-secret').innerText()).replace(/\s+/g, '');
  const totp = new TOTP({ secret: Secret.fromBase32(key), digits: 6, period: 30, algorithm: 'SHA1' });
  await shot(page, 't1-enrol');
  await audit(page, 't1-enrol');
  const wrong = String((Number(totp.generate()) + 1) % 1_000_000).padStart(6, '0');
  await page.getByLabel('Code from the app').fill(wrong);
  await page.getByRole('button', { name: 'Turn on' }).click();
  await page.getByRole('alert').waitFor();
  const used = new Set<string>();
  await page.getByLabel('Code from the app').fill(await freshCode(totp, used));
  await page.getByRole('button', { name: 'Turn on' }).click();

  // Ten backup codes, shown once.
  const backup = page.getByRole('list', { name: 'Backup codes' }).getByRole('listitem');
  await expect(backup).toHaveCount(10);
  const codes = await backup.allInnerTexts();
  await shot(page, 't2-backup-codes');
  await audit(page, 't2-backup-codes');
  await page.getByRole('button', { name: 'I have saved them' }).click();
  await page.getByRole('heading', { name: 'Two-factor sign-in is on' }).waitFor();
  await page.getByRole('banner').getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.waitForURL(/\/sign-in$/);

  // Signing in now takes the password and then a code: here a backup code.
  await passwordStep(page, person.email, person.password);
  await shot(page, 't3-code-step');
  await audit(page, 't3-code-step');
  await page.getByLabel('Code').fill(codes[0]);
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.waitForURL(/\/orgs$/);
  await page.getByRole('banner').getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.waitForURL(/\/sign-in$/);

  // The same backup code again: refused, and the form stays for another try; the app's code works.
  await passwordStep(page, person.email, person.password);
  await page.getByLabel('Code').fill(codes[0]);
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.getByRole('alert').waitFor();
  await page.getByLabel('Code').fill(await freshCode(totp, used));
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.waitForURL(/\/orgs$/);
  await page.getByRole('banner').getByText('Tia Twofactor').waitFor();
});
