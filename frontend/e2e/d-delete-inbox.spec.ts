/** (d) An admin deletes an inbox (the confirmation shows the count) and the conversations reappear in
 * their campaign's threads list. */
import { expect, test } from './support/fixtures';
import { audit, shot, signIn } from './support/screens';

test('(d) an admin deletes an inbox and its conversations reappear in their campaign', async ({ page, data }) => {
  const { org, campaigns, returned, people } = data;
  const names = returned.map((r) => r.name);
  await signIn(page, people.olivia, org.id);
  // Before: escalated into Returns.
  await page.goto(`/orgs/${org.id}/conversations?campaign=${campaigns.billingQuestions.id}`);
  const before = page.getByRole('table');
  for (const name of names) {
    await before.getByRole('row', { name: new RegExp(name) }).getByText(/Escalated · Returns/).waitFor();
  }
  // All threads names the holder of a claim (Service desk's, from the claims flow) with its time left.
  await page.goto(`/orgs/${org.id}/conversations?inbox=${data.inboxes.serviceDesk.id}`);
  const claimedRow = page.getByRole('table').getByRole('row', { name: /Claimed by Oscar Owner/ }).first();
  await expect(claimedRow.getByRole('timer')).toHaveText(/^expires in \d+:\d\d$/);
  await audit(page, 'd0-all-threads');

  await page.goto(`/orgs/${org.id}/admin/inboxes`);
  const row = page.getByRole('row', { name: /Returns/ });
  await row.getByText('3 unclaimed').waitFor();
  await audit(page, 'd0-admin-inboxes');
  await row.getByRole('button', { name: 'Delete', exact: true }).click();
  const question = page.getByRole('group', { name: /^Delete “Returns”\?/ });
  await expect(question).toContainText('3 conversations will be de-escalated back to their campaigns.');
  await shot(page, 'd1-delete-inbox-confirm');
  await question.getByRole('button', { name: 'Delete inbox' }).click();
  await page.getByText('Inbox “Returns” deleted. 3 conversations went back to their campaigns.').waitFor();
  await page.getByRole('row', { name: /Returns/ }).waitFor({ state: 'detached' });
  await shot(page, 'd2-inbox-deleted');

  await page.goto(`/orgs/${org.id}/conversations?campaign=${campaigns.billingQuestions.id}&escalated=no`);
  const after = page.getByRole('table');
  for (const name of names) {
    const threadRow = after.getByRole('row', { name: new RegExp(name) });
    await threadRow.waitFor();
    await expect(threadRow, `${name} no longer shows as escalated`).not.toContainText('Escalated');
  }
  await page.getByText(/conversations in this campaign not escalated/).waitFor();
  await shot(page, 'd3-threads-back-in-campaign');
});
