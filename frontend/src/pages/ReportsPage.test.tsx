import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { baseHandlers, inbox, INBOX_ID, ME_ID, mockApi, ORG_ID, OTHER_INBOX_ID, problem, renderApp } from '../test/utils';
import { addDays, formatMinutes, formatPointChange, seriesTotals, todayIn } from './reports/format';
import { dispositionFilename } from '../api/queries/reports';
import type { ReportFigures, SlaReport } from '../api/types';

const REPORT_PATH = `/api/v1/orgs/${ORG_ID}/reports/sla`;
const BREACHES_PATH = `/api/v1/orgs/${ORG_ID}/reports/breaches`;
const EXPORT_PATH = `/api/v1/orgs/${ORG_ID}/reports/escalations/export`;

function figures(overrides: Partial<ReportFigures> = {}): ReportFigures {
  const f: ReportFigures = {
    escalations: 0,
    first_response_met: 0,
    first_response_breached: 0,
    first_response_attainment: null,
    resolution_met: 0,
    resolution_breached: 0,
    resolution_attainment: null,
    first_response_median_minutes: null,
    first_response_p90_minutes: null,
    resolution_median_minutes: null,
    resolution_p90_minutes: null,
    breaches: 0,
    level_raises: 0,
    de_escalations: 0,
    moves: 0,
    ...overrides,
  };
  return { ...f, breaches: overrides.breaches ?? f.first_response_breached + f.resolution_breached };
}

const DAYS = ['2026-11-01', '2026-11-02', '2026-11-03'];

/**
 * 1–3 Nov 2026 by inbox and day. Service desk: first response 8 of 9 (88.89%) against 6 of 8 before;
 * resolution nothing decided yet (null) against 1 of 2 before. Billing: 1 of 1 first response, no history.
 */
const report: SlaReport = {
  from: '2026-11-01',
  to: '2026-11-03',
  previous_from: '2026-10-29',
  previous_to: '2026-10-31',
  time_zone: 'Europe/London',
  group_by: 'inbox',
  bucket: 'day',
  total: {
    key: 'all',
    label: 'All',
    current: figures({
      escalations: 12,
      first_response_met: 9,
      first_response_breached: 1,
      first_response_attainment: 90,
      first_response_median_minutes: 125,
    }),
    previous: figures({
      escalations: 10,
      first_response_met: 6,
      first_response_breached: 2,
      first_response_attainment: 75,
      resolution_met: 1,
      resolution_breached: 1,
      resolution_attainment: 50,
      first_response_median_minutes: 200,
    }),
    series: [],
  },
  groups: [
    {
      key: OTHER_INBOX_ID,
      label: 'Billing',
      current: figures({ escalations: 2, first_response_met: 1, first_response_attainment: 100 }),
      previous: figures(),
      series: DAYS.map((start, i) => ({
        start,
        figures: figures(i === 0 ? { escalations: 2, first_response_met: 1, first_response_attainment: 100 } : {}),
      })),
    },
    {
      key: INBOX_ID,
      label: 'Service desk',
      current: figures({
        escalations: 10,
        first_response_met: 8,
        first_response_breached: 1,
        first_response_attainment: 88.89,
        first_response_median_minutes: 130,
        level_raises: 2,
      }),
      previous: figures({
        escalations: 10,
        first_response_met: 6,
        first_response_breached: 2,
        first_response_attainment: 75,
        resolution_met: 1,
        resolution_breached: 1,
        resolution_attainment: 50,
      }),
      series: DAYS.map((start, i) => ({
        start,
        figures:
          i === 1
            ? figures({ escalations: 6, first_response_met: 4, first_response_breached: 1, first_response_attainment: 80 })
            : i === 2
              ? figures({ escalations: 4, first_response_met: 4, first_response_attainment: 100 })
              : figures(),
      })),
    },
  ],
};

const ESCALATION_ID = '99999999-9999-4999-8999-abcdefabcdef';

