import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { baseHandlers, mockApi, ORG_ID, renderApp } from '../test/utils';

describe('Organisation navigation on a phone: a menu', () => {
  it('opens behind its button and closes once a screen is chosen', async () => {
    mockApi({
      ...baseHandlers('agent'),
      'GET /api/v1/orgs/:orgId/conversations/queue': () => ({ items: [], next_cursor: null }),
      'GET /api/v1/orgs/:orgId/notifications/preferences': () => ({ items: [] }),
    });
    const { user, router } = renderApp(`/orgs/${ORG_ID}/queue`);
    const nav = await screen.findByRole('navigation', { name: /navigation/ });
    const toggle = within(nav).getByRole('button', { name: 'Menu' });
    const list = within(nav).getByRole('list');
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(toggle).toHaveAttribute('aria-controls', list.id);
    expect(list).not.toHaveClass('open');

    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(list).toHaveClass('open');
    // Every screen of the role is in it, Notifications included.
    expect(within(list).getAllByRole('link').map((a) => a.textContent)).toEqual(['Queue', 'Conversations', 'Notifications']);

    await user.click(within(list).getByRole('link', { name: 'Notifications' }));
    expect(router.state.location.pathname).toBe(`/orgs/${ORG_ID}/notifications`);
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(list).not.toHaveClass('open');
  });
});
