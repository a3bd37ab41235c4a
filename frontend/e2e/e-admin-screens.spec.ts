/** (e) The admin screens (inboxes, calendars with the deadline calculator, SLA policies, campaign
 * auto-escalation rule) and the threads inbox filter. */
import { must } from './support/api';
import { expect, test } from './support/fixtures';
import { audit, shot, signIn } from './support/screens';

test('(e) threads inbox filter, admin inboxes, calendars, SLA policies and campaign rules', async ({ page, data }) => {
  const { org, inboxes, campaigns, people } = data;
  await signIn(page, people.olivia, org.id);
  await page.goto(`/orgs/${org.id}/conversations?inbox=${inboxes.billing.id}`);
  await page.getByLabel('Escalation inbox').waitFor();
  await page.getByText(/conversations? in this inbox, \d+ needing a response/).waitFor();
  await page.getByRole('table').getByRole('link', { name: 'Grace Hopper' }).waitFor();
  await shot(page, 'e1-threads-inbox-filter');
  await audit(page, 'e1-threads-inbox-filter');

  await page.goto(`/orgs/${org.id}/admin/inboxes`);
  await page.getByRole('row', { name: /Service desk/ }).getByRole('button', { name: 'Edit Service desk' }).click();
  const form = page.getByRole('form', { name: 'Edit “Service desk”' });
  await form.getByLabel('Batch size').fill('3');
  await shot(page, 'e2-admin-inbox-edit');
  await audit(page, 'e2-admin-inbox-edit');
  await form.getByRole('button', { name: 'Save inbox' }).click();
  await page.getByText('Inbox “Service desk” saved.').waitFor();
  const saved = await must('GET', `/orgs/${org.id}/inboxes/${inboxes.serviceDesk.id}`, { token: people.olivia.token });
  expect(saved.batch_size, 'the batch size after saving 3').toBe(3);
  await shot(page, 'e3-admin-inboxes');

  await page.goto(`/orgs/${org.id}/admin/calendars`);
  await page.getByRole('row', { name: /London office/ }).waitFor();
  const calc = page.getByRole('form', { name: 'Deadline calculator' });
  await calc.getByLabel('Start (your time)').fill('2026-12-24T16:00');
  await calc.getByLabel('Business minutes').fill('120');
  await calc.getByRole('button', { name: 'Calculate' }).click();
  // 24 Dec is a holiday, 25/26 Dec are public holidays (26th a Saturday, observed on the 28th): Tue 29 Dec, 11:00.
  await calc.getByText(/due .*Tuesday(,)? 29 December 2026.* 11:00.* in Europe\/London/).waitFor();
  await shot(page, 'e4-admin-calendars-deadline');
  await audit(page, 'e4-admin-calendars');
  await page.getByRole('button', { name: 'Edit London office' }).click();
  const calendarForm = page.getByRole('form', { name: 'Edit “London office”' });
  await calendarForm.getByText('overnight, until 02:00 on Saturday').waitFor();
  await calendarForm.getByRole('group', { name: 'Friday' }).scrollIntoViewIfNeeded();
  await shot(page, 'e5-admin-calendar-edit');
  await audit(page, 'e5-admin-calendar-edit');
  await calendarForm.getByRole('button', { name: 'Cancel' }).click();

  await page.goto(`/orgs/${org.id}/admin/sla-policies`);
  await page.getByRole('row', { name: /Standard/ }).getByText('Default').waitFor();
  await shot(page, 'e6-admin-sla-policies');
  await audit(page, 'e6-admin-sla-policies');
  await page.getByRole('button', { name: 'Make default (Around the clock)' }).click();
  await page.getByText('“Around the clock” is now the default policy.').waitFor();
  await page.getByRole('button', { name: 'Edit Standard' }).click();
  await page.getByRole('form', { name: 'Edit “Standard”' }).getByLabel('Urgent first response minutes').waitFor();
  await shot(page, 'e7-admin-sla-policy-edit');
  await audit(page, 'e7-admin-sla-policy-edit');

  await page.goto(`/orgs/${org.id}/admin/campaigns`);
  await page.getByRole('button', { name: 'Auto-escalation rule for Winter renewals' }).click();
  const rule = page.getByRole('form', { name: 'Auto-escalation rule for Winter renewals' });
  await rule.getByLabel('After (business minutes)').fill('45');
  await rule.getByLabel('Escalate into').selectOption({ label: 'Service desk' });
  await shot(page, 'e8-admin-campaign-rule');
  await rule.getByRole('button', { name: 'Save rule' }).click();
  await page.getByText('“Winter renewals” now escalates to Service desk after 45 business minutes without a response.').waitFor();
  await page.getByRole('row', { name: /Winter renewals/ }).getByText(/After 45 business min/).waitFor();
  const campaign = await must('GET', `/orgs/${org.id}/campaigns/${campaigns.renewals.id}`, { token: people.olivia.token });
  expect([campaign.auto_escalate_after_minutes, campaign.auto_escalate_inbox_id], 'the auto-escalation rule').toEqual([
    45,
    inboxes.serviceDesk.id,
  ]);
  await shot(page, 'e9-admin-campaigns');
  await audit(page, 'e9-admin-campaigns');
});