function breach(n: number, overrides: Record<string, unknown> = {}) {
  return {
    id: `aaaaaaaa-aaaa-4aaa-8aaa-${String(n).padStart(12, '0')}`,
    escalation_id: `e${String(n).padStart(7, '0')}-9999-4999-8999-${String(n).padStart(12, '0')}`,
    conversation_id: `88888888-8888-4888-8888-${String(n).padStart(12, '0')}`,
    inbox_id: INBOX_ID,
    inbox_name: 'Service desk',
    category: 'service',
    target: 'first_response',
    due_at: '2026-11-02T10:00:00Z',
    breached_at: '2026-11-02T10:00:30Z',
    noticed: 'worker',
    late_minutes: 45,
    still_open: false,
    held_by: null,
    level: 1,
    level_raised_to: null,
    priority_from: null,
    priority_to: null,
    ...overrides,
  };
}

function handlers(role: 'owner' | 'admin' | 'supervisor' | 'agent' = 'supervisor', extra: Record<string, (request: Request) => unknown> = {}) {
  return {
    ...baseHandlers(role, { inboxes: [inbox(), inbox({ id: OTHER_INBOX_ID, name: 'Billing' })] }),
    'GET /api/v1/orgs/:orgId/escalation-policy': () => ({
      categories: [
        { key: 'service', name: 'Service', recipients: [] },
        { key: 'other', name: 'Other', recipients: [] },
      ],
      default_recipients: [],
    }),
    'GET /api/v1/orgs/:orgId/reports/sla': () => report,
    'GET /api/v1/orgs/:orgId/reports/breaches': () => ({ items: [], next_cursor: null }),
    ...extra,
  };
}

const PERIOD = 'from=2026-11-01&to=2026-11-03';

