/**
 * (i) Working an escalation together (issue 24): an inbox owner writes an internal note on an
 * escalation, mentioning a colleague through the composer's suggestions; the note stands in the
 * timeline at once, and the colleague, signed in elsewhere, sees it reach their bell.
 */
import { HANDOFF, must } from './support/api';
import { expect, test } from './support/fixtures';
import { audit, signIn } from './support/screens';

test('(i) an @mention in an internal note reaches the mentioned member’s bell', async ({ page, openPage, data }) => {
  const { org, people, inboxes, campaigns } = data;
  const o = `/orgs/${org.id}`;
  const conversation = await must('POST', `${o}/conversations`, {
    token: people.olivia.token,
    json: {
      campaign_id: campaigns.renewals.id,
      contact: { name: 'Katherine Johnson', email: 'katherine.johnson@contact.example' },
      channel: 'email',
      message: { body: 'My renewal discount is missing.' },
    },
  });
  const { escalation } = await must('POST', `${o}/conversations/${conversation.id}/escalate`, {
    token: people.olivia.token,
    json: { inbox_id: inboxes.serviceDesk.id, priority: 'normal', category: 'service', handoff: HANDOFF('The discount is missing.') },
  });

  // Oscar (the inbox's other owner) watches his bell on another device.
  const oscar = await openPage();
  await signIn(oscar, people.oscar, org.id);
  const before = (await must('GET', `${o}/notifications?limit=1`, { token: people.oscar.token })).unread_count;
  await oscar.goto(`${o}/notifications`);
  await oscar.getByRole('button', { name: new RegExp(`^Notifications, ${before === 0 ? 'no' : before} unread$`) }).waitFor();

  await signIn(page, people.olivia, org.id);
  await page.goto(`${o}/escalations/${escalation.id}`);
  const box = page.getByRole('textbox', { name: 'Internal note' });
  await box.click();
  await box.pressSequentially('Can you call her back, @osc');
  const suggestions = page.getByRole('list', { name: 'Members to mention' });
  await suggestions.getByRole('button', { name: new RegExp(people.oscar.name) }).click();
  await expect(box).toHaveValue(`Can you call her back, @${people.oscar.email} `);
  await box.pressSequentially('please?');
  await page.getByRole('button', { name: 'Add note' }).click();

  const trail = page.getByRole('list', { name: 'Audit trail, oldest first' });
  const note = trail.getByRole('listitem').filter({ hasText: 'Can you call her back' });
  await expect(note).toContainText(`@${people.oscar.name}`);
  await expect(box).toHaveValue('');
  await expect(page.getByRole('region', { name: 'Followers' })).toContainText('You (escalated it)');
  await audit(page, 'i1-escalation-note');

  // The live stream (or the 5 s poll) brings it to Oscar's bell without a reload.
  await oscar.getByRole('button', { name: `Notifications, ${before + 1} unread` }).waitFor({ timeout: 12_000 });
  const item = oscar
    .getByRole('list', { name: 'Notifications, newest first' })
    .getByRole('listitem', { name: 'You were mentioned in a note: Katherine Johnson' });
  await item.getByText('Why you: You were mentioned in an internal note.').waitFor();
  await audit(oscar, 'i2-mentioned-bell');
});
