"""Slack actions: an organisation's Slack app, the Slack users its members confirmed, and the
buttons of escalation messages (Claim, Open) acted on through the same services as the API."""

from app.services.slack.integrations import (
    SlackNotConfigured,
    SlackTeamTaken,
    configure,
    get,
    remove,
)
from app.services.slack.interactions import handle
from app.services.slack.links import confirm_link, describe_link
from app.services.slack.signing import SlackRequestReplayed, SlackSignatureInvalid

__all__ = [
    "SlackNotConfigured",
    "SlackRequestReplayed",
    "SlackSignatureInvalid",
    "SlackTeamTaken",
    "configure",
    "confirm_link",
    "describe_link",
    "get",
    "handle",
    "remove",
]
