/** (w) Reply-or-return: an admin gives an inbox a one-minute reply window on the inbox form; the
 * owner claims two escalations and sees "Reply by … or it returns to the inbox" on each; he answers
 * one, which stays his, and the worker returns the other to the inbox within seconds of its due
 * time, saying so in its timeline. */
import { waitFor } from './support/backend';
import { contactEmail, HANDOFF, must, type Json } from './support/api';
import { expect, test } from './support/fixtures';
import { shot, signIn } from './support/screens';

test.describe.configure({ mode: 'serial' });

const state: { inbox?: Json; escalations: { name: string; escalation: Json }[] } = { escalations: [] };
const NAMES = ['Ada Byron', 'Mary Somerville'];

test('(w) an admin sets a reply window on the inbox form', async ({ page, data }) => {
  const { org, people } = data;
  const o = `/orgs/${org.id}`;
  const T = { token: people.olivia.token };
  // Every minute a business minute, whenever the run happens.
  const policy = await must('POST', `${o}/sla-policies`, {
    ...T,
    json: { name: 'Callbacks around the clock', calendar_id: null, targets: { normal: { first_response_minutes: 600 } } },
  });
  state.inbox = await must('POST', `${o}/inboxes`, {
    ...T,
    json: { name: 'Callbacks', owner_ids: [people.oscar.id], batch_size: 5, assignment_duration_minutes: 30, sla_policy_id: policy.id },
  });
  await signIn(page, people.olivia, org.id);
  await page.goto(`${o}/admin/inboxes`);
  const table = page.getByRole('table', { name: /Escalation inboxes/ });
  await table.getByRole('button', { name: 'Edit Callbacks' }).click();
  const form = page.getByRole('form', { name: 'Edit “Callbacks”' });
  await form.getByLabel('Reply within (business minutes)').fill('1');
  await shot(page, 'w1-inbox-reply-window');
  await form.getByRole('button', { name: 'Save inbox' }).click();
  await page.getByText('Inbox “Callbacks” saved.').waitFor();
  await table.getByRole('row', { name: /Callbacks/ }).getByText(/back unless answered within 1 business min/).waitFor();
  const saved = await must('GET', `${o}/inboxes/${state.inbox.id}`, T);
  expect(saved.reply_within_minutes).toBe(1);
});

test('(w) an unanswered claim goes back to the inbox; an answered one stays', async ({ page, data }) => {
  const { org, people, campaigns } = data;
  const o = `/orgs/${org.id}`;
  const T = { token: people.olivia.token };
  for (const name of NAMES) {
    const conversation = await must('POST', `${o}/conversations`, {
      ...T,
      json: {
        campaign_id: campaigns.renewals.id,
        contact: { name, email: contactEmail(name) },
        channel: 'email',
        message: { body: `${name}: please call me back.` },
      },
    });
    const { escalation } = await must('POST', `${o}/conversations/${conversation.id}/escalate`, {
      ...T,
      json: { inbox_id: state.inbox.id, priority: 'normal', category: 'service', handoff: HANDOFF(`${name} wants a call.`) },
    });
    state.escalations.push({ name, escalation });
  }

  await signIn(page, people.oscar, org.id);
  await page.goto(`${o}/escalations`);
  await page.getByRole('button', { name: 'Claim next batch from Callbacks' }).click();
  await page.getByRole('region', { name: /Claimed from Callbacks/ }).waitFor();
  const section = page.getByRole('region', { name: /^Callbacks/ });
  for (const name of NAMES) {
    await section
      .getByRole('listitem', { name, exact: true })
      .getByText(/^Reply by .+ or it returns to the inbox$/)
      .waitFor();
  }
  await shot(page, 'w2-owner-reply-by');

  // Oscar answers Ada: her claim stops waiting for a reply (and stays his).
  const [ada, mary] = state.escalations;
  await must('POST', `${o}/conversations/${ada.escalation.conversation_id}/messages`, {
    token: people.oscar.token,
    json: { body: 'Calling you in five minutes.', direction: 'outbound' },
  });
  await section.getByRole('listitem', { name: ada.name, exact: true }).getByText(/or it returns to the inbox/).waitFor({ state: 'detached' });

  // Mary's minute runs out: the worker returns her to the inbox, and the open screen shows it.
  const returned = await waitFor(
    async () => {
      const current = await must('GET', `${o}/escalations/${mary.escalation.id}`, T);
      return current.status === 'open' ? current : null;
    },
    { timeout: 90_000, interval: 1_000, what: 'the worker to return the unanswered claim' },
  );
  expect(returned.claimed_by).toBeNull();
  const maryRow = section.getByRole('listitem', { name: mary.name, exact: true });
  await maryRow.getByText('Unclaimed').waitFor();
  await expect(maryRow.getByText(/or it returns to the inbox/)).toHaveCount(0);
  const adaNow = await must('GET', `${o}/escalations/${ada.escalation.id}`, T);
  expect([adaNow.status, adaNow.claimed_by, adaNow.claim_reply_due_at]).toEqual(['claimed', people.oscar.id, null]);

  await page.goto(`${o}/escalations/${mary.escalation.id}`);
  await page
    .getByRole('list', { name: 'Audit trail, oldest first' })
    .getByText(/^Returned to the inbox: .+ sent no reply within 1 business minute \(/)
    .waitFor();
  await shot(page, 'w3-returned-timeline');
});
