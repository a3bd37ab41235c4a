"""Which API-key scope each operation needs: declared here, in one table, for every operation.

`apply_scopes` copies the table into each route's OpenAPI document as `x-required-scope`, so
integrators (and the generated clients) see it, and the key matrix test reads it back from the
document: an operation missing from the table fails that test. `NO_KEYS` marks operations a key
can never call (a person's own account, creating organisations). At runtime `enforce_scope`
refuses a key whose scopes lack the route's (403 `missing-scope`), and any route without an entry
(default deny). People signed in with a JWT are not affected: their role decides, as before.
"""

import re
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.routing import APIRoute

from app.auth import current_active_user, request_api_key
from app.errors import Forbidden
from app.models.api_keys import Scope
from app.models.users import User


class MissingScope(Forbidden):
    code = "missing-scope"
    title = "The API key lacks the scope this needs"


SCOPE_EXTENSION = "x-required-scope"
NO_KEYS = "none"

_BY_SCOPE: dict[str, set[str]] = {
    Scope.read: {
        "users-users_current_user",
        "organisations-list_organisations",
        "organisations-list_members",
        "campaigns-list_campaigns",
        "campaigns-get_campaign",
        "conversations-list_conversations",
        "conversations-count_conversations",
        "conversations-get_conversation",
        "conversations-list_messages",
        "conversations-get_reply_queue",
        "inboxes-list_inboxes",
        "inboxes-get_inbox",
        "escalations-get_escalation",
        "escalations-list_escalation_events",
        "escalations-list_inbox_escalations",
        "escalations-get_owner_view",
        "handoff_templates-suggest_handoff_templates",
        "notes-list_notes",
        "followers-list_followers",
        "sla-list_calendars",
        "sla-get_calendar",
        "sla-get_deadline",
        "sla-get_business_minutes",
        "sla-list_sla_policies",
        "sla-get_sla_policy",
        "notifications-get_escalation_policy",
        "notifications-list_notifications",
        "notifications-get_notification_preferences",
        "stats-get_escalation_stats",
        "events-create_stream_token",
        "events-stream_events",
        "approvals-list_approvals",
        "approvals-get_approval",
    },
    Scope.conversations: {
        "conversations-create_conversation",
        "conversations-add_message",
        "conversations-upsert_inbound_conversation",
        "conversations-update_contact_attributes",
    },
    Scope.escalate: {
        "escalations-escalate_conversation",
        "escalations-update_escalation",
        "escalations-move_escalation",
        "escalations-de_escalate_escalation",
        # Notes: writing on the escalation, as changing it does (the key is their author).
        "notes-create_note",
        "notes-update_note",
        "notes-delete_note",
        "approvals-approve",
        "approvals-reject",
    },
    Scope.claim: {
        "inboxes-claim_batch",
        "escalations-release_escalation",
        "escalations-resolve_escalation",
    },
    Scope.admin: {
        "sso-get_identity_provider",
        "sso-put_identity_provider",
        "sso-delete_identity_provider",
        "organisations-update_organisation",
        "organisations-add_member",
        "organisations-change_member_role",
        "organisations-remove_member",
        "campaigns-create_campaign",
        "campaigns-update_campaign",
        "inboxes-create_inbox",
        "inboxes-update_inbox",
        "inboxes-delete_inbox",
        "sla-create_calendar",
        "sla-update_calendar",
        "sla-delete_calendar",
        "sla-create_sla_policy",
        "sla-update_sla_policy",
        "sla-delete_sla_policy",
        "notifications-replace_escalation_policy",
        "notifications-list_notification_deliveries",
        "notifications-redeliver_notification_delivery",
        "webhooks-create_webhook",
        "webhooks-list_webhooks",
        "webhooks-get_webhook",
        "webhooks-update_webhook",
        "webhooks-delete_webhook",
        "webhooks-rotate_webhook_secret",
        "webhooks-list_webhook_deliveries",
        "webhooks-redeliver_webhook_delivery",
        "slack-set_slack_integration",
        "slack-get_slack_integration",
        "slack-delete_slack_integration",
        "api_keys-create_api_key",
        "api_keys-list_api_keys",
        "api_keys-get_api_key",
        "api_keys-revoke_api_key",
        # Members' IP addresses and devices: for keys that may configure the organisation only.
        "security-list_security_events",
        "rules-create_rule",
        "rules-list_rules",
        "rules-reorder_rules",
        "rules-test_rules",
        "rules-list_rule_runs",
        "rules-get_rule",
        "rules-update_rule",
        "rules-delete_rule",
        "handoff_templates-create_handoff_template",
        "handoff_templates-list_handoff_templates",
        "handoff_templates-update_handoff_template",
        "handoff_templates-delete_handoff_template",
    },
    Scope.reports_read: {
        "reports-get_sla_report",
        "reports-list_breaches",
        "reports-export_escalations",
        "reports-export_breaches",
    },
    NO_KEYS: {
        "auth-auth_jwt_logout",
        # A person's devices: a key is no one's session.
        "sessions-list_sessions",
        "sessions-end_session",
        "sessions-end_other_sessions",
        "users-users_patch_current_user",
        "users-users_user",
        "users-users_patch_user",
        "users-users_delete_user",
        "organisations-create_organisation",
        # A person's own second factor: a key has none, and must never change one.
        "two_factor-get_two_factor",
        "two_factor-start_two_factor_enrolment",
        "two_factor-confirm_two_factor_enrolment",
        "two_factor-regenerate_backup_codes",
        "two_factor-disable_two_factor",
        "notifications-read_all_notifications",
        "notifications-read_notification",
        "notifications-set_notification_preferences",
        # A person's own status and hours: an integration is nobody's presence.
        "availability-get_availability",
        "availability-update_availability",
        "availability-heartbeat",
        # An emailed link is bound to the person it was sent to: a key is nobody's inbox.
        "email_actions-describe_email_action",
        "email_actions-perform_email_action",
        # Which Slack user is me: a key is nobody's Slack account.
        "slack-describe_slack_link",
        "slack-confirm_slack_link",
        # Following is a person hearing of something: a key hears nothing.
        "followers-follow_escalation",
        "followers-unfollow_escalation",
        # Presence is a person's screen: a key views nothing and writes no reply by hand.
        "presence-set_presence",
        "presence-list_presence",
        "presence-clear_presence",
    },
}
REQUIRED_SCOPE: dict[str, str] = {op: str(scope) for scope, ops in _BY_SCOPE.items() for op in ops}


