import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DELIVERY_STATUSES, NOTIFICATION_DELIVERY_STATUSES } from '../api/types';
import { canRedeliver, DELIVERY_FILTER_LABELS, DELIVERY_STATUS_LABELS, DeliveryStatusBadge } from './delivery';
import { eventTypeLabel } from './webhook';

describe('delivery words', () => {
  it('labels every notification status, and webhook statuses are a subset of them', () => {
    for (const status of NOTIFICATION_DELIVERY_STATUSES) {
      expect(DELIVERY_STATUS_LABELS[status]).toBeTruthy();
      expect(DELIVERY_FILTER_LABELS[status]).toBeTruthy();
    }
    expect(DELIVERY_STATUSES.every((s) => NOTIFICATION_DELIVERY_STATUSES.includes(s))).toBe(true);
  });

  it.each([
    ['pending', 'Pending', 'badge-info'],
    ['succeeded', 'Delivered', 'badge-ok'],
    ['failed', 'Failed, will retry', 'badge-warn'],
    ['dead', 'Dead, no more attempts', 'badge-danger'],
    ['digested', 'Sent in a digest', 'badge-neutral'],
    ['deduplicated', 'Duplicate, not sent', 'badge-neutral'],
  ] as const)('shows %s as "%s" with %s', (status, text, className) => {
    render(<DeliveryStatusBadge status={status} />);
    expect(screen.getByText(text)).toHaveClass('badge', className);
  });

  it('offers redelivery only for failed and dead deliveries', () => {
    const redeliverable = NOTIFICATION_DELIVERY_STATUSES.filter((status) => canRedeliver({ status }));
    expect(redeliverable).toEqual(['failed', 'dead']);
  });

  it('names the digest event', () => {
    expect(eventTypeLabel('notification.digest')).toBe('Digest');
    expect(eventTypeLabel('escalation.sla_breached')).toBe('SLA breached');
  });
});
