"""Contains all the data models used in inputs/outputs"""

from .add_tag import AddTag
from .all_of import AllOf
from .any_of import AnyOf
from .api_key_create import ApiKeyCreate
from .api_key_created import ApiKeyCreated
from .api_key_read import ApiKeyRead
from .approval_read import ApprovalRead
from .approval_read_handoff import ApprovalReadHandoff
from .approval_status import ApprovalStatus
from .approve_request import ApproveRequest
from .assignment_mode import AssignmentMode
from .attainment import Attainment
from .availability import Availability
from .availability_read import AvailabilityRead
from .availability_update import AvailabilityUpdate
from .backup_codes_read import BackupCodesRead
from .bearer_response import BearerResponse
from .body_auth_auth_cookie_login import BodyAuthAuthCookieLogin
from .body_auth_auth_jwt_login import BodyAuthAuthJwtLogin
from .breach_read import BreachRead
from .breach_target import BreachTarget
from .bucket import Bucket
from .business_hours import BusinessHours
from .business_minutes_read import BusinessMinutesRead
from .calendar_create import CalendarCreate
from .calendar_read import CalendarRead
from .calendar_update import CalendarUpdate
from .campaign_create import CampaignCreate
from .campaign_group import CampaignGroup
from .campaign_in import CampaignIn
from .campaign_read import CampaignRead
from .campaign_ref import CampaignRef
from .campaign_update import CampaignUpdate
from .category import Category
from .category_in import CategoryIn
from .channel import Channel
from .channel_in import ChannelIn
from .claim_batch import ClaimBatch
from .claim_request import ClaimRequest
from .contact_attribute import ContactAttribute
from .contact_attribute_op import ContactAttributeOp
from .contact_attributes_update import ContactAttributesUpdate
from .contact_attributes_update_attributes import ContactAttributesUpdateAttributes
from .contact_in import ContactIn
from .contact_in_attributes import ContactInAttributes
from .contact_read import ContactRead
from .contact_read_attributes import ContactReadAttributes
from .conversation_brief import ConversationBrief
from .conversation_counts import ConversationCounts
from .conversation_create import ConversationCreate
from .conversation_read import ConversationRead
from .daily_flow import DailyFlow
from .deadline_read import DeadlineRead
from .delivery_read import DeliveryRead
from .delivery_read_status import DeliveryReadStatus
from .direction import Direction
from .email_action_read import EmailActionRead
from .email_action_read_state import EmailActionReadState
from .email_action_result import EmailActionResult
from .email_recipient import EmailRecipient
from .ended_sessions import EndedSessions
from .error_model import ErrorModel
from .error_model_detail_type_1 import ErrorModelDetailType1
from .escalate import Escalate
from .escalation_create import EscalationCreate
from .escalation_policy_body import EscalationPolicyBody
from .escalation_read import EscalationRead
from .escalation_read_priority_source_type_0 import EscalationReadPrioritySourceType0
from .escalation_result import EscalationResult
from .escalation_stats import EscalationStats
from .escalation_status import EscalationStatus
from .escalation_summary import EscalationSummary
from .escalation_update import EscalationUpdate
from .event_read import EventRead
from .event_read_data import EventReadData
from .first_message import FirstMessage
from .follow_source import FollowSource
from .follower_list import FollowerList
from .follower_read import FollowerRead
from .format_ import Format
from .group_by import GroupBy
from .handoff import Handoff
from .handoff_prefill import HandoffPrefill
from .handoff_suggestion import HandoffSuggestion
from .handoff_suggestion_list import HandoffSuggestionList
from .handoff_template_create import HandoffTemplateCreate
from .handoff_template_list import HandoffTemplateList
from .handoff_template_read import HandoffTemplateRead
from .handoff_template_update import HandoffTemplateUpdate
from .holiday import Holiday
from .http_validation_error import HTTPValidationError
from .identity_provider_read import IdentityProviderRead
from .identity_provider_write import IdentityProviderWrite
from .inbound_conversation_result import InboundConversationResult
from .inbound_conversation_upsert import InboundConversationUpsert
from .inbound_message import InboundMessage
from .inbox_counts import InboxCounts
from .inbox_create import InboxCreate
from .inbox_read import InboxRead
from .inbox_ref import InboxRef
from .inbox_update import InboxUpdate
from .interval import Interval
from .keywords import Keywords
from .level import Level
from .level_compare import LevelCompare
from .level_compare_op import LevelCompareOp
from .level_notify_item import LevelNotifyItem
from .live_event import LiveEvent
from .live_event_data import LiveEventData
from .liveness import Liveness
from .member_create import MemberCreate
from .member_read import MemberRead
from .member_recipient import MemberRecipient
from .member_update import MemberUpdate
from .message_create import MessageCreate
from .message_read import MessageRead
from .move_request import MoveRequest
from .move_to_inbox import MoveToInbox
from .not_of import NotOf
from .note_create import NoteCreate
from .note_in import NoteIn
from .note_read import NoteRead
from .note_update import NoteUpdate
from .notification_delivery_page import NotificationDeliveryPage
from .notification_delivery_read import NotificationDeliveryRead
from .notification_delivery_read_channel import NotificationDeliveryReadChannel
from .notification_delivery_read_status import NotificationDeliveryReadStatus
from .notification_feed import NotificationFeed
from .notification_read import NotificationRead
from .notifications_list_notification_deliveries_channel_type_0 import (
    NotificationsListNotificationDeliveriesChannelType0,
)
from .notifications_list_notification_deliveries_status_type_0 import NotificationsListNotificationDeliveriesStatusType0
from .notify import Notify
from .notify_member import NotifyMember
from .notify_role import NotifyRole
from .notify_slack import NotifySlack
from .open_count import OpenCount
from .organisation_create import OrganisationCreate
from .organisation_read import OrganisationRead
from .organisation_update import OrganisationUpdate
from .owner_inbox import OwnerInbox
from .owner_view import OwnerView
from .page_api_key_read import PageApiKeyRead
from .page_approval_read import PageApprovalRead
from .page_breach_read import PageBreachRead
from .page_calendar_read import PageCalendarRead
from .page_campaign_read import PageCampaignRead
from .page_conversation_read import PageConversationRead
from .page_delivery_read import PageDeliveryRead
from .page_escalation_read import PageEscalationRead
from .page_event_read import PageEventRead
from .page_inbox_read import PageInboxRead
from .page_member_read import PageMemberRead
from .page_message_read import PageMessageRead
from .page_note_read import PageNoteRead
from .page_organisation_read import PageOrganisationRead
from .page_rule_read import PageRuleRead
from .page_rule_run_read import PageRuleRunRead
from .page_security_event_read import PageSecurityEventRead
from .page_sla_policy_read import PageSlaPolicyRead
from .page_webhook_read import PageWebhookRead
from .password_and_code import PasswordAndCode
from .pattern import Pattern
from .pending_approval import PendingApproval
from .preferences import Preferences
from .preferences_muted_channels_item import PreferencesMutedChannelsItem
from .preferences_update import PreferencesUpdate
from .preferences_update_muted_channels_item import PreferencesUpdateMutedChannelsItem
from .presence_changed import PresenceChanged
from .presence_list import PresenceList
from .presence_read import PresenceRead
from .presence_state import PresenceState
from .presence_update import PresenceUpdate
from .priority import Priority
from .priority_compare import PriorityCompare
from .priority_compare_op import PriorityCompareOp
from .problem import Problem
from .read_all_result import ReadAllResult
from .readiness import Readiness
from .reject_request import RejectRequest
from .report_bucket import ReportBucket
from .report_figures import ReportFigures
from .report_group import ReportGroup
from .require_approval import RequireApproval
from .role import Role
from .rule_create import RuleCreate
from .rule_order import RuleOrder
from .rule_read import RuleRead
from .rule_read_actions_item import RuleReadActionsItem
from .rule_read_conditions import RuleReadConditions
from .rule_run_read import RuleRunRead
from .rule_run_read_actions_item import RuleRunReadActionsItem
from .rule_test_match import RuleTestMatch
from .rule_test_match_actions_item import RuleTestMatchActionsItem
from .rule_test_request import RuleTestRequest
from .rule_test_result import RuleTestResult
from .rule_update import RuleUpdate
from .sample_contact import SampleContact
from .sample_contact_attributes import SampleContactAttributes
from .scope import Scope
from .security_event_kind import SecurityEventKind
from .security_event_read import SecurityEventRead
from .security_event_read_detail import SecurityEventReadDetail
from .session_read import SessionRead
from .session_transport import SessionTransport
from .set_category import SetCategory
from .set_priority import SetPriority
from .sla_policy_create import SlaPolicyCreate
from .sla_policy_create_targets import SlaPolicyCreateTargets
from .sla_policy_read import SlaPolicyRead
from .sla_policy_read_targets import SlaPolicyReadTargets
from .sla_policy_update import SlaPolicyUpdate
from .sla_policy_update_targets_type_0 import SlaPolicyUpdateTargetsType0
from .sla_report import SlaReport
from .slack_integration_read import SlackIntegrationRead
from .slack_integration_set import SlackIntegrationSet
from .slack_link_read import SlackLinkRead
from .slack_link_read_state import SlackLinkReadState
from .slack_receive_slack_interaction_body import SlackReceiveSlackInteractionBody
from .slack_recipient import SlackRecipient
from .sso_discovery import SsoDiscovery
from .sso_provider_link import SsoProviderLink
from .stop_processing import StopProcessing
from .stream_closed import StreamClosed
from .stream_closed_reason import StreamClosedReason
from .stream_ready import StreamReady
from .stream_token import StreamToken
from .target import Target
from .trigger import Trigger
from .two_factor_confirm import TwoFactorConfirm
from .two_factor_enrolment_read import TwoFactorEnrolmentRead
from .two_factor_read import TwoFactorRead
from .two_factor_sign_in import TwoFactorSignIn
from .user_create import UserCreate
from .user_read import UserRead
from .user_update import UserUpdate
from .validation_error import ValidationError
from .validation_error_context import ValidationErrorContext
from .validation_issue import ValidationIssue
from .validation_problem import ValidationProblem
from .webhook_create import WebhookCreate
from .webhook_read import WebhookRead
from .webhook_recipient import WebhookRecipient
from .webhook_secret import WebhookSecret
from .webhook_secret_rotation import WebhookSecretRotation
from .webhook_update import WebhookUpdate
from .webhook_with_secret import WebhookWithSecret
from .webhooks_list_webhook_deliveries_status_type_0 import WebhooksListWebhookDeliveriesStatusType0
from .worker_read import WorkerRead