def operation_id(route: APIRoute, tag: str | None = None) -> str:
    """`{tag}-{handler}`: the operation ids of the OpenAPI document (and the generated clients)."""
    first = str(route.tags[0]) if route.tags else tag or "default"
    return f"{first}-{re.sub(r'[^A-Za-z0-9]+', '_', route.name)}"


def apply_scopes(router: APIRouter, *, tag: str | None = None) -> None:
    """Write each route's required scope into its OpenAPI operation (`x-required-scope`).
    `tag`: the one the router is included with, when its routes carry none themselves."""
    for route in router.routes:
        if isinstance(route, APIRoute):
            scope = REQUIRED_SCOPE.get(operation_id(route, tag))
            if scope is not None:
                route.openapi_extra = {**(route.openapi_extra or {}), SCOPE_EXTENSION: scope}


def required_scope(request: Request) -> str | None:
    route = request.scope.get("route")
    extra = getattr(route, "openapi_extra", None) or {}
    scope = extra.get(SCOPE_EXTENSION)
    return None if scope is None else str(scope)


async def enforce_scope(
    request: Request, user: Annotated[User, Depends(current_active_user)]
) -> None:
    key = request_api_key(request)
    if key is None:
        return
    scope = required_scope(request)
    if scope is None or scope == NO_KEYS:
        raise MissingScope("API keys cannot call this operation.", required_scope=None)
    if scope not in key.scopes:
        raise MissingScope(f"This API key needs the `{scope}` scope.", required_scope=scope)