describe('Reports', () => {
  it('shows the period’s figures against the previous period, and "—" where nothing was decided', async () => {
    const api = mockApi(handlers());
    const { user } = renderApp(`/orgs/${ORG_ID}/reports?${PERIOD}&bucket=day`);

    expect(await screen.findByRole('heading', { name: 'Reports', level: 1 })).toBeInTheDocument();
    const tiles = (await screen.findByText('Escalations', { selector: 'dt' })).closest('dl')!;
    const request = api.callsTo('GET', REPORT_PATH)[0].search;
    expect(Object.fromEntries(request)).toEqual({ from: '2026-11-01', to: '2026-11-03', group_by: 'inbox', bucket: 'day' });

    expect(screen.getByText(/against 29 Oct 2026 – 31 Oct 2026/)).toBeInTheDocument();
    const tile = (label: string) => within(tiles).getByText(label).parentElement!;
    expect(tile('Escalations')).toHaveTextContent('12 previous period: 10 (+2)');
    expect(tile('First response attainment')).toHaveTextContent('90% previous period: 75% (+15 pts)');
    // Nothing decided this period: "—" with the reason, never 0%.
    const resolution = tile('Resolution attainment');
    expect(resolution).toHaveTextContent('—');
    expect(resolution).toHaveTextContent('nothing decided yet');
    expect(resolution).toHaveTextContent('previous period: 50%');
    expect(resolution).not.toHaveTextContent('0%)');
    expect(tile('Median to first response')).toHaveTextContent('2 h 5 min business time; previous period: 3 h 20 min');
    expect(tile('Breaches')).toHaveTextContent('1 previous period: 3 (−2)');

    // Attainment by group: the chart's numbers in a real table.
    const byGroup = screen.getByRole('region', { name: 'SLA attainment by inbox' });
    expect(byGroup).toHaveTextContent('First response: 90% met (9 of 10); resolution: nothing decided yet.');
    await user.click(within(byGroup).getByText('Show numbers'));
    const table = within(byGroup).getByRole('table', { name: /SLA attainment by inbox/ });
    const desk = within(table).getByRole('row', { name: /Service desk/ });
    const cells = within(desk).getAllByRole('cell').map((c) => c.textContent);
    expect(cells[0]).toBe('88.9% (8 of 9)');
    expect(cells[1]).toBe('75%');
    expect(cells[2]).toContain('—');
    expect(cells[2]).toContain('nothing decided yet');
    expect(cells[3]).toBe('50%');
    expect(within(byGroup).getByText(/— nothing decided yet: no deadline in it was met or breached/)).toBeInTheDocument();
    for (const cell of within(table).getAllByRole('cell')) expect(cell.textContent).not.toMatch(/^0%/);

    // The trend: the groups' buckets added up.
    const trend = screen.getByRole('region', { name: 'Attainment trend' });
    const trendTable = within(trend).getByRole('table', { name: 'Attainment per bucket, this period' });
    const nov2 = within(trendTable).getByRole('row', { name: /2 Nov 2026/ });
    expect(within(nov2).getAllByRole('cell').map((c) => c.textContent)).toEqual(['6', '80%', '—nothing decided yet']);
    const nov1 = within(trendTable).getByRole('row', { name: /1 Nov 2026/ });
    expect(within(nov1).getAllByRole('cell')[1]).toHaveTextContent('100%');

    // The breach histogram, per day, with the previous period's total.
    const histogram = screen.getByRole('region', { name: 'Breaches per day' });
    expect(histogram).toHaveTextContent('1 breach (previous period: 3, −2); most in 2 Nov 2026 (1).');
    const histogramTable = within(histogram).getByRole('table', { name: 'Breaches per day' });
    const previousRow = within(histogramTable).getByRole('row', { name: /Previous period/ });
    expect(within(previousRow).getAllByRole('cell').map((c) => c.textContent)).toEqual(['2', '1', '3']);

    // Every figure per group, this period with the previous one under it.
    const figuresTable = screen.getByRole('table', { name: /Figures by inbox/ });
    const deskFigures = within(figuresTable).getByRole('row', { name: /Service desk/ });
    expect(within(deskFigures).getAllByRole('cell')[0]).toHaveTextContent('10previous period: 10');
    expect(within(deskFigures).getAllByRole('cell')[3]).toHaveTextContent('2 h 10 min');
    expect(within(deskFigures).getAllByRole('cell')[8]).toHaveTextContent('2previous period: 0');
  });

  it('sends the filters with the request and keeps them in the address', async () => {
    const api = mockApi(handlers());
    const { user, router } = renderApp(`/orgs/${ORG_ID}/reports?${PERIOD}`);
    await screen.findByText('Escalations', { selector: 'dt' });
    const lastReport = () => Object.fromEntries(api.callsTo('GET', REPORT_PATH).at(-1)!.search);
    const lastBreaches = () => Object.fromEntries(api.callsTo('GET', BREACHES_PATH).at(-1)!.search);

    // No bucket chosen: a short period is shown by day.
    expect(lastReport()).toMatchObject({ bucket: 'day', group_by: 'inbox' });

    expect(within(screen.getByLabelText('Group by')).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Inbox',
      'Owner',
      'Priority',
      'Category',
      'Campaign',
    ]);
    await user.selectOptions(screen.getByLabelText('Group by'), 'priority');
    await waitFor(() => expect(lastReport()).toMatchObject({ group_by: 'priority' }));
    await user.selectOptions(screen.getByLabelText('Bucket'), 'week');
    await waitFor(() => expect(lastReport()).toMatchObject({ bucket: 'week' }));
    await user.selectOptions(screen.getByLabelText('Inbox'), 'Billing');
    await waitFor(() => expect(lastReport()).toMatchObject({ inbox_id: OTHER_INBOX_ID }));
    await user.selectOptions(screen.getByLabelText('Priority'), 'urgent');
    await user.selectOptions(screen.getByLabelText('Category'), 'service');
    await user.selectOptions(screen.getByLabelText('Campaign'), 'Winter renewals');
    await waitFor(() =>
      expect(lastReport()).toEqual({
        from: '2026-11-01',
        to: '2026-11-03',
        group_by: 'priority',
        bucket: 'week',
        inbox_id: OTHER_INBOX_ID,
        priority: 'urgent',
        category: 'service',
        campaign_id: '33333333-3333-4333-8333-333333333333',
      }),
    );
    // The breach list follows the same period and filters.
    await waitFor(() =>
      expect(lastBreaches()).toMatchObject({ from: '2026-11-01', inbox_id: OTHER_INBOX_ID, priority: 'urgent', category: 'service' }),
    );
    const search = new URLSearchParams(router.state.location.search);
    expect(Object.fromEntries(search)).toMatchObject({ group_by: 'priority', bucket: 'week', inbox: OTHER_INBOX_ID, priority: 'urgent' });

    // A quick pick sets the period from today in the organisation's time zone.
    const today = todayIn(undefined);
    await user.click(screen.getByRole('button', { name: 'Last 7 days' }));
    await waitFor(() => expect(lastReport()).toMatchObject({ from: addDays(today, -6), to: today }));
    expect(screen.getByRole('button', { name: 'Last 7 days' })).toHaveAttribute('aria-pressed', 'true');

    // A typed period ending before it starts is refused before anything is sent.
    const calls = api.callsTo('GET', REPORT_PATH).length;
    const from = screen.getByLabelText('From');
    await user.clear(from);
    await user.type(from, '2099-01-01');
    expect(await screen.findByText(/The period ends before it starts/)).toBeInTheDocument();
    expect(api.callsTo('GET', REPORT_PATH).length).toBe(calls);
  });

  it('opens on the last 30 days when the address names no period', async () => {
    const api = mockApi(handlers());
    renderApp(`/orgs/${ORG_ID}/reports`);
    await screen.findByText('Escalations', { selector: 'dt' });
    const today = todayIn(undefined);
    expect(Object.fromEntries(api.callsTo('GET', REPORT_PATH)[0].search)).toMatchObject({
      from: addDays(today, -29),
      to: today,
      bucket: 'day',
    });
    expect(screen.getByRole('button', { name: 'Last 30 days' })).toHaveAttribute('aria-pressed', 'true');
  });

  it('lists the breaches with links to each escalation, and loads more with the cursor', async () => {
    const first = [
      breach(1, {
        escalation_id: ESCALATION_ID,
        late_minutes: 125,
        still_open: true,
        held_by: ME_ID,
        level: 1,
        level_raised_to: 2,
        priority_from: 'normal',
        priority_to: 'high',
      }),
      breach(2, { target: 'resolution', late_minutes: 30 }),
    ];
    const api = mockApi(
      handlers('supervisor', {
        'GET /api/v1/orgs/:orgId/reports/breaches': (request) =>
          new URL(request.url).searchParams.get('cursor') === 'page-2'
            ? { items: [breach(3, { late_minutes: 1505, inbox_name: 'Billing' })], next_cursor: null }
            : { items: first, next_cursor: 'page-2' },
      }),
    );
    const { user } = renderApp(`/orgs/${ORG_ID}/reports?${PERIOD}&target=first_response`);

    const list = await screen.findByRole('region', { name: 'Breaches' });
    const table = await within(list).findByRole('table', { name: /Breaches of the period/ });
    expect(Object.fromEntries(api.callsTo('GET', BREACHES_PATH)[0].search)).toMatchObject({
      from: '2026-11-01',
      to: '2026-11-03',
      target: 'first_response',
      limit: '50',
    });
    expect(within(list).getByLabelText('Target')).toHaveDisplayValue('First response');

    const row = within(table).getByRole('row', { name: /Escalation 99999999/ });
    expect(within(row).getByRole('link', { name: 'Escalation 99999999' })).toHaveAttribute(
      'href',
      `/orgs/${ORG_ID}/escalations/${ESCALATION_ID}`,
    );
    expect(row).toHaveTextContent('2 h 5 min');
    expect(row).toHaveTextContent('still running');
    expect(await within(row).findByText('Ada Agent')).toBeInTheDocument();
    expect(row).toHaveTextContent('Level 1 → 2; Normal → High');
    const second = within(table).getAllByRole('row')[2];
    expect(second).toHaveTextContent('Resolution');
    expect(second).toHaveTextContent('30 min');
    expect(second).not.toHaveTextContent('still running');
    expect(second).toHaveTextContent('Nobody');

    await user.click(within(list).getByRole('button', { name: 'Load more breaches' }));
    expect(await within(table).findByText(/Billing/)).toBeInTheDocument();
    const calls = api.callsTo('GET', BREACHES_PATH);
    expect(calls.at(-1)!.search.get('cursor')).toBe('page-2');
    expect(calls.at(-1)!.search.get('target')).toBe('first_response');
    expect(within(table).getAllByRole('row')).toHaveLength(4);
    expect(table).toHaveTextContent('25 h 5 min');
    expect(within(list).queryByRole('button', { name: 'Load more breaches' })).toBeNull();
    expect(within(list).getByText('3 breaches shown.')).toBeInTheDocument();
  });

  describe('exports', () => {
    let created: Blob[];
    let clicked: string[];
    beforeEach(() => {
      created = [];
      clicked = [];
      vi.stubGlobal('URL', Object.assign(URL, {
        createObjectURL: vi.fn((blob: Blob) => (created.push(blob), 'blob:report')),
        revokeObjectURL: vi.fn(),
      }));
      vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
        clicked.push(this.download);
      });
    });
    afterEach(() => {
      vi.restoreAllMocks();
      vi.unstubAllGlobals();
    });

    it('downloads with the session cookie and saves the file under the server’s name', async () => {
      const api = mockApi(
        handlers('admin', {
          'GET /api/v1/orgs/:orgId/reports/escalations/export': () =>
            new Response('id,inbox\r\n1,Service desk\r\n', {
              headers: {
                'Content-Type': 'text/csv; charset=utf-8',
                'Content-Disposition': 'attachment; filename="escalations-2026-11-01-2026-11-03.csv"',
              },
            }),
        }),
      );
      const { user } = renderApp(`/orgs/${ORG_ID}/reports?${PERIOD}&inbox=${INBOX_ID}`);
      await screen.findByText('Escalations', { selector: 'dt' });
      await user.click(screen.getByRole('button', { name: 'Escalations CSV' }));

      expect(await screen.findByText('Downloaded escalations-2026-11-01-2026-11-03.csv.')).toBeInTheDocument();
      const [call] = api.callsTo('GET', EXPORT_PATH);
      // The browser sends the HttpOnly session cookie itself: no credential is in script's hands.
      expect(call.request.headers.get('Authorization')).toBeNull();
      expect(call.request.credentials).toBe('same-origin');
      expect(Object.fromEntries(call.search)).toEqual({ from: '2026-11-01', to: '2026-11-03', inbox_id: INBOX_ID, format: 'csv' });
      expect(clicked).toEqual(['escalations-2026-11-01-2026-11-03.csv']);
      expect(await created[0].text()).toBe('id,inbox\r\n1,Service desk\r\n');
    });

    it('asks for JSON Lines and the breach list with its target', async () => {
      const api = mockApi(
        handlers('owner', {
          'GET /api/v1/orgs/:orgId/reports/escalations/export': () => new Response('{}\n'),
          'GET /api/v1/orgs/:orgId/reports/breaches/export': () => new Response('id\r\n'),
        }),
      );
      const { user } = renderApp(`/orgs/${ORG_ID}/reports?${PERIOD}&target=resolution`);
      await screen.findByText('Escalations', { selector: 'dt' });
      await user.click(screen.getByRole('button', { name: 'Escalations JSON Lines' }));
      // No Content-Disposition: a name from the period.
      await screen.findByText('Downloaded escalations-2026-11-01-2026-11-03.jsonl.');
      expect(api.callsTo('GET', EXPORT_PATH)[0].search.get('format')).toBe('jsonl');
      await user.click(screen.getByRole('button', { name: 'Breaches CSV' }));
      await screen.findByText('Downloaded breaches-2026-11-01-2026-11-03.csv.');
      const breachCall = api.callsTo('GET', `/api/v1/orgs/${ORG_ID}/reports/breaches/export`)[0];
      expect(Object.fromEntries(breachCall.search)).toMatchObject({ format: 'csv', target: 'resolution' });
    });

    it('says why an export failed, and saves nothing', async () => {
      mockApi(
        handlers('supervisor', {
          'GET /api/v1/orgs/:orgId/reports/escalations/export': () =>
            problem(429, { title: 'Too many requests', detail: 'Try again in 30 seconds.' }),
        }),
      );
      const { user } = renderApp(`/orgs/${ORG_ID}/reports?${PERIOD}`);
      await screen.findByText('Escalations', { selector: 'dt' });
      await user.click(screen.getByRole('button', { name: 'Escalations CSV' }));
      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent('Too many requests');
      expect(alert).toHaveTextContent('Try again in 30 seconds.');
      expect(clicked).toEqual([]);
      expect(screen.getByRole('button', { name: 'Escalations CSV' })).toBeEnabled();
    });
  });

  it('says why the API refused a report (a period of too many buckets), with a retry', async () => {
    mockApi(
      handlers('supervisor', {
        'GET /api/v1/orgs/:orgId/reports/sla': () =>
          problem(422, { title: 'Period too long', detail: 'At most 400 days: choose a longer bucket or a shorter period.' }),
      }),
    );
    renderApp(`/orgs/${ORG_ID}/reports?from=2024-01-01&to=2026-11-30&bucket=day`);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('At most 400 days: choose a longer bucket or a shorter period.');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeInTheDocument();
    // The filters stay usable to fix it.
    expect(screen.getByLabelText('Bucket')).toHaveDisplayValue('Day');
  });

  it('is for supervisors and above', async () => {
    const api = mockApi(handlers('agent'));
    renderApp(`/orgs/${ORG_ID}/reports`);
    expect(await screen.findByText('Not available to your role')).toBeInTheDocument();
    expect(api.callsTo('GET', REPORT_PATH)).toHaveLength(0);
  });

  it('says so when nothing was escalated', async () => {
    mockApi(
      handlers('supervisor', {
        'GET /api/v1/orgs/:orgId/reports/sla': () => ({
          ...report,
          total: { key: 'all', label: 'All', current: figures(), previous: figures(), series: [] },
          groups: [],
        }),
      }),
    );
    renderApp(`/orgs/${ORG_ID}/reports?${PERIOD}`);
    expect(await screen.findByText('No escalations')).toBeInTheDocument();
    expect(screen.getByText('No breaches in this period (previous period: 0).')).toBeInTheDocument();
    expect(await screen.findByText('No deadline was breached in this period with these filters.')).toBeInTheDocument();
    expect(screen.queryByText('0%')).toBeNull();
  });
});

