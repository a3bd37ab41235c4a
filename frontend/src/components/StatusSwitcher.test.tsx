import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { availability, baseHandlers, mockApi, ORG_ID, renderApp } from '../test/utils';
import { statusNote } from './StatusSwitcher';

describe('Status switcher in the header', () => {
  it('shows my status and sets another', async () => {
    let current = availability({ availability: 'offline', effective: 'offline' });
    const api = mockApi({
      ...baseHandlers('agent'),
      'GET /api/v1/orgs/:orgId/queue': () => ({ items: [], next_cursor: null }),
      'GET /api/v1/orgs/:orgId/me/availability': () => current,
      'PATCH /api/v1/orgs/:orgId/me/availability': async (request) => {
        const body = await request.json();
        current = availability({ availability: body.availability, effective: body.availability });
        return current;
      },
    });
    const { user } = renderApp(`/orgs/${ORG_ID}/queue`);
    const header = await screen.findByRole('banner');
    const select = await within(header).findByLabelText('Status');
    expect(select).toHaveValue('offline');
    expect(select).toHaveAccessibleDescription('Everyone starts offline: choose Online to be assigned escalations automatically.');

    await user.selectOptions(select, 'Online');
    await waitFor(() => expect(api.callsTo('PATCH', `/api/v1/orgs/${ORG_ID}/me/availability`)).toHaveLength(1));
    expect(await api.callsTo('PATCH', `/api/v1/orgs/${ORG_ID}/me/availability`)[0].request.json()).toEqual({
      availability: 'online',
    });
    await waitFor(() => expect(within(header).getByLabelText('Status')).toHaveValue('online'));
  });

  it('sends a heartbeat on activity, not on loading or polling, at most once a minute', async () => {
    const api = mockApi({
      ...baseHandlers('agent'),
      'GET /api/v1/orgs/:orgId/queue': () => ({ items: [], next_cursor: null }),
      'POST /api/v1/orgs/:orgId/me/heartbeat': () => new Response(null, { status: 204 }),
    });
    renderApp(`/orgs/${ORG_ID}/queue`);
    await within(await screen.findByRole('banner')).findByLabelText('Status');
    const beats = () => api.callsTo('POST', `/api/v1/orgs/${ORG_ID}/me/heartbeat`);
    expect(beats()).toHaveLength(0); // loading and polling are not activity

    fireEvent.keyDown(document.body, { key: 'a' });
    await waitFor(() => expect(beats()).toHaveLength(1));
    fireEvent.pointerDown(document.body);
    fireEvent.keyDown(document.body, { key: 'b' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(beats()).toHaveLength(1);
  });

  it('says when the status that counts differs from the one set', () => {
    expect(statusNote(availability({ availability: 'online', effective: 'offline' }) as never)).toBe(
      'Idle: counts as offline until you are active again.',
    );
    expect(statusNote(availability({ in_hours: false, hours_start_at: null }) as never)).toBe('Outside your working hours.');
    expect(statusNote(availability() as never)).toBeNull();
  });

  it('says what offline means, and why a new member is offline', () => {
    expect(statusNote(availability({ availability: 'offline', effective: 'offline' }) as never)).toBe(
      'Everyone starts offline: choose Online to be assigned escalations automatically.',
    );
    expect(
      statusNote(
        availability({ availability: 'offline', effective: 'offline', availability_changed_at: '2026-01-01T00:00:00Z' }) as never,
      ),
    ).toBe('Offline: no escalations are assigned to you automatically.');
  });
});
