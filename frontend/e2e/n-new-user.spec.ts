/** (n) A new user, in the browser only: registers, creates an organisation, sees the empty queue and
 * escalations, switches organisations, adds a seeded user as a member, signs out and in again. */
import { must } from './support/api';
import { expect, test } from './support/fixtures';
import { audit, shot } from './support/screens';

test('(n) a new user registers, creates an organisation, adds a member and signs out', async ({ page, data }) => {
  const { people } = data;
  const newcomer = { email: `nina.${data.run}@e2e.example.com`, password: 'nina-e2e-password-2026', name: 'Nina Newcomer' };
  const orgName = `Nina's Help Desk ${data.run}`;

  await page.goto('/');
  // Signed out, the app asks to sign in; a newcomer follows "Create one".
  await page.waitForURL(/\/sign-in/);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await shot(page, 'n1-sign-in');
  await audit(page, 'n1-sign-in');
  await page.getByRole('link', { name: 'Create one' }).click();
  await page.getByRole('heading', { name: 'Create an account' }).waitFor();
  await page.getByLabel('Email').fill(newcomer.email);
  await page.getByLabel('Name (optional)').fill(newcomer.name);
  await page.getByLabel('Password').fill(newcomer.password);
  await shot(page, 'n2-register');
  await audit(page, 'n2-register');
  await page.getByRole('button', { name: 'Create account' }).click();

  // Registered and signed in, in no organisation yet: the page says how to get into one.
  await page.waitForURL(/\/orgs$/);
  await page.getByText('You are not in any organisation yet').waitFor();
  await page.getByRole('banner').getByText(newcomer.name).waitFor();
  await shot(page, 'n3-orgs-empty');
  await audit(page, 'n3-orgs-empty');
  const form = page.getByRole('region', { name: 'New organisation' });
  await form.getByLabel('Name').fill(orgName);
  await form.getByRole('button', { name: 'Create organisation' }).click();

  // The creator owns it and starts in Admin → Members.
  await page.waitForURL(/\/orgs\/[^/]+\/admin\/members$/);
  const orgId = page.url().match(/\/orgs\/([^/]+)\//)![1];
  const nav = page.getByRole('navigation', { name: `${orgName} navigation` });
  await nav.getByText('Owner').waitFor();

  // Empty states of the day's work.
  await nav.getByRole('link', { name: 'Queue' }).click();
  await page.getByText('Nothing waiting for you').waitFor();
  await shot(page, 'n4-empty-queue');
  await audit(page, 'n4-empty-queue');
  await nav.getByRole('link', { name: 'Escalations' }).click();
  await page.getByText('No escalation inboxes yet').waitFor();
  await page.getByRole('link', { name: 'Create an inbox' }).waitFor();
  await shot(page, 'n5-empty-escalations');
  await audit(page, 'n5-empty-escalations');

  // The switcher: to the list of organisations and back.
  const switcher = page.getByRole('banner').getByLabel('Organisation');
  await switcher.selectOption({ label: 'All organisations / new…' });
  await page.waitForURL(/\/orgs$/);
  const mine = page.getByRole('region', { name: 'Your organisations' }).getByRole('listitem');
  await mine.first().waitFor(); // counted only once the list has loaded (it raced under load)
  expect(await mine.count(), 'organisations of the new user').toBe(1);
  await mine.getByText('Owner').waitFor();
  await mine.getByRole('link', { name: orgName }).waitFor();
  await shot(page, 'n6-orgs-list-and-switcher');
  await audit(page, 'n6-orgs-list');
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
  await expect(samRow.getByLabel('Role for Sam Supervisor')).toHaveValue('supervisor');
  await page.getByRole('row', { name: /Nina Newcomer \(you\)/ }).waitFor();
  await shot(page, 'n7-members');
  await audit(page, 'n7-members');
  const members = await must('GET', `/orgs/${orgId}/members`, { token: people.sam.token });
  const sam = members.items.find((m: { user_id: string }) => m.user_id === people.sam.id);
  expect(sam?.role, 'Sam in the API').toBe('supervisor');

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
  await page.goto(`/orgs/${orgId}/queue`);
  await page.waitForURL(/\/sign-in$/);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
});
