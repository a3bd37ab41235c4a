/** Notification words shared by the bell and the notifications page. */
import type { Notification } from '../api/types';

/** How the caller was chosen to hear of it (`rule`), in words. */
const RULE_WORDS: Record<string, string> = {
  category: 'You are a recipient of this category in the escalation policy.',
  default: 'You are a default recipient in the escalation policy.',
  fallback: 'Nobody else was set to hear of it, so the organisation’s admins and owners were told (the fallback).',
  inbox_owner: 'You own the inbox.',
  sla_level: 'Your role is notified at this SLA level.',
  escalator: 'You escalated it.',
  claimant: 'You had claimed it.',
  subscription: 'A webhook subscription.',
  mention: 'You were mentioned in an internal note.',
  follower: 'You follow this escalation.',
};

/** Short form for lists: "Why: you own the inbox". */
const RULE_SHORT: Record<string, string> = {
  category: 'Category recipient',
  default: 'Default recipient',
  fallback: 'Fallback (admins and owners)',
  inbox_owner: 'Inbox owner',
  sla_level: 'SLA level',
  escalator: 'You escalated it',
  claimant: 'You had claimed it',
  mention: 'Mentioned',
  follower: 'You follow it',
};

export function ruleWords(rule: string): string {
  return RULE_WORDS[rule] ?? `Rule: ${rule.replace(/_/g, ' ')}.`;
}

export function ruleShort(rule: string): string {
  return RULE_SHORT[rule] ?? rule.replace(/_/g, ' ');
}

/** The in-app link to the escalation a notification is about. */
export function notificationLink(orgId: string, notification: Notification): string | null {
  return notification.escalation_id ? `/orgs/${orgId}/escalations/${notification.escalation_id}` : null;
}

/**
 * The body without the lines the screen shows otherwise: the "Open: https://…" link (the title links
 * to the escalation here).
 */
export function bodyLines(body: string): string[] {
  return body
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line && !/^Open: /.test(line));
}

export function unreadLabel(count: number): string {
  return count === 0 ? 'no unread' : `${count > 99 ? '99+' : count} unread`;
}
