/**
 * (p) Two owners on one escalation (issue 24): each sees the other there, through the live stream
 * within 2 s, viewing and then typing a reply; and a reply written before the contact's newest
 * message is stopped, the new message shown, the draft kept, and sent once read.
 */
import type { Page } from '@playwright/test';
import { HANDOFF, must, type Json } from './support/api';
import { expect, test } from './support/fixtures';
import { audit, signIn } from './support/screens';
import type { Seed } from './support/seed';

async function escalated(data: Seed, name: string, first: string): Promise<{ conversation: Json; escalation: Json }> {
  const { org, people, inboxes, campaigns } = data;
  const o = `/orgs/${org.id}`;
  const conversation = await must('POST', `${o}/conversations`, {
    token: people.olivia.token,
    json: {
      campaign_id: campaigns.renewals.id,
      contact: { name, email: `${name.toLowerCase().replace(/ /g, '.')}@contact.example` },
      channel: 'email',
      message: { body: first },
    },
  });
  const { escalation } = await must('POST', `${o}/conversations/${conversation.id}/escalate`, {
    token: people.olivia.token,
    json: { inbox_id: inboxes.serviceDesk.id, priority: 'normal', category: 'service', handoff: HANDOFF(first) },
  });
  return { conversation, escalation };
}

/** The stream is open: what happens from now on reaches this page without a poll. */
async function live(page: Page): Promise<void> {
  await page.locator('html[data-live="on"]').waitFor();
}

function presenceBeat(page: Page) {
  return page.waitForResponse((r) => r.url().endsWith('/presence') && r.request().method() === 'PUT' && r.ok());
}

test('(p1) owner B sees owner A viewing the same escalation, then typing a reply, within 2 s', async ({ page, openPage, data }) => {
  const { org, people } = data;
  const o = `/orgs/${org.id}`;
  const { conversation, escalation } = await escalated(data, 'Dorothy Vaughan', 'My renewal was charged twice.');

  const oscar = await openPage();
  await signIn(oscar, people.oscar, org.id);
  await oscar.goto(`${o}/escalations/${escalation.id}`);
  await oscar.getByRole('heading', { name: 'Dorothy Vaughan', level: 1 }).waitFor();
  await live(oscar);

  await signIn(page, people.olivia, org.id);
  const beat = presenceBeat(page);
  await page.goto(`${o}/escalations/${escalation.id}`);
  await beat;
  const arrived = Date.now();
  const onOscars = oscar.getByRole('list', { name: 'Also here' });
  await expect(onOscars).toContainText('Olivia Owner is viewing', { timeout: 2_000 });
  expect(Date.now() - arrived).toBeLessThan(2_000);
  // And Olivia sees Oscar, who was there first.
  await expect(page.getByRole('list', { name: 'Also here' })).toContainText('Oscar Owner is viewing');
  await audit(oscar, 'p1-escalation-presence');

  // On the conversation, Olivia starts a reply: Oscar sees her typing.
  await page.goto(`${o}/conversations/${conversation.id}`);
  await live(page);
  const typing = presenceBeat(page);
  await page.getByLabel('Reply to Dorothy Vaughan').fill('We have refunded the second charge.');
  await typing;
  const typed = Date.now();
  await expect(onOscars).toContainText('Olivia Owner is typing a reply', { timeout: 2_000 });
  expect(Date.now() - typed).toBeLessThan(2_000);
  await expect(page.getByRole('list', { name: 'Also here' })).toContainText('Oscar Owner is viewing');
  await audit(page, 'p2-conversation-presence');

  // She closes the conversation: gone from Oscar's screen at once (the leave), not after 20 s.
  await page.goto(`${o}/notifications`);
  await expect(onOscars).toHaveCount(0, { timeout: 5_000 }); // nobody else there now
});

test('(p2) a reply written before the contact’s newest message is stopped, and the draft survives', async ({ page, data, guard }) => {
  const { org, people } = data;
  const o = `/orgs/${org.id}`;
  const { conversation } = await escalated(data, 'Mary Jackson', 'Can I move my renewal to March?');
  guard.allow(409, `/conversations/${conversation.id}/messages`);

  // Her screen has not caught up with the contact's next message yet (a slow network, or no event
  // since): its list of messages is held as it was until she sends.
  let held: string | null = null;
  const messages = `/api/v1${o}/conversations/${conversation.id}/messages`;
  await page.route((url) => url.pathname === messages, async (route) => {
    if (route.request().method() === 'POST') held = null;
    if (held && route.request().method() === 'GET') {
      return route.fulfill({ status: 200, contentType: 'application/json', body: held });
    }
    return route.fallback();
  });
  held = JSON.stringify(await must('GET', `${o}/conversations/${conversation.id}/messages`, { token: people.olivia.token }));

  await signIn(page, people.olivia, org.id);
  await page.goto(`${o}/conversations/${conversation.id}`);
  const thread = page.getByRole('list', { name: /Messages with Mary Jackson/ });
  await thread.getByText('Can I move my renewal to March?').waitFor();
  const box = page.getByLabel('Reply to Mary Jackson');
  await box.fill('Yes, March works: done.');

  // Meanwhile the contact writes again (through the integration, as her email arrives).
  const newer = await must('POST', `${o}/conversations/${conversation.id}/messages`, {
    token: people.olivia.token,
    json: { body: 'Sorry, I meant April.', direction: 'inbound' },
  });

  await page.getByRole('button', { name: 'Send reply' }).click();
  await expect(page.getByRole('alert')).toContainText('A new message arrived since you opened this');
  await expect(page.getByRole('alert')).toContainText('your draft is kept');
  const arrived = thread.getByRole('listitem').filter({ hasText: 'Sorry, I meant April.' });
  await expect(arrived).toContainText('New');
  await expect(box).toHaveValue('Yes, March works: done.');
  expect(newer.direction).toBe('inbound');
  await audit(page, 'p3-stale-reply');

  // Read, corrected, sent.
  await box.fill('April it is: done.');
  await page.getByRole('button', { name: 'Send reply' }).click();
  await expect(page.getByText('Reply sent.')).toBeVisible();
  await expect(thread.getByText('April it is: done.')).toBeVisible();
  await expect(box).toHaveValue('');
});
