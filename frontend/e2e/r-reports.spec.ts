/**
 * (r) In an organisation of its own, seeded first with a one-minute first-response target: one
 * escalation answered late and one still unanswered are both in the breach list (the second one "still
 * running"), each a link to its escalation; the Reports screen shows the API's SLA report (tiles against
 * the previous period, charts, the figures per group), filters land in the request and the address
 * (kept over a reload), the exports download with the session (named by the server, the JSON Lines one
 * line per escalation), axe finds nothing, and it fits a 390 px phone.
 */
import { readFileSync } from 'node:fs';
import { waitFor } from './support/backend';
import { must, type Json } from './support/api';
import { expect, LAPTOP, PHONE, test } from './support/fixtures';
import { audit, shot, signIn } from './support/screens';

test.describe.configure({ mode: 'serial' });

const state: { from?: string; to?: string; report?: Json } = {};

test('(r) late escalations are in the breach list: one answered late, one still running', async ({ data }) => {
  test.setTimeout(180_000);
  const { org, person, late, seededAt } = data.reports;
  const o = `/orgs/${org.id}`;
  const T = { token: person.token };
  // The one-minute deadlines of the seeded escalations have passed.
  const wait = seededAt + 62_000 - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  // Answered late: the breach is recorded with the answer.
  await must('POST', `${o}/conversations/${late[0].conversation.id}/messages`, {
    ...T,
    json: { body: 'Sorry for the wait: here is a code that works.', direction: 'outbound' },
  });
  // The other one the worker finds at its deadline (within 30 s of it).
  const today = new Date().toISOString().slice(0, 10);
  const breaches = await waitFor(
    async () => {
      const page1 = await must('GET', `${o}/reports/breaches?from=${today}&to=${today}`, T);
      return page1.items.length >= 2 ? page1 : null;
    },
    { timeout: 60_000, interval: 1_000, what: 'both breaches in the breach list' },
  );
  const open = breaches.items.find((b: Json) => b.escalation_id === late[1].escalation.id);
  expect(open?.still_open, `the unanswered escalation's breach: ${JSON.stringify(open)}`).toBe(true);
  const answered = breaches.items.find((b: Json) => b.escalation_id === late[0].escalation.id);
  expect(answered?.still_open, `the answered escalation's breach: ${JSON.stringify(answered)}`).toBe(false);
});

