import type { components } from './schema';

type Schemas = components['schemas'];

export type User = Schemas['UserRead'];
export type Readiness = Schemas['Readiness'];
export type Organisation = Schemas['OrganisationRead'];
export type Role = Schemas['Role'];
export type Member = Schemas['MemberRead'];
export type Campaign = Schemas['CampaignRead'];
export type Conversation = Schemas['ConversationRead'];
export type Contact = Schemas['ContactRead'];
export type Message = Schemas['MessageRead'];
export type Presence = Schemas['PresenceRead'];
export type PresenceState = Schemas['PresenceState'];
export type PresenceChanged = Schemas['PresenceChanged'];
export type Channel = Schemas['Channel'];
export type ConversationCounts = Schemas['ConversationCounts'];

export const ROLES: Role[] = ['owner', 'admin', 'supervisor', 'agent'];

export type Priority = Schemas['Priority'];
export type Inbox = Schemas['InboxRead'];
export type InboxCounts = Schemas['InboxCounts'];
export type InboxCreate = Schemas['InboxCreate'];
export type InboxUpdate = Schemas['InboxUpdate'];
export type AssignmentMode = Schemas['AssignmentMode'];
export const ASSIGNMENT_MODES: AssignmentMode[] = ['pull', 'auto', 'auto+pull'];
export type Availability = Schemas['AvailabilityRead'];
export type AvailabilityStatus = Schemas['Availability'];
export const AVAILABILITY_STATUSES: AvailabilityStatus[] = ['online', 'busy', 'offline'];
export type Escalation = Schemas['EscalationRead'];
export type EscalationStatus = Schemas['EscalationStatus'];
export type EscalationCreate = Schemas['EscalationCreate'];
export type EscalationResult = Schemas['EscalationResult'];
export type Handoff = Schemas['Handoff'];
export type EscalationEvent = Schemas['EventRead'];
export type Note = Schemas['NoteRead'];
export type Follower = Schemas['FollowerRead'];
export type ClaimBatch = Schemas['ClaimBatch'];
export type OwnerView = Schemas['OwnerView'];
export type OwnerInbox = Schemas['OwnerInbox'];
export type CampaignGroup = Schemas['CampaignGroup'];
export type Calendar = Schemas['CalendarRead'];
export type CalendarCreate = Schemas['CalendarCreate'];
export type Interval = Schemas['Interval'];
export type Holiday = Schemas['Holiday'];
export type Deadline = Schemas['DeadlineRead'];
export type SlaPolicy = Schemas['SlaPolicyRead'];
export type SlaPolicyCreate = Schemas['SlaPolicyCreate'];
export type SlaTarget = Schemas['Target'];
export type SlaLevel = Schemas['Level'];
export type Audience = SlaLevel['notify'][number];

export const PRIORITIES: Priority[] = ['normal', 'high', 'urgent', 'critical'];
/** The categories every organisation has (API.md, "Escalation policy"). */
export const CATEGORIES = ['service', 'accounting', 'other'] as const;
export const AUDIENCES: Audience[] = ['inbox_owners', 'supervisors', 'admins', 'owners'];

export type EscalationStats = Schemas['EscalationStats'];
export type OpenCount = Schemas['OpenCount'];
export type DailyFlow = Schemas['DailyFlow'];
export type Attainment = Schemas['Attainment'];

export type SlaReport = Schemas['SlaReport'];
export type ReportGroup = Schemas['ReportGroup'];
export type ReportFigures = Schemas['ReportFigures'];
export type ReportBucket = Schemas['ReportBucket'];
export type ReportGroupBy = Schemas['GroupBy'];
export type ReportBucketSize = Schemas['Bucket'];
export type Breach = Schemas['BreachRead'];
export type BreachTarget = Schemas['BreachTarget'];
export type ExportFormat = Schemas['Format'];

export const REPORT_GROUP_BYS: ReportGroupBy[] = ['inbox', 'owner', 'priority', 'category', 'campaign'];
export const REPORT_BUCKETS: ReportBucketSize[] = ['day', 'week', 'month'];
export const BREACH_TARGETS: BreachTarget[] = ['first_response', 'resolution'];

export type Notification = Schemas['NotificationRead'];
export type NotificationFeed = Schemas['NotificationFeed'];
export type NotificationPreferences = Schemas['Preferences'];
export type MutableChannel = NonNullable<NotificationPreferences['muted_channels']>[number];

export type EscalationPolicy = Schemas['EscalationPolicyBody'];
export type PolicyCategory = Schemas['Category'];
export type Recipient = NonNullable<PolicyCategory['recipients']>[number];
export type RecipientType = Recipient['type'];

export type Webhook = Schemas['WebhookRead'];
export type WebhookWithSecret = Schemas['WebhookWithSecret'];
export type WebhookCreate = Schemas['WebhookCreate'];
export type WebhookUpdate = Schemas['WebhookUpdate'];
export type WebhookDelivery = Schemas['DeliveryRead'];
export type DeliveryStatus = WebhookDelivery['status'];

export const DELIVERY_STATUSES: DeliveryStatus[] = ['pending', 'succeeded', 'failed', 'dead'];

/** An email, Slack or webhook delivery of any notification (Admin → Deliveries). */
export type NotificationDelivery = Schemas['NotificationDeliveryRead'];
export type NotificationDeliveryPage = Schemas['NotificationDeliveryPage'];
export type NotificationDeliveryStatus = NotificationDelivery['status'];
export type DeliveryChannel = NotificationDelivery['channel'];

export const DELIVERY_CHANNELS: DeliveryChannel[] = ['email', 'slack', 'webhook'];
export const NOTIFICATION_DELIVERY_STATUSES: NotificationDeliveryStatus[] = [
  'pending',
  'succeeded',
  'failed',
  'dead',
  'digested',
  'deduplicated',
];

/**
 * Every event `type` (API.md, "Events", and app.models.escalations.EventType, which
 * tests/test_spa_event_types.py holds this list to): webhooks subscribe to some of them or to "*"
 * (all), and the live stream (api/live.ts) listens to each, since an EventSource hears only the
 * event names it subscribed to.
 */
export const EVENT_TYPES = [
  'escalation.created',
  'escalation.claimed',
  'escalation.released',
  'escalation.claim_expired',
  'escalation.claim_returned_no_reply',
  'escalation.moved',
  'escalation.de_escalated',
  'escalation.resolved',
  'escalation.priority_changed',
  'escalation.category_changed',
  'escalation.first_response',
  'escalation.sla_warning',
  'escalation.sla_breached',
  'escalation.level_raised',
  'escalation.sla_paused',
  'escalation.sla_resumed',
  'escalation.sla_recomputed',
  'escalation.breach_acknowledged',
  'claim.auto_assigned',
  'escalation.nobody_on_shift',
  'escalation.note_added',
  'escalation.note_edited',
  'escalation.note_deleted',
  'rule.applied',
  'rule.loop_cut_off',
  'rule.regex_timeout',
] as const;
export const ALL_EVENTS = '*';

export type Rule = Schemas['RuleRead'];
export type RuleCreate = Schemas['RuleCreate'];
export type RuleUpdate = Schemas['RuleUpdate'];
export type RuleTrigger = Schemas['Trigger'];
export type RuleTestRequest = Schemas['RuleTestRequest'];
export type RuleTestResult = Schemas['RuleTestResult'];
export type Approval = Schemas['ApprovalRead'];
