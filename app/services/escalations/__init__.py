"""Escalations: hand-offs into inboxes, timed claims, moves, closing, and reading them."""

from app.services.escalation_policy import UnknownCategory
from app.services.escalations._common import (
    AlreadyEscalated,
    EscalationNotFound,
    InvalidTransition,
    NotClaimedByYou,
    SameInbox,
    get_visible,
)
from app.services.escalations.acknowledge import (
    BreachAlreadyAcknowledged,
    NoBreachToAcknowledge,
    acknowledge_breach,
)
from app.services.escalations.claim_one import AlreadyClaimed, claim_one
from app.services.escalations.claims import ClaimBatch, claim, expire_lapsed
from app.services.escalations.lifecycle import (
    change,
    de_escalate,
    de_escalate_inbox,
    escalate,
    move,
    open_escalation,
    release,
    release_claims_of,
    resolve,
)
from app.services.escalations.owner_view import CampaignGroup, OwnerInbox, owner_view
from app.services.escalations.reply_window import return_unanswered
from app.services.escalations.views import list_events, list_for_inbox

__all__ = [
    "AlreadyClaimed",
    "AlreadyEscalated",
    "BreachAlreadyAcknowledged",
    "CampaignGroup",
    "ClaimBatch",
    "EscalationNotFound",
    "InvalidTransition",
    "NoBreachToAcknowledge",
    "NotClaimedByYou",
    "OwnerInbox",
    "SameInbox",
    "UnknownCategory",
    "acknowledge_breach",
    "change",
    "claim",
    "claim_one",
    "de_escalate",
    "de_escalate_inbox",
    "escalate",
    "expire_lapsed",
    "get_visible",
    "list_events",
    "list_for_inbox",
    "move",
    "open_escalation",
    "owner_view",
    "release",
    "release_claims_of",
    "resolve",
    "return_unanswered",
]
