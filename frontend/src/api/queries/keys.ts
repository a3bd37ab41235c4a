/** Query keys in one place, so that mutations invalidate exactly what they change. */

export interface ConversationFilters {
  campaignId?: string;
  needsResponse?: boolean;
  /** Only conversations escalated into this inbox (open or claimed). */
  inboxId?: string;
  /** Only those (not) escalated now. */
  escalated?: boolean;
}

export const keys = {
  me: ['me'] as const,
  /** `/readyz`: the worker's lag and SLA backlog, for the monitoring notice. */
  readiness: ['readiness'] as const,
  orgs: ['orgs'] as const,
  org: (orgId: string) => ['org', orgId] as const,
  queue: (orgId: string) => ['org', orgId, 'queue'] as const,
  conversations: (orgId: string) => ['org', orgId, 'conversations'] as const,
  conversationList: (orgId: string, filters: ConversationFilters) =>
    ['org', orgId, 'conversations', 'list', filters] as const,
  conversationCounts: (orgId: string, filters: ConversationFilters) =>
    ['org', orgId, 'conversations', 'counts', filters] as const,
  conversation: (orgId: string, id: string) => ['org', orgId, 'conversations', 'detail', id] as const,
  messages: (orgId: string, id: string) => ['org', orgId, 'conversations', 'messages', id] as const,
  members: (orgId: string) => ['org', orgId, 'members'] as const,
  campaigns: (orgId: string) => ['org', orgId, 'campaigns'] as const,
  campaign: (orgId: string, id: string) => ['org', orgId, 'campaigns', id] as const,
  inboxes: (orgId: string) => ['org', orgId, 'inboxes'] as const,
  /** My status, hours and urgent priorities (the header's switcher). */
  availability: (orgId: string) => ['org', orgId, 'availability'] as const,
  /** Everything escalation-shaped: the owner view, single escalations and their events. */
  escalations: (orgId: string) => ['org', orgId, 'escalations'] as const,
  ownerView: (orgId: string) => ['org', orgId, 'escalations', 'mine'] as const,
  escalation: (orgId: string, id: string) => ['org', orgId, 'escalations', 'detail', id] as const,
  escalationEvents: (orgId: string, id: string) => ['org', orgId, 'escalations', 'events', id] as const,
  /** Who follows one escalation (under `escalations`: every escalation event refreshes it). */
  followers: (orgId: string, id: string) => ['org', orgId, 'escalations', 'followers', id] as const,
  /** Who has one escalation open (not under `escalations`: the stream's `presence` messages set it). */
  presence: (orgId: string, id: string) => ['org', orgId, 'presence', id] as const,
  presenceAll: (orgId: string) => ['org', orgId, 'presence'] as const,
  calendars: (orgId: string) => ['org', orgId, 'calendars'] as const,
  slaPolicies: (orgId: string) => ['org', orgId, 'sla-policies'] as const,
  stats: (orgId: string, days: number) => ['org', orgId, 'stats', 'escalations', days] as const,
  /** Reports (issue 25): the SLA report and the breach list, by period and filters. */
  reports: (orgId: string) => ['org', orgId, 'reports'] as const,
  slaReport: (orgId: string, params: Record<string, string | undefined>) => ['org', orgId, 'reports', 'sla', params] as const,
  breaches: (orgId: string, params: Record<string, string | undefined>) =>
    ['org', orgId, 'reports', 'breaches', params] as const,
  /** The caller's in-app notifications: the bell and the page's lists (by filter). */
  notifications: (orgId: string) => ['org', orgId, 'notifications'] as const,
  notificationBell: (orgId: string) => ['org', orgId, 'notifications', 'bell'] as const,
  notificationList: (orgId: string, unreadOnly: boolean) =>
    ['org', orgId, 'notifications', 'list', { unreadOnly }] as const,
  notificationPreferences: (orgId: string) => ['org', orgId, 'notification-preferences'] as const,
  escalationPolicy: (orgId: string) => ['org', orgId, 'escalation-policy'] as const,
  webhooks: (orgId: string) => ['org', orgId, 'webhooks'] as const,
  webhookDeliveries: (orgId: string, webhookId: string, status: string) =>
    ['org', orgId, 'webhooks', 'deliveries', webhookId, status] as const,
  /** Every email, Slack and webhook delivery (Admin → Deliveries), and the dead count of its tab. */
  notificationDeliveries: (orgId: string) => ['org', orgId, 'notification-deliveries'] as const,
  notificationDeliveryList: (orgId: string, filters: { channel?: string; status?: string }) =>
    ['org', orgId, 'notification-deliveries', 'list', filters] as const,
  deadDeliveries: (orgId: string) => ['org', orgId, 'notification-deliveries', 'dead-count'] as const,
  rules: (orgId: string) => ['org', orgId, 'rules'] as const,
  approvals: (orgId: string) => ['org', orgId, 'approvals'] as const,
};

/** How often lists that other people change are refreshed while on screen. */
export const LIVE_INTERVAL_MS = 5000;

export const PAGE_SIZE = 50;

interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export function nextCursor<T>(page: Page<T>): string | undefined {
  return page.next_cursor ?? undefined;
}

export function flatten<T>(data: { pages: Page<T>[] } | undefined): T[] {
  return data ? data.pages.flatMap((page) => page.items) : [];
}
