/** Escalation words shared by the screens: priorities, categories, statuses and audit events. */
import type { EscalationEvent, EscalationStatus, Priority } from '../api/types';
import { Badge } from './Badge';
import { formatDateTime } from './time';

export const PRIORITY_LABELS: Record<Priority, string> = {
  normal: 'Normal',
  high: 'High',
  urgent: 'Urgent',
  critical: 'Critical',
};

const PRIORITY_TONES = { normal: 'neutral', high: 'info', urgent: 'warn', critical: 'danger' } as const;

export const CATEGORY_LABELS: Record<string, string> = {
  service: 'Service',
  accounting: 'Accounting',
  other: 'Other',
};

export const STATUS_LABELS: Record<EscalationStatus, string> = {
  open: 'Unclaimed',
  claimed: 'Claimed',
  resolved: 'Resolved',
  de_escalated: 'De-escalated',
};

export function priorityLabel(priority: string): string {
  return PRIORITY_LABELS[priority as Priority] ?? humanise(priority);
}

export function categoryLabel(category: string): string {
  return CATEGORY_LABELS[category] ?? humanise(category);
}

export function PriorityBadge({ priority }: { priority: string }) {
  const tone = PRIORITY_TONES[priority as Priority] ?? 'neutral';
  return (
    <Badge tone={tone}>
      <span className="visually-hidden">Priority: </span>
      {priorityLabel(priority)}
    </Badge>
  );
}

export function StatusBadge({ status }: { status: EscalationStatus }) {
  const tone = status === 'claimed' ? 'info' : status === 'open' ? 'warn' : status === 'resolved' ? 'ok' : 'neutral';
  return <Badge tone={tone}>{STATUS_LABELS[status] ?? humanise(status)}</Badge>;
}