describe('report words', () => {
  it('writes business minutes in hours and minutes', () => {
    expect(formatMinutes(null)).toBe('—');
    expect(formatMinutes(0)).toBe('0 min');
    expect(formatMinutes(59.6)).toBe('1 h');
    expect(formatMinutes(125)).toBe('2 h 5 min');
    expect(formatMinutes(1505)).toBe('25 h 5 min');
  });

  it('compares percentages in points and never invents one', () => {
    expect(formatPointChange(90, 75)).toBe('+15 pts');
    expect(formatPointChange(70, 72.5)).toBe('−2.5 pts');
    expect(formatPointChange(null, 75)).toBeNull();
    expect(formatPointChange(80, 80)).toBe('no change');
  });

  it('adds the groups’ buckets up when the total has no series', () => {
    const rows = seriesTotals(report);
    expect(rows.map((r) => [r.start, r.escalations, r.firstResponseAttainment, r.resolutionAttainment])).toEqual([
      ['2026-11-01', 2, 100, null],
      ['2026-11-02', 6, 80, null],
      ['2026-11-03', 4, 100, null],
    ]);
  });

  it('reads the file name of a Content-Disposition', () => {
    expect(dispositionFilename('attachment; filename="breaches-2026-11-01-2026-11-30.csv"')).toBe('breaches-2026-11-01-2026-11-30.csv');
    expect(dispositionFilename("attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.csv")).toBe('résumé.csv');
    expect(dispositionFilename(null)).toBeNull();
  });
});
