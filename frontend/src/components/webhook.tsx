/** Event-type words for webhooks and deliveries (delivery statuses live in ./delivery). */
import { ALL_EVENTS } from '../api/types';
import { humanise } from './escalation';

export const EVENT_TYPE_LABELS: Record<string, string> = {
  'escalation.created': 'Escalated',
  'escalation.claimed': 'Claimed',
  'escalation.released': 'Claim released',
  'escalation.claim_expired': 'Claim expired',
  'escalation.claim_returned_no_reply': 'Claim returned: no reply in time',
  'escalation.moved': 'Moved to another inbox',
  'escalation.de_escalated': 'De-escalated',
  'escalation.resolved': 'Resolved',
  'escalation.priority_changed': 'Priority changed',
  'escalation.category_changed': 'Category changed',
  'escalation.first_response': 'First response',
  'escalation.sla_warning': 'SLA warning',
  'escalation.sla_breached': 'SLA breached',
  'escalation.level_raised': 'Level raised',
  'escalation.sla_paused': 'SLA clock paused',
  'escalation.sla_resumed': 'SLA clock resumed',
  'escalation.sla_recomputed': 'SLA deadlines recomputed',
  'escalation.breach_acknowledged': 'SLA breach acknowledged',
  'claim.auto_assigned': 'Assigned automatically',
  'escalation.nobody_on_shift': 'Nobody on shift',
  // Not a webhook event: the email or Slack digest that carries several deliveries.
  'notification.digest': 'Digest',
};

export function eventTypeLabel(type: string): string {
  return EVENT_TYPE_LABELS[type] ?? humanise(type.replace(/^escalation\./, ''));
}

/** ["*"] → "All events"; otherwise the first few in words. */
export function eventTypesSummary(types: string[]): string {
  if (types.includes(ALL_EVENTS)) return 'All events';
  const words = types.map(eventTypeLabel);
  return words.length <= 3 ? words.join(', ') : `${words.slice(0, 3).join(', ')} and ${words.length - 3} more`;
}
