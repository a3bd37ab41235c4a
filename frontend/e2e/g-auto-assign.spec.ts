/** (g) Auto-assignment: an inbox set to assign automatically with a capacity; nobody on shift is
 * warned about; the owner going online gets one escalation, up to the capacity. */
import { waitFor } from './support/backend';
import { contactEmail, HANDOFF, must, type Json } from './support/api';
import { expect, test } from './support/fixtures';
import { audit, shot, signIn } from './support/screens';

test.describe.configure({ mode: 'serial' });

const state: { inbox?: Json; escalations: Json[] } = { escalations: [] };

test('(g) an admin sets an inbox to assign automatically, with a capacity, on the inbox form', async ({ page, data }) => {
  const { org, people } = data;
  const o = `/orgs/${org.id}`;
  state.inbox = await must('POST', `${o}/inboxes`, {
    token: people.olivia.token,
    json: { name: 'Night desk', owner_ids: [people.oscar.id], batch_size: 5, assignment_duration_minutes: 30 },
  });
  await signIn(page, people.olivia, org.id);
  await page.goto(`${o}/admin/inboxes`);
  const table = page.getByRole('table', { name: /Escalation inboxes/ });
  await table.getByRole('button', { name: 'Edit Night desk' }).click();
  const form = page.getByRole('form', { name: 'Edit “Night desk”' });
  await form.getByLabel('Assignment').selectOption({ label: 'Assigned automatically' });
  await form.getByLabel('Capacity per owner').fill('1');
  await shot(page, 'g1-inbox-auto-assignment');
  await form.getByRole('button', { name: 'Save inbox' }).click();
  await page.getByText('Inbox “Night desk” saved.').waitFor();
  await table.getByRole('row', { name: /Night desk/ }).getByText(/Assigned automatically, up to 1 open per owner/).waitFor();
  const saved = await must('GET', `${o}/inboxes/${state.inbox.id}`, { token: people.olivia.token });
  expect([saved.assignment_mode, saved.capacity]).toEqual(['auto', 1]);
});

test('(g) with its only owner offline, the dashboard warns that nobody is on shift', async ({ page, data }) => {
  const { org, people, campaigns } = data;
  const o = `/orgs/${org.id}`;
  const T = { token: people.olivia.token };
  for (const name of ['Hedy Lamarr', 'Radia Perlman']) {
    const conversation = await must('POST', `${o}/conversations`, {
      ...T,
      json: {
        campaign_id: campaigns.renewals.id,
        contact: { name, email: contactEmail(name) },
        channel: 'email',
        message: { body: `${name}: the line is dead.` },
      },
    });
    const { escalation } = await must('POST', `${o}/conversations/${conversation.id}/escalate`, {
      ...T,
      json: { inbox_id: state.inbox.id, priority: 'normal', category: 'service', handoff: HANDOFF(`${name} has no line.`) },
    });
    state.escalations.push(escalation);
  }
  await waitFor(async () => (await must('GET', `${o}/inboxes/${state.inbox.id}`, T)).unstaffed_since !== null, {
    timeout: 30_000,
    what: 'the worker to see nobody on shift in Night desk',
  });
  await signIn(page, people.olivia, org.id);
  await page.goto(`${o}/dashboard`);
  const warning = page.getByRole('status').filter({ hasText: 'Nobody on shift' });
  await warning.getByText(/Night desk: escalations have waited with no owner on shift/).waitFor();
  await shot(page, 'g2-dashboard-nobody-on-shift');
});

test('(g) the owner goes online in the header: one escalation is assigned, up to the capacity of 1', async ({ page, data }) => {
  const { org, people } = data;
  const o = `/orgs/${org.id}`;
  await signIn(page, people.oscar, org.id);
  await page.goto(`${o}/escalations`);
  const summary = page.getByRole('table', { name: /Your escalation inboxes/ });
  await summary.getByLabel('Your open claims: 0 of 1').waitFor();
  await page.getByText(/Night desk: escalations have waited with no owner on shift/).waitFor();
  const status = page.getByRole('banner').getByLabel('Status');
  await expect(status, 'a new member starts offline').toHaveValue('offline');
  await status.selectOption('online');
  await summary.getByLabel('Your open claims: 1 of 1').waitFor({ timeout: 30_000 });
  await page.getByText(/Night desk: escalations have waited/).waitFor({ state: 'detached', timeout: 15_000 });
  await shot(page, 'g3-owner-auto-assigned');
  const now = await Promise.all(state.escalations.map((e) => must('GET', `${o}/escalations/${e.id}`, { token: people.oscar.token })));
  const mine = now.filter((e) => e.status === 'claimed' && e.claimed_by === people.oscar.id);
  expect(mine, 'Oscar holds 1 of the 2 (capacity 1)').toHaveLength(1);
  const events = await must('GET', `${o}/escalations/${mine[0].id}/events`, { token: people.oscar.token });
  const assigned = events.items.find((e: Json) => e.type === 'claim.auto_assigned');
  expect(assigned?.data.reason.rule, 'the claim.auto_assigned event and its reason').toBe('fewest_open_claims');
  await page.goto(`${o}/escalations/${mine[0].id}`);
  await page.getByRole('list', { name: 'Audit trail, oldest first' }).getByText(/^Assigned automatically to you/).waitFor();
  await audit(page, 'g3-escalation-detail-auto-assigned');
});
