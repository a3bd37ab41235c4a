"""All ORM models, imported so that `Base.metadata` knows every table (Alembic reads it)."""

from app.models.api_keys import ApiKey, Scope
from app.models.base import Base
from app.models.campaigns import Campaign
from app.models.conversations import Channel, Contact, Conversation, Direction, Message
from app.models.escalations import (
    Escalation,
    EscalationEvent,
    EscalationStatus,
    EventType,
    Priority,
)
from app.models.followers import EscalationFollower, FollowSource
from app.models.handoff_templates import HandoffTemplate
from app.models.heartbeats import WorkerHeartbeat
from app.models.idempotency import IdempotencyRecord
from app.models.inboxes import Inbox, InboxOwner
from app.models.notes import EscalationNote
from app.models.notifications import (
    DeliveryStatus,
    EscalationPolicy,
    Notification,
    NotificationPreference,
    WebhookEndpoint,
)
from app.models.organisations import Membership, Organisation, Role
from app.models.rules import Approval, ApprovalStatus, Rule, RuleRun, Trigger
from app.models.security import SecurityEvent, SecurityEventKind
from app.models.sessions import AuthSession, SessionEndReason, SessionTransport
from app.models.sla import Calendar, SlaPolicy
from app.models.slack import SlackIntegration, SlackUserLink
from app.models.sso import IdentityProvider
from app.models.two_factor import BackupCode, TwoFactor
from app.models.users import User

__all__ = [
    "ApiKey",
    "Approval",
    "ApprovalStatus",
    "AuthSession",
    "BackupCode",
    "Base",
    "Calendar",
    "Campaign",
    "Channel",
    "Contact",
    "Conversation",
    "DeliveryStatus",
    "Direction",
    "Escalation",
    "EscalationEvent",
    "EscalationFollower",
    "EscalationNote",
    "EscalationPolicy",
    "EscalationStatus",
    "EventType",
    "FollowSource",
    "HandoffTemplate",
    "IdempotencyRecord",
    "IdentityProvider",
    "Inbox",
    "InboxOwner",
    "Membership",
    "Message",
    "Notification",
    "NotificationPreference",
    "Organisation",
    "Priority",
    "Role",
    "Rule",
    "RuleRun",
    "Scope",
    "SecurityEvent",
    "SecurityEventKind",
    "SessionEndReason",
    "SessionTransport",
    "SlaPolicy",
    "SlackIntegration",
    "SlackUserLink",
    "Trigger",
    "TwoFactor",
    "User",
    "WebhookEndpoint",
    "WorkerHeartbeat",
]
