import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { BEHIND_INTERVAL_MS, READINESS_INTERVAL_MS, readinessInterval } from '../api/queries/health';
import { baseHandlers, json, mockApi, ORG_ID, readiness, renderApp } from '../test/utils';

function renderQueueWith(answer: () => unknown) {
  const api = mockApi({
    ...baseHandlers('agent'),
    'GET /api/v1/orgs/:orgId/queue': () => ({ items: [], next_cursor: null }),
    'GET /readyz': answer,
  });
  renderApp(`/orgs/${ORG_ID}/queue`);
  return api;
}

/** The page is up and readiness was answered (and had its chance to render). */
async function settled(api: ReturnType<typeof mockApi>) {
  expect(await screen.findByRole('heading', { level: 1 })).toBeInTheDocument();
  await waitFor(() => expect(api.callsTo('GET', '/readyz')).toHaveLength(1));
  await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('Monitoring notice', () => {
  it('says nothing while the worker keeps up', async () => {
    const api = renderQueueWith(() => readiness({ lag_seconds: 4, sla_backlog_seconds: 12 }));
    await settled(api);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('warns when no worker has reported for over a minute', async () => {
    renderQueueWith(() => readiness({ lag_seconds: 300 }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Deadline monitoring is behind.');
    expect(alert).toHaveTextContent('The background worker last reported 5 min ago.');
  });

  it('warns when the worker beats but due checks wait (a failing or overloaded SLA tick)', async () => {
    renderQueueWith(() => readiness({ lag_seconds: 2, sla_backlog_seconds: 150 }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The oldest due deadline check has waited 2 min.');
  });

  it('reads the body of a 503 too', async () => {
    renderQueueWith(() => json({ ...readiness({ lag_seconds: 7200 }), redis: false }, 503));
    expect(await screen.findByRole('alert')).toHaveTextContent('last reported 2 h ago');
  });

  it('warns when no worker has ever run', async () => {
    renderQueueWith(() => readiness({ last_heartbeat_at: null, lag_seconds: null }));
    expect(await screen.findByRole('alert')).toHaveTextContent('No background worker has run yet.');
  });

  it('leaves a database outage to the page’s own errors', async () => {
    const api = renderQueueWith(() =>
      json({ database: false, redis: true, worker: { last_heartbeat_at: null, lag_seconds: null, sla_backlog_seconds: null } }, 503),
    );
    await settled(api);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('stays quiet when readiness cannot be read at all', async () => {
    const api = renderQueueWith(() => json({ type: 'about:blank', title: 'Not Found', status: 404 }, 404));
    await settled(api);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('Readiness polling', () => {
  it('asks every 30 s while monitoring keeps up, every 5 s while it is behind', () => {
    expect(readinessInterval(readiness())).toBe(READINESS_INTERVAL_MS);
    expect(readinessInterval(readiness({ lag_seconds: 90 }))).toBe(BEHIND_INTERVAL_MS);
    expect(readinessInterval(readiness({ last_heartbeat_at: null, lag_seconds: null }))).toBe(BEHIND_INTERVAL_MS);
    expect(readinessInterval(null)).toBe(READINESS_INTERVAL_MS);
  });
});
