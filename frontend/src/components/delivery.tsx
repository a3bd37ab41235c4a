/**
 * Delivery words shared by Admin → Deliveries (email, Slack and webhook notifications) and one
 * webhook's deliveries: statuses, their badge and filter labels, and which ones can be redelivered.
 * Webhook deliveries use the first four statuses; digested and deduplicated are notification-only.
 */
import type { NotificationDeliveryStatus } from '../api/types';
import { Badge } from './Badge';
import { humanise } from './escalation';

export const DELIVERY_STATUS_LABELS: Record<NotificationDeliveryStatus, string> = {
  pending: 'Pending',
  succeeded: 'Delivered',
  failed: 'Failed, will retry',
  dead: 'Dead, no more attempts',
  digested: 'Sent in a digest',
  deduplicated: 'Duplicate, not sent',
};

/** Shorter words for the status filter. */
export const DELIVERY_FILTER_LABELS: Record<NotificationDeliveryStatus, string> = {
  pending: 'Pending',
  succeeded: 'Delivered',
  failed: 'Failed',
  dead: 'Dead',
  digested: 'Digested',
  deduplicated: 'Duplicates',
};

const TONES = {
  pending: 'info',
  succeeded: 'ok',
  failed: 'warn',
  dead: 'danger',
  digested: 'neutral',
  deduplicated: 'neutral',
} as const;

export function DeliveryStatusBadge({ status }: { status: NotificationDeliveryStatus }) {
  return <Badge tone={TONES[status] ?? 'neutral'}>{DELIVERY_STATUS_LABELS[status] ?? humanise(status)}</Badge>;
}

/**
 * Failed (retrying) and dead deliveries can be sent again by hand; digested and duplicate ones
 * went out in another message.
 */
export function canRedeliver(delivery: { status: NotificationDeliveryStatus }): boolean {
  return delivery.status === 'failed' || delivery.status === 'dead';
}
