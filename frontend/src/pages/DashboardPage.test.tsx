import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { baseHandlers, inbox, INBOX_ID, mockApi, ORG_ID, OTHER_INBOX_ID, renderApp } from '../test/utils';
import { attainmentPercent, formatDay } from './DashboardPage';

function days(n: number, fill: (i: number) => Partial<Record<string, number>> = () => ({})) {
  const start = Date.UTC(2026, 10, 1);
  return Array.from({ length: n }, (_, i) => ({
    day: new Date(start + i * 86_400_000).toISOString().slice(0, 10),
    escalated: 0,
    claimed: 0,
    resolved: 0,
    de_escalated: 0,
    sla_breaches: 0,
    ...fill(i),
  }));
}

const stats = {
  days: 7,
  open_by_inbox: [
    { inbox_id: OTHER_INBOX_ID, inbox_name: 'Billing', priority: 'critical', count: 1 },
    { inbox_id: INBOX_ID, inbox_name: 'Service desk', priority: 'urgent', count: 2 },
    { inbox_id: INBOX_ID, inbox_name: 'Service desk', priority: 'normal', count: 3 },
  ],
  // 1 Nov … 7 Nov 2026: escalations on the 2nd and 3rd, a breach on the 3rd.
  daily: days(7, (i) =>
    i === 1 ? { escalated: 4, claimed: 3, resolved: 1 } : i === 2 ? { escalated: 2, de_escalated: 1, sla_breaches: 2 } : {},
  ),
  first_response: { met: 9, breached: 1 },
  resolution: { met: 3, breached: 1 },
};

const empty = {
  days: 14,
  open_by_inbox: [],
  daily: days(14),
  first_response: { met: 0, breached: 0 },
  resolution: { met: 0, breached: 0 },
};

describe('Dashboard', () => {
  it('shows the figures behind each chart in words and tables', async () => {
    const api = mockApi({ ...baseHandlers('supervisor'), 'GET /api/v1/orgs/:orgId/stats/escalations': () => stats });
    const { user } = renderApp(`/orgs/${ORG_ID}/dashboard?days=7`);

    const open = await screen.findByRole('region', { name: 'Open escalations by inbox' });
    expect(api.callsTo('GET', `/api/v1/orgs/${ORG_ID}/stats/escalations`)[0].search.get('days')).toBe('7');
    expect(within(open).getByText('6 open escalations in 2 inboxes, by priority.')).toBeInTheDocument();
    await user.click(within(open).getByText('Show numbers'));
    const openTable = within(open).getByRole('table', { name: 'Open escalations by inbox and priority' });
    const desk = within(openTable).getByRole('row', { name: /Service desk/ });
    expect(within(desk).getAllByRole('cell').map((c) => c.textContent)).toEqual(['3', '0', '2', '0', '5']);
    const billing = within(openTable).getByRole('row', { name: /Billing/ });
    expect(within(billing).getAllByRole('cell').map((c) => c.textContent)).toEqual(['0', '0', '0', '1', '1']);

    // The tiles: open now and the period's totals.
    const tiles = screen.getByText('Open now').closest('dl')!;
    expect(tiles).toHaveTextContent('Open now6');
    expect(tiles).toHaveTextContent('Escalated6');
    expect(tiles).toHaveTextContent('Resolved1');
    expect(tiles).toHaveTextContent('SLA breaches2');

    const flow = screen.getByRole('region', { name: 'Daily flow' });
    expect(flow).toHaveTextContent('Over the last 7 days: 6 escalated, 3 claimed, 1 resolved, 1 de-escalated.');
    const flowTable = within(flow).getByRole('table', { name: 'Escalations per day' });
    const nov2 = within(flowTable).getByRole('row', { name: new RegExp(formatDay('2026-11-02')) });
    expect(within(nov2).getAllByRole('cell').map((c) => c.textContent)).toEqual(['4', '3', '1', '0']);

    const breaches = screen.getByRole('region', { name: 'SLA breaches per day' });
    expect(breaches).toHaveTextContent(`2 breaches in the last 7 days; most on ${formatDay('2026-11-03')} (2).`);

    const sla = screen.getByRole('region', { name: 'SLA attainment' });
    expect(sla).toHaveTextContent('First response: 90% met (9 of 10); resolution: 75% met (3 of 4).');
    const slaTable = within(sla).getByRole('table', { name: 'SLA attainment' });
    expect(
      within(within(slaTable).getByRole('row', { name: /First response/ }))
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['9', '1', '90%']);

    // Another period is another request (and lands in the URL).
    await user.click(screen.getByRole('radio', { name: '30 days' }));
    await waitFor(() =>
      expect(api.callsTo('GET', `/api/v1/orgs/${ORG_ID}/stats/escalations`).some((c) => c.search.get('days') === '30')).toBe(true),
    );
  });

  it('warns of an inbox where nobody is on shift', async () => {
    mockApi({
      ...baseHandlers('supervisor', {
        inboxes: [
          inbox({ name: 'Service desk', assignment_mode: 'auto', capacity: 3, unstaffed_since: '2026-11-03T22:00:00Z' }),
          inbox({ id: OTHER_INBOX_ID, name: 'Billing' }),
        ],
      }),
      'GET /api/v1/orgs/:orgId/stats/escalations': () => empty,
    });
    renderApp(`/orgs/${ORG_ID}/dashboard`);
    const box = (await screen.findByText('Nobody on shift')).closest('[role="status"]') as HTMLElement;
    expect(box).toHaveTextContent(/Service desk: escalations have waited with no owner on shift since/);
    expect(box).not.toHaveTextContent('Billing');
  });

  it('says so when there is nothing to chart', async () => {
    mockApi({ ...baseHandlers('admin'), 'GET /api/v1/orgs/:orgId/stats/escalations': () => empty });
    renderApp(`/orgs/${ORG_ID}/dashboard`);
    expect(await screen.findByText('No open escalations')).toBeInTheDocument();
    expect(screen.getByText('No activity')).toBeInTheDocument();
    expect(screen.getByText('No SLA breaches in the last 14 days.')).toBeInTheDocument();
    expect(screen.getByText('Nothing to measure yet')).toBeInTheDocument();
    expect(screen.queryByText('Show numbers')).toBeNull();
  });

  it('is for supervisors and above', async () => {
    mockApi(baseHandlers('agent'));
    renderApp(`/orgs/${ORG_ID}/dashboard`);
    expect(await screen.findByText('Not available to your role')).toBeInTheDocument();
  });

  it('computes attainment as met of all measured', () => {
    expect(attainmentPercent({ met: 46, breached: 4 })).toBe(92);
    expect(attainmentPercent({ met: 0, breached: 0 })).toBeNull();
  });
});
