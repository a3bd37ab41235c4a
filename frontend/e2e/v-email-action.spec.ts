/**
 * (v) A claim from an emailed link (issue 26): the worker emails an inbox's new owner about an
 * escalation, through the run's own mail server; the Claim link in that email, opened signed out,
 * asks for sign-in first and comes back, shows what it will do, and claims only when confirmed,
 * once: opened again it says it was used.
 */
import { account, HANDOFF, must } from './support/api';
import { waitFor } from './support/backend';
import { expect, test } from './support/fixtures';
import { receivedMail } from './support/mail';
import { audit, shot } from './support/screens';

test('(v) an owner claims an escalation from the Claim link in its email, once', async ({ page, data }) => {
  test.skip(!process.env.E2E_MAILDIR, 'the backend was started elsewhere (E2E_BASE_URL): no mail server to read');
  const { org, people, campaigns } = data;
  const o = `/orgs/${org.id}`;
  const T = { token: people.olivia.token };
  // Someone whose only email of the run will be this one (storm control would fold a busy inbox's).
  const run = Date.now().toString(36);
  const vera = await account(`vera.${run}@e2e.example.com`, 'e2e-password-2026', 'Vera Owner');
  await must('POST', `${o}/members`, { ...T, json: { email: vera.email, role: 'agent' } });
  const inbox = await must('POST', `${o}/inboxes`, {
    ...T,
    json: { name: `Email desk ${run}`, owner_ids: [vera.id], assignment_duration_minutes: 30 },
  });
  const conversation = await must('POST', `${o}/conversations`, {
    ...T,
    json: {
      campaign_id: campaigns.renewals.id,
      contact: { name: 'Margaret Hamilton', email: 'margaret.hamilton@contact.example' },
      channel: 'email',
      message: { body: 'I was charged twice this month.' },
    },
  });
  const { escalation } = await must('POST', `${o}/conversations/${conversation.id}/escalate`, {
    ...T,
    json: { inbox_id: inbox.id, priority: 'high', category: 'service', handoff: HANDOFF('Charged twice this month.') },
  });

  // The email, as Vera gets it: "Open the escalation" and "Claim it: …/actions/<token>".
  const email = await waitFor(
    () => receivedMail().find((m) => m.to === vera.email && m.texts.some((t) => t.includes(escalation.id))),
    { timeout: 30_000, what: "Vera's email about the escalation" },
  );
  const text = email.texts.find((t) => t.includes('Claim it:')) ?? '';
  const link = /Claim it: (\S+\/actions\/[A-Za-z0-9_.-]+)/.exec(text)?.[1];
  expect(link, 'the Claim link in the plain-text part').toBeTruthy();
  const path = new URL(link as string).pathname;

  // Opened signed out: sign in first, and back to the link.
  await page.goto(path);
  await page.waitForURL(/\/sign-in\?/);
  expect(new URL(page.url()).searchParams.get('next')).toBe(path);
  await page.getByLabel('Email').fill(vera.email);
  await page.getByLabel('Password').fill(vera.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === path);
  await page.getByRole('heading', { name: 'Margaret Hamilton' }).waitFor();
  // Opening it changed nothing.
  expect((await must('GET', `${o}/escalations/${escalation.id}`, T)).status).toBe('open');
  await shot(page, 'v1-email-action');
  await audit(page, 'v1-email-action');

  await page.getByRole('button', { name: 'Claim this escalation' }).click();
  await expect(page.getByRole('status')).toContainText('Claimed. It is yours until');
  const claimed = await must('GET', `${o}/escalations/${escalation.id}`, T);
  expect([claimed.status, claimed.claimed_by]).toEqual(['claimed', vera.id]);
  await audit(page, 'v2-email-action-claimed');

  // Once only: opened again, the link says so and offers only the escalation.
  await page.reload();
  await expect(page.getByText(/This link was already used/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Claim this escalation' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Open the escalation' }).click();
  await page.waitForURL(new RegExp(`/escalations/${escalation.id}$`));
  const events = await must('GET', `${o}/escalations/${escalation.id}/events`, T);
  const items = (events.items ?? events) as { type: string }[];
  expect(items.filter((e) => e.type === 'escalation.claimed')).toHaveLength(1);
});
