/** (a) An agent escalates with a hand-off and lands on the next conversation. */
import { call, must } from './support/api';
import { expect, TABLET, test } from './support/fixtures';
import { audit, shot, signIn } from './support/screens';

test.describe.configure({ mode: 'serial' });

test('(a) agent escalates with a hand-off and lands on the next conversation; the dialog works at tablet width and closes with Escape', async ({
  page,
  data,
}) => {
  const { org, people, conversations } = data;
  await signIn(page, people.adam, org.id);
  await page.goto(`/orgs/${org.id}/queue`);
  const queue = page.getByRole('table');
  await queue.getByRole('link', { name: 'Grace Hopper' }).waitFor();
  await shot(page, 'a0-agent-queue');
  await audit(page, 'a0-agent-queue');
  await queue.getByRole('link', { name: 'Grace Hopper' }).click();
  await page.getByRole('heading', { name: 'Grace Hopper', level: 1 }).waitFor();
  await audit(page, 'a0-conversation');
  const nav = page.getByRole('navigation', { name: /navigation/ });
  await expect(nav.getByRole('link', { name: 'Escalations' }), 'an agent who owns no inbox sees "Escalations"').toHaveCount(0);

  await page.getByRole('button', { name: 'Escalate…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Escalate Grace Hopper' });
  await dialog.getByLabel('Inbox').waitFor();
  await shot(page, 'a1-escalate-dialog');
  await audit(page, 'a1-escalate-dialog');

  // An empty hand-off is blocked before anything is sent.
  await dialog.getByLabel('Inbox').selectOption({ label: 'Billing' });
  await dialog.getByRole('button', { name: 'Escalate', exact: true }).click();
  await dialog.getByText('Please complete the hand-off').waitFor();
  for (const label of ['Reason for escalating', 'Steps taken', 'Help needed']) {
    await expect(dialog.getByLabel(label, { exact: true }), `"${label}" is marked invalid`).toHaveAttribute('aria-invalid', 'true');
  }
  const still = await must('GET', `/orgs/${org.id}/conversations/${conversations.grace.id}`, { token: people.adam.token });
  expect(still.escalation, 'the conversation was escalated despite the empty hand-off').toBeNull();
  await shot(page, 'a2-escalate-validation');
  // With the errors showing, the dialog's actions stay in view.
  await expect(dialog.getByRole('button', { name: 'Escalate', exact: true })).toBeInViewport();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeInViewport();
  await audit(page, 'a2-escalate-validation');

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

  const escalated = await must('GET', `/orgs/${org.id}/conversations/${conversations.grace.id}`, { token: people.olivia.token });
  expect(escalated.escalation?.inbox_id, 'Grace is escalated into Billing').toBe(data.inboxes.billing.id);
  expect(escalated.escalation?.priority).toBe('urgent');
  const gone = await call('GET', `/orgs/${org.id}/conversations/${conversations.grace.id}`, { token: people.adam.token });
  expect(gone.status, 'the agent no longer sees the escalated conversation').toBe(404);

  // At tablet width; Escape closes the dialog and gives focus back to its button.
  await page.setViewportSize(TABLET);
  await page.getByRole('button', { name: 'Escalate…' }).click();
  const again = page.getByRole('dialog', { name: 'Escalate Alan Turing' });
  await again.getByLabel('Inbox').waitFor();
  await shot(page, 't1-tablet-escalate-dialog');
  await page.keyboard.press('Escape');
  await again.waitFor({ state: 'detached' });
  expect(await page.evaluate(() => document.activeElement?.textContent), 'focus after Escape').toBe('Escalate…');
});
