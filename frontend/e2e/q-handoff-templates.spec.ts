/**
 * (q) Hand-off templates (issue 24): an admin writes one for the Service desk with the contact's
 * placeholders; an agent escalating a conversation there starts from it, filled in for the
 * contact, and the required field it leaves empty is still required.
 */
import { must } from './support/api';
import { expect, test } from './support/fixtures';
import { audit, signIn } from './support/screens';

test('(q) an admin’s hand-off template prefills the escalate dialog for the contact', async ({ page, openPage, data }) => {
  const { org, people, campaigns } = data;
  const o = `/orgs/${org.id}`;
  const conversation = await must('POST', `${o}/conversations`, {
    token: people.olivia.token,
    json: {
      campaign_id: campaigns.renewals.id,
      contact: { name: 'Ada Lovelace', email: 'ada.lovelace@contact.example', attributes: { plan: 'Gold' } },
      assignee_id: people.adam.id,
      channel: 'email',
      message: { body: 'Please refund my renewal.' },
    },
  });

  await signIn(page, people.olivia, org.id);
  await page.goto(`${o}/admin/handoff-templates`);
  await page.getByLabel('Name').fill('Renewal refund');
  await page.getByLabel('Inbox').selectOption({ label: 'Service desk' });
  await page.getByLabel('Reason for escalating').fill('{{contact.name}} ({{contact.attributes.plan}} plan) wants the renewal refunded');
  await page.getByLabel('Help needed').fill('Approve or refuse the refund');
  await page.getByRole('button', { name: 'Add template' }).click();
  const list = page.getByRole('list', { name: 'Hand-off templates' });
  await expect(list.getByRole('listitem').filter({ hasText: 'Renewal refund' })).toContainText('Service desk, any category');
  await audit(page, 'q1-admin-handoff-templates');

  const adam = await openPage();
  await signIn(adam, people.adam, org.id);
  await adam.goto(`${o}/conversations/${conversation.id}`);
  await adam.getByRole('button', { name: 'Escalate…' }).click();
  const dialog = adam.getByRole('dialog', { name: 'Escalate Ada Lovelace' });
  await dialog.getByLabel('Inbox').selectOption({ label: 'Service desk' });
  await dialog.getByLabel('Start from a template').selectOption({ label: 'Renewal refund' });
  await expect(dialog.getByLabel('Reason for escalating')).toHaveValue('Ada Lovelace (Gold plan) wants the renewal refunded');
  await expect(dialog.getByLabel('Help needed')).toHaveValue('Approve or refuse the refund');
  // Steps taken is not in the template, and still required.
  await dialog.getByRole('button', { name: 'Escalate', exact: true }).click();
  await dialog.getByText('Please complete the hand-off').waitFor();
  await expect(dialog.getByLabel('Steps taken', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await audit(adam, 'q2-escalate-from-template');
  await dialog.getByLabel('Steps taken', { exact: true }).fill('Checked the renewal invoice.');
  await dialog.getByRole('button', { name: 'Escalate', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });

  const escalated = await must('GET', `${o}/conversations/${conversation.id}`, { token: people.olivia.token });
  const escalation = await must('GET', `${o}/escalations/${escalated.escalation.id}`, { token: people.olivia.token });
  expect(escalation.handoff).toEqual({
    reason: 'Ada Lovelace (Gold plan) wants the renewal refunded',
    steps_taken: 'Checked the renewal invoice.',
    offers_made: null,
    help_needed: 'Approve or refuse the refund',
  });
});
