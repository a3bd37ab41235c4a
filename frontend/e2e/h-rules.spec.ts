/** (h) An admin writes a rule in the Rules editor, reorders and disables rules, dry-runs a message; a
 * contact asking for a supervisor is escalated by the rule; an agent's escalation into a restricted
 * inbox waits in the approval queue until the owner approves it. */
import { call, HANDOFF, must, type Json } from './support/api';
import { expect, test } from './support/fixtures';
import { audit, shot, signIn } from './support/screens';

test.describe.configure({ mode: 'serial' });

test('(h) an admin writes a rule in the editor, dry-runs it, reorders; it escalates a supervisor request', async ({ page, data }) => {
  const { org, inboxes, campaigns, people } = data;
  const o = `/orgs/${org.id}`;
  const T = { token: people.olivia.token };
  await signIn(page, people.olivia, org.id);
  await page.goto(`${o}/admin/rules`);
  await page.getByRole('button', { name: 'New rule' }).click();
  const form = page.getByRole('form', { name: 'New rule' });
  await form.getByLabel('Name').fill('Supervisor requested');
  await form.getByLabel('Value 1').fill('speak to a supervisor, manager');
  await form.getByRole('button', { name: 'Add condition' }).click();
  await form.getByLabel('Condition type 2').selectOption('campaign');
  await form.getByLabel('Campaign 2').selectOption(campaigns.renewals.id);
  await form.getByLabel('Inbox 1').selectOption(inboxes.serviceDesk.id);
  await form.getByLabel('Priority 1').selectOption('urgent');
  await form.getByLabel('Note 1').fill('The contact asked for a supervisor.');
  await shot(page, 'h1-rule-editor');
  await audit(page, 'h1-rule-editor');
  await form.getByRole('button', { name: 'Create rule' }).click();
  await page.getByText('Rule “Supervisor requested” created.').waitFor();
  await must('POST', `${o}/rules`, {
    ...T,
    json: {
      name: 'Tag VIPs',
      trigger: 'message.received',
      conditions: { type: 'contact_attribute', key: 'tier', op: 'eq', value: 'vip' },
      actions: [{ type: 'add_tag', tag: 'vip' }],
    },
  });
  await page.reload();
  const list = page.getByRole('list', { name: 'Rules in evaluation order' });
  await list.getByRole('listitem', { name: 'Tag VIPs' }).waitFor();
  await list.getByRole('button', { name: 'Up Tag VIPs' }).click();
  await page.getByText('“Tag VIPs” is now rule 1 of 2.').waitFor();
  const order = await must('GET', `${o}/rules`, T);
  expect(order.items.map((r: Json) => r.name), 'the order on the server').toEqual(['Tag VIPs', 'Supervisor requested']);
  await list.getByRole('button', { name: 'Disable Tag VIPs' }).click();
  await list.getByRole('button', { name: 'Enable Tag VIPs' }).waitFor();

  const dry = page.getByRole('form', { name: 'Dry run' });
  await dry.getByLabel('Sample message').fill('I want to speak to a supervisor');
  await dry.getByLabel('Campaign').selectOption(campaigns.renewals.id);
  await dry.getByRole('button', { name: 'Test rules' }).click();
  await page.getByRole('list', { name: 'Rules that would fire' }).getByText(/Supervisor requested \(version 1\)/).waitFor();
  await shot(page, 'h2-rules-dry-run');
  await audit(page, 'h2-rules');

  // A contact writes: the rule escalates it by itself, with a note, at its priority.
  const conversation = await must('POST', `${o}/conversations`, {
    ...T,
    json: {
      campaign_id: campaigns.renewals.id,
      contact: { name: 'Rosalind Franklin' },
      assignee_id: people.adam.id,
      message: { body: 'Hello, I want to speak to a supervisor.' },
    },
  });
  expect(conversation.escalation?.inbox_id, 'escalated into Service desk by the rule').toBe(inboxes.serviceDesk.id);
  expect(conversation.escalation.priority).toBe('urgent');
  const trail = await must('GET', `${o}/escalations/${conversation.escalation.id}/events`, T);
  expect(trail.items.map((e: Json) => e.type), 'the audit trail').toContain('rule.applied');
});

test('(h) a restricted inbox: the agent asks, the approval queue shows it, the owner approves', async ({ page, data }) => {
  const { org, campaigns, people } = data;
  const o = `/orgs/${org.id}`;
  const T = { token: people.olivia.token };
  const legal = await must('POST', `${o}/inboxes`, {
    ...T,
    json: { name: 'Legal', owner_ids: [people.olivia.id], restricted: true },
  });
  const conversation = await must('POST', `${o}/conversations`, {
    ...T,
    json: { campaign_id: campaigns.billingQuestions.id, contact: { name: 'Lise Meitner' }, assignee_id: people.adam.id },
  });
  const asked = await call('POST', `${o}/conversations/${conversation.id}/escalate`, {
    token: people.adam.token,
    json: { inbox_id: legal.id, priority: 'high', handoff: HANDOFF('The contact threatens legal action.') },
  });
  expect([asked.status, asked.data.status], 'escalating into Legal').toEqual([202, 'pending']);
  await signIn(page, people.olivia, org.id);
  // All threads marks it as awaiting approval.
  await page.goto(`${o}/conversations?campaign=${campaigns.billingQuestions.id}`);
  await page.getByRole('table').getByRole('row', { name: /Lise Meitner/ }).getByText('Awaiting approval · Legal').waitFor();
  await page.goto(`${o}/approvals`);
  const item = page.getByRole('listitem', { name: `Escalation into Legal requested by ${people.adam.name}` });
  await item.getByText('Reason: The contact threatens legal action.').waitFor();
  await shot(page, 'h3-approvals');
  await audit(page, 'h3-approvals');
  await item.getByRole('button', { name: 'Approve' }).click();
  await page.getByText('Approved: escalated into Legal.').waitFor();
  const after = await must('GET', `${o}/conversations/${conversation.id}`, T);
  expect(after.escalation?.inbox_id, 'escalated into Legal once approved').toBe(legal.id);
  expect(after.pending_approval).toBeFalsy();
});