/** "owner_removed" → "Owner removed". */
export function humanise(key: string): string {
  const words = key.replace(/[_.-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Names for the ids an event mentions. Unknown ids read as "a member" / "an inbox" / "a campaign". */
export interface EventLookups {
  person: (userId: string | null | undefined) => string;
  inbox: (inboxId: string | null | undefined) => string;
  campaign: (campaignId: string | null | undefined) => string;
}

const TARGET_WORDS: Record<string, string> = {
  first_response: 'first response',
  resolution: 'resolution',
};

const AUDIENCE_WORDS: Record<string, string> = {
  inbox_owners: 'the inbox owners',
  supervisors: 'supervisors',
  admins: 'admins',
  owners: 'owners',
};

const RELEASE_REASONS: Record<string, string> = {
  released: '',
  owner_removed: ' (they are no longer an owner of the inbox)',
  member_removed: ' (they left the organisation)',
  inbox_deleted: ' (the inbox was deleted)',
};

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

function when(value: unknown): string {
  const iso = str(value);
  return iso ? formatDateTime(iso) : 'an unknown time';
}

function list(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/**
 * One event of the audit trail in words: a headline ("Moved from Billing to Service desk") and,
 * where the event carries one, a note (the hand-off is shown separately by the caller).
 */
export function describeEvent(event: EscalationEvent, names: EventLookups): { text: string; note?: string } {
  const data = event.data ?? {};
  const note = str(data.note);
  const target = TARGET_WORDS[String(data.target)] ?? humanise(String(data.target ?? 'deadline'));
  switch (event.type) {
    case 'escalation.created': {
      const rule = data.rule as { after_minutes?: number } | undefined;
      const how = data.automatic || rule ? ' automatically by the campaign’s rule' : '';
      const parts = [
        data.priority ? `${priorityLabel(String(data.priority)).toLowerCase()} priority` : null,
        data.category ? categoryLabel(String(data.category)).toLowerCase() : null,
      ].filter(Boolean);
      return {
        text: `Escalated${how} to ${names.inbox(str(data.inbox_id))} from ${names.campaign(str(data.campaign_id))}${parts.length ? ` (${parts.join(', ')})` : ''}`,
      };
    }
    case 'escalation.claimed':
      return { text: `Claimed by ${names.person(str(data.claimed_by))} until ${when(data.expires_at)}` };
    case 'claim.auto_assigned': {
      const reason = (data.reason ?? {}) as { open_claims?: number; capacity?: number };
      const why =
        reason.open_claims !== undefined
          ? ` (fewest open claims: ${reason.open_claims}${reason.capacity ? ` of ${reason.capacity}` : ''})`
          : '';
      return {
        text: `Assigned automatically to ${names.person(str(data.claimed_by))}${why} until ${when(data.expires_at)}`,
      };
    }
    case 'escalation.nobody_on_shift':
      return {
        text: `Nobody on shift in ${names.inbox(str(data.inbox_id))} with ${String(data.waiting ?? 'some')} waiting: the next tier was told`,
      };
    case 'escalation.released': {
      const reason = str(data.reason) ?? 'released';
      return {
        text: `Claim by ${names.person(str(data.claimed_by))} given back${RELEASE_REASONS[reason] ?? ` (${humanise(reason).toLowerCase()})`}`,
      };
    }
    case 'escalation.claim_expired':
      return { text: `Claim by ${names.person(str(data.claimed_by))} expired at ${when(data.expired_at)}` };
    case 'escalation.claim_returned_no_reply': {
      const n = data.reply_within_minutes;
      const minutes = typeof n === 'number' ? ` within ${n} business minute${n === 1 ? '' : 's'}` : '';
      return {
        text: `Returned to the inbox: ${names.person(str(data.claimed_by))} sent no reply${minutes} (due ${when(data.due_at)})`,
      };
    }
    case 'escalation.moved':
      return {
        text: `Moved from ${names.inbox(str(data.from_inbox_id))} to ${names.inbox(str(data.to_inbox_id))}${
          str(data.former_claimant) ? `, taking it from ${names.person(str(data.former_claimant))}` : ''
        }`,
        note,
      };
    case 'escalation.de_escalated':
      return { text: `De-escalated back to ${names.campaign(str(data.campaign_id))}`, note };
    case 'escalation.resolved':
      return { text: 'Resolved', note };
    case 'escalation.priority_changed':
      return {
        text: `Priority changed from ${priorityLabel(String(data.from)).toLowerCase()} to ${priorityLabel(String(data.to)).toLowerCase()}${
          data.reason === 'sla_breach' ? ' after an SLA breach' : ''
        }`,
      };
    case 'escalation.category_changed':
      return { text: `Category changed from ${categoryLabel(String(data.from))} to ${categoryLabel(String(data.to))}` };
    case 'escalation.first_response':
      return {
        text:
          data.met === false
            ? `First response sent, after its due time (${when(data.due_at)})`
            : data.due_at
              ? `First response sent in time (due ${when(data.due_at)})`
              : 'First response sent',
      };
    case 'escalation.sla_warning':
      return {
        text: `SLA warning: ${target} due in ${data.minutes_before ?? '?'} business minutes (at ${when(data.due_at)})`,
      };
    case 'escalation.sla_breached':
      return { text: `SLA breached: ${target} was due at ${when(data.due_at)}` };
    case 'escalation.breach_acknowledged':
      return { text: `Acknowledged the SLA breach (${target}): in hand` };
    case 'escalation.level_raised': {
      const notify = Array.isArray(data.notify) ? data.notify.map((a) => AUDIENCE_WORDS[String(a)] ?? String(a)) : [];
      return {
        text: `Raised from level ${data.from ?? '?'} to level ${data.to ?? '?'}${notify.length ? `; ${list(notify)} notified` : ''}`,
      };
    }
    case 'escalation.sla_paused':
      return { text: 'SLA clock paused while waiting for the contact' };
    case 'escalation.sla_resumed':
      return {
        text: `SLA clock resumed after ${
          typeof data.waited_business_minutes === 'number' ? Math.round(data.waited_business_minutes) : '?'
        } business minutes waiting for the contact; resolution now due ${when(data.resolution_due_at)}`,
      };
    case 'escalation.note_added':
      return { text: 'Added an internal note' };
    case 'escalation.note_edited':
      return { text: 'Edited an internal note' };
    case 'escalation.note_deleted':
      return { text: 'Deleted an internal note' };
    case 'escalation.sla_recomputed':
      return { text: `Deadlines recomputed (${humanise(String(data.reason ?? 'changed')).toLowerCase()})` };
    default:
      return { text: humanise(event.type.replace(/^escalation\./, '')), note };
  }
}