__all__ = (
    "AddTag",
    "AllOf",
    "AnyOf",
    "ApiKeyCreate",
    "ApiKeyCreated",
    "ApiKeyRead",
    "ApprovalRead",
    "ApprovalReadHandoff",
    "ApprovalStatus",
    "ApproveRequest",
    "AssignmentMode",
    "Attainment",
    "Availability",
    "AvailabilityRead",
    "AvailabilityUpdate",
    "BackupCodesRead",
    "BearerResponse",
    "BodyAuthAuthCookieLogin",
    "BodyAuthAuthJwtLogin",
    "BreachRead",
    "BreachTarget",
    "Bucket",
    "BusinessHours",
    "BusinessMinutesRead",
    "CalendarCreate",
    "CalendarRead",
    "CalendarUpdate",
    "CampaignCreate",
    "CampaignGroup",
    "CampaignIn",
    "CampaignRead",
    "CampaignRef",
    "CampaignUpdate",
    "Category",
    "CategoryIn",
    "Channel",
    "ChannelIn",
    "ClaimBatch",
    "ClaimRequest",
    "ContactAttribute",
    "ContactAttributeOp",
    "ContactAttributesUpdate",
    "ContactAttributesUpdateAttributes",
    "ContactIn",
    "ContactInAttributes",
    "ContactRead",
    "ContactReadAttributes",
    "ConversationBrief",
    "ConversationCounts",
    "ConversationCreate",
    "ConversationRead",
    "DailyFlow",
    "DeadlineRead",
    "DeliveryRead",
    "DeliveryReadStatus",
    "Direction",
    "EmailActionRead",
    "EmailActionReadState",
    "EmailActionResult",
    "EmailRecipient",
    "EndedSessions",
    "ErrorModel",
    "ErrorModelDetailType1",
    "Escalate",
    "EscalationCreate",
    "EscalationPolicyBody",
    "EscalationRead",
    "EscalationReadPrioritySourceType0",
    "EscalationResult",
    "EscalationStats",
    "EscalationStatus",
    "EscalationSummary",
    "EscalationUpdate",
    "EventRead",
    "EventReadData",
    "FirstMessage",
    "FollowerList",
    "FollowerRead",
    "FollowSource",
    "Format",
    "GroupBy",
    "Handoff",
    "HandoffPrefill",
    "HandoffSuggestion",
    "HandoffSuggestionList",
    "HandoffTemplateCreate",
    "HandoffTemplateList",
    "HandoffTemplateRead",
    "HandoffTemplateUpdate",
    "Holiday",
    "HTTPValidationError",
    "IdentityProviderRead",
    "IdentityProviderWrite",
    "InboundConversationResult",
    "InboundConversationUpsert",
    "InboundMessage",
    "InboxCounts",
    "InboxCreate",
    "InboxRead",
    "InboxRef",
    "InboxUpdate",
    "Interval",
    "Keywords",
    "Level",
    "LevelCompare",
    "LevelCompareOp",
    "LevelNotifyItem",
    "LiveEvent",
    "LiveEventData",
    "Liveness",
    "MemberCreate",
    "MemberRead",
    "MemberRecipient",
    "MemberUpdate",
    "MessageCreate",
    "MessageRead",
    "MoveRequest",
    "MoveToInbox",
    "NoteCreate",
    "NoteIn",
    "NoteRead",
    "NoteUpdate",
    "NotificationDeliveryPage",
    "NotificationDeliveryRead",
    "NotificationDeliveryReadChannel",
    "NotificationDeliveryReadStatus",
    "NotificationFeed",
    "NotificationRead",
    "NotificationsListNotificationDeliveriesChannelType0",
    "NotificationsListNotificationDeliveriesStatusType0",
    "Notify",
    "NotifyMember",
    "NotifyRole",
    "NotifySlack",
    "NotOf",
    "OpenCount",
    "OrganisationCreate",
    "OrganisationRead",
    "OrganisationUpdate",
    "OwnerInbox",
    "OwnerView",
    "PageApiKeyRead",
    "PageApprovalRead",
    "PageBreachRead",
    "PageCalendarRead",
    "PageCampaignRead",
    "PageConversationRead",
    "PageDeliveryRead",
    "PageEscalationRead",
    "PageEventRead",
    "PageInboxRead",
    "PageMemberRead",
    "PageMessageRead",
    "PageNoteRead",
    "PageOrganisationRead",
    "PageRuleRead",
    "PageRuleRunRead",
    "PageSecurityEventRead",
    "PageSlaPolicyRead",
    "PageWebhookRead",
    "PasswordAndCode",
    "Pattern",
    "PendingApproval",
    "Preferences",
    "PreferencesMutedChannelsItem",
    "PreferencesUpdate",
    "PreferencesUpdateMutedChannelsItem",
    "PresenceChanged",
    "PresenceList",
    "PresenceRead",
    "PresenceState",
    "PresenceUpdate",
    "Priority",
    "PriorityCompare",
    "PriorityCompareOp",
    "Problem",
    "ReadAllResult",
    "Readiness",
    "RejectRequest",
    "ReportBucket",
    "ReportFigures",
    "ReportGroup",
    "RequireApproval",
    "Role",
    "RuleCreate",
    "RuleOrder",
    "RuleRead",
    "RuleReadActionsItem",
    "RuleReadConditions",
    "RuleRunRead",
    "RuleRunReadActionsItem",
    "RuleTestMatch",
    "RuleTestMatchActionsItem",
    "RuleTestRequest",
    "RuleTestResult",
    "RuleUpdate",
    "SampleContact",
    "SampleContactAttributes",
    "Scope",
    "SecurityEventKind",
    "SecurityEventRead",
    "SecurityEventReadDetail",
    "SessionRead",
    "SessionTransport",
    "SetCategory",
    "SetPriority",
    "SlackIntegrationRead",
    "SlackIntegrationSet",
    "SlackLinkRead",
    "SlackLinkReadState",
    "SlackReceiveSlackInteractionBody",
    "SlackRecipient",
    "SlaPolicyCreate",
    "SlaPolicyCreateTargets",
    "SlaPolicyRead",
    "SlaPolicyReadTargets",
    "SlaPolicyUpdate",
    "SlaPolicyUpdateTargetsType0",
    "SlaReport",
    "SsoDiscovery",
    "SsoProviderLink",
    "StopProcessing",
    "StreamClosed",
    "StreamClosedReason",
    "StreamReady",
    "StreamToken",
    "Target",
    "Trigger",
    "TwoFactorConfirm",
    "TwoFactorEnrolmentRead",
    "TwoFactorRead",
    "TwoFactorSignIn",
    "UserCreate",
    "UserRead",
    "UserUpdate",
    "ValidationError",
    "ValidationErrorContext",
    "ValidationIssue",
    "ValidationProblem",
    "WebhookCreate",
    "WebhookRead",
    "WebhookRecipient",
    "WebhookSecret",
    "WebhookSecretRotation",
    "WebhooksListWebhookDeliveriesStatusType0",
    "WebhookUpdate",
    "WebhookWithSecret",
    "WorkerRead",
)