test('(r) the reports screen shows the SLA report of the API, against the previous period; its breach list, filters and exports', async ({
  page,
  data,
}) => {
  const { org, person, inbox } = data.reports;
  const o = `/orgs/${org.id}`;
  const T = { token: person.token };
  await signIn(page, person, org.id);
  const asked = page.waitForResponse((r) => r.url().includes('/reports/sla?') && r.request().method() === 'GET');
  await page.goto(`${o}/reports`);
  await page.getByRole('navigation', { name: /navigation/ }).getByRole('link', { name: 'Reports' }).waitFor();
  const response = await asked;
  const query = new URL(response.url()).searchParams;
  state.from = query.get('from') ?? undefined;
  state.to = query.get('to') ?? undefined;
  expect(state.from && state.to, `the report was asked with a period: ${response.url()}`).toBeTruthy();
  // The same report, straight from the API.
  const report = await must('GET', `${o}/reports/sla?${query}`, T);
  state.report = report;
  const tiles = page.locator('.report-tiles');
  await tiles.getByText('Escalations', { exact: true }).waitFor();
  await expect(tiles.locator('.stat-tile').first().locator('.stat-value'), '"Escalations" against the API').toHaveText(
    String(report.total.current.escalations),
  );
  expect(report.total.current.escalations, 'the seeded escalations in the last 30 days').toBeGreaterThan(0);
  await expect(tiles.locator('.stat-tile').first().locator('.stat-note')).toContainText(`previous period: ${report.total.previous.escalations}`);
  // Attainment in a tile: a percentage, or "—" when nothing is decided (never 0% for that).
  const fr = report.total.current.first_response_attainment;
  const frTile = (await tiles.locator('.stat-tile').nth(1).textContent()) ?? '';
  expect(fr === null ? frTile.includes('—') && frTile.includes('nothing decided yet') : frTile.includes('%'), `the first response tile says "${frTile}" for ${fr}`).toBe(true);

  const byInbox = page.getByRole('region', { name: 'SLA attainment by inbox' });
  await byInbox.waitFor();
  await page.getByRole('region', { name: 'Attainment trend' }).waitFor();
  await page.getByRole('region', { name: `Breaches per ${report.bucket}` }).waitFor();
  // Every group in the table of all figures, and the total.
  const figures = page.getByRole('table', { name: /Figures by inbox/ });
  await expect(figures.locator('tbody tr'), 'a row per group and the total').toHaveCount(report.groups.length + 1);
  for (const group of report.groups) {
    await figures.getByRole('rowheader', { name: group.label }).waitFor();
  }
  if (report.groups.some((g: Json) => g.current.first_response_met + g.current.first_response_breached > 0)) {
    await byInbox.locator('svg.recharts-surface').first().waitFor();
    await byInbox.getByText('Show numbers').click();
    await byInbox.getByRole('table').waitFor();
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, 'r1-reports');

  // The breach list matches the API.
  const breaches = await must('GET', `${o}/reports/breaches?from=${state.from}&to=${state.to}`, T);
  const list = page.getByRole('region', { name: 'Breaches', exact: true });
  await expect(list.locator('tbody tr'), 'a row per breach of the API').toHaveCount(breaches.items.length);
  for (const [i, b] of (breaches.items as Json[]).entries()) {
    const row = list.locator('tbody tr').nth(i);
    await expect(row.getByRole('link'), `breach ${i + 1}'s link`).toHaveAttribute('href', `${o}/escalations/${b.escalation_id}`);
    const text = (await row.textContent()) ?? '';
    expect(text.includes('still running'), `breach ${i + 1} reads "${text}"; still_open is ${b.still_open}`).toBe(b.still_open);
    expect(text, `breach ${i + 1} says how late`).toMatch(/\d+ (min|h)/);
  }
  await list.scrollIntoViewIfNeeded();
  await shot(page, 'r2-reports-breaches');
  // A breach opens its escalation.
  await list.locator('tbody tr').first().getByRole('link').click();
  await page.waitForURL(new RegExp(`${o}/escalations/${breaches.items[0].escalation_id}$`));
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.goBack();
  await list.locator('tbody tr').first().waitFor();

  // The filters land in the request and the address, and a reload keeps them.
  const grouped = page.waitForResponse((r) => r.url().includes('/reports/sla?') && r.url().includes('group_by=priority'));
  await page.getByLabel('Group by').selectOption('priority');
  await grouped;
  await page.getByRole('region', { name: 'SLA attainment by priority' }).waitFor();
  expect(new URL(page.url()).searchParams.get('group_by'), 'group_by in the address').toBe('priority');
  const inboxAsked = page.waitForResponse((r) => r.url().includes('/reports/breaches?') && r.url().includes(`inbox_id=${inbox.id}`));
  await page.getByLabel('Inbox').selectOption({ label: 'Late desk' });
  await inboxAsked;
  await page.reload();
  await page.getByRole('region', { name: 'SLA attainment by priority' }).waitFor();
  await expect(page.getByLabel('Inbox'), 'the inbox filter after a reload').toHaveValue(inbox.id);
  await page.getByLabel('Inbox').selectOption('');
  await page.getByLabel('Group by').selectOption('inbox');
  await page.getByRole('region', { name: 'SLA attainment by inbox' }).waitFor();

  // The exports download with the session.
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Escalations CSV' }).click()]);
  const name = csv.suggestedFilename();
  expect(name).toBe(`escalations-${state.from}-${state.to}.csv`);
  const csvText = readFileSync(await csv.path(), 'utf8');
  expect(csvText.slice(0, 60), 'the CSV header').toMatch(/^\uFEFF?[a-z_]+,/);
  await page.getByText(`Downloaded ${name}.`).waitFor();
  const [jsonl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Escalations JSON Lines' }).click()]);
  const lines = readFileSync(await jsonl.path(), 'utf8').split('\n').filter(Boolean);
  expect(lines, 'one JSON line per escalation of the report').toHaveLength(report.total.current.escalations);
  JSON.parse(lines[0]);
  const [breachCsv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Breaches CSV' }).click()]);
  expect(breachCsv.suggestedFilename()).toBe(`breaches-${state.from}-${state.to}.csv`);

  // axe with every numbers table open, at both widths; no sideways scroll on a phone.
  await page.setViewportSize(LAPTOP);
  for (const summary of await page.locator('.chart-numbers summary').all()) {
    if (!(await summary.evaluate((el) => (el.parentElement as HTMLDetailsElement).open))) await summary.click();
  }
  await audit(page, 'r1-reports');
  await page.setViewportSize(PHONE);
  await page.getByRole('region', { name: 'SLA attainment by inbox' }).waitFor();
  await page.locator('.report-tiles').scrollIntoViewIfNeeded();
  await shot(page, 'r3-phone-reports');
  await page.setViewportSize(LAPTOP);
});
