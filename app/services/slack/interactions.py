"""A button pressed on an escalation's Slack message (Slack's interactivity request).

The request names its workspace; that workspace's signing secret must have signed it (within five
minutes, never seen before). The Slack user must be linked to a member (else they get a one-time
link, ephemerally), and the action runs through the escalation services the API uses:
claim_one (only an owner of the inbox claims; a lost race says who won) or acknowledge_breach
(an owner or a supervisor and above, once per breach). Whatever the outcome, Slack hears it
through `response_url`, by the outbox.
"""

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import parse_qs

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import DomainError, RuleViolation
from app.models.organisations import Membership
from app.models.slack import SlackUserLink
from app.models.users import User
from app.services import escalations
from app.services.slack import integrations, links, replies, signing

ACTIONS = ("claim", "acknowledge", "open")


class SlackPayloadInvalid(RuleViolation):
    code = "slack-payload-invalid"
    title = "This is not a Slack interaction payload"


@dataclass(frozen=True)
class Interaction:
    team_id: str
    slack_user_id: str
    slack_user_name: str
    action_id: str
    value: str
    response_url: str
    message: dict[str, Any] | None


def parse(body: bytes) -> Interaction:
    """Read only to find the workspace whose secret must have signed it; trusted after verify."""
    try:
        form = parse_qs(body.decode(), strict_parsing=True, max_num_fields=10)
        payload = json.loads(form["payload"][0])
        action = payload["actions"][0]
        user = payload["user"]
        message = payload.get("message")
        return Interaction(
            team_id=str(payload["team"]["id"])[:32],
            slack_user_id=str(user["id"])[:32],
            slack_user_name=str(user.get("name") or user.get("username") or user["id"]),
            action_id=str(action["action_id"]),
            value=str(action.get("value") or ""),
            response_url=str(payload["response_url"]),
            message=message if isinstance(message, dict) else None,
        )
    except (ValueError, KeyError, IndexError, TypeError, UnicodeDecodeError) as exc:
        raise SlackPayloadInvalid() from exc


async def _verified(
    session: AsyncSession,
    redis: Redis,
    *,
    body: bytes,
    timestamp: str | None,
    sent: str | None,
    now: datetime,
) -> tuple[Interaction, uuid.UUID]:
    interaction = parse(body)
    integration = await integrations.by_team(session, interaction.team_id)
    if integration is None:
        raise signing.SlackSignatureInvalid("No organisation here uses this Slack workspace.")
    secret = integrations.signing_secret(integration)
    if secret is None:
        raise signing.SlackSignatureInvalid(
            "This workspace's signing secret was stored under another SECRET_KEY: an admin "
            "must enter it again in the organisation's Slack settings."
        )
    signing.verify(secret, body=body, timestamp=timestamp, sent=sent, now=now)
    assert sent is not None
    await signing.refuse_replay(redis, sent)
    return interaction, integration.org_id


async def _perform(
    session: AsyncSession,
    interaction: Interaction,
    member: Membership,
    escalation_id: uuid.UUID,
    now: datetime,
) -> tuple[str, dict[str, Any]]:
    """Claim or acknowledge through the API's own services; a refusal is told to the presser."""
    verb = "claimed" if interaction.action_id == "claim" else "acknowledged"
    try:
        async with session.begin_nested():  # a refusal undoes whatever the attempt wrote
            if interaction.action_id == "claim":
                escalation = await escalations.claim_one(
                    session, member=member, escalation_id=escalation_id, now=now
                )
            else:
                escalation = await escalations.acknowledge_breach(
                    session, member=member, escalation_id=escalation_id, now=now
                )
    except DomainError as refused:
        return "refused", replies.ephemeral(f"Not {verb}: {refused.detail}")
    user = await session.get(User, member.user_id)
    who = (user.display_name or user.email) if user else "a member"
    if verb == "acknowledged":
        return verb, replies.acknowledged(interaction.message, who=who)
    assert escalation.claim_expires_at is not None
    return verb, replies.claimed(interaction.message, who=who, until=escalation.claim_expires_at)


async def handle(
    session: AsyncSession,
    redis: Redis,
    *,
    body: bytes,
    timestamp: str | None,
    sent: str | None,
    now: datetime,
    base_url: str,
    allow_private: bool,
) -> None:
    interaction, org_id = await _verified(
        session, redis, body=body, timestamp=timestamp, sent=sent, now=now
    )
    replies.check_response_url(interaction.response_url, allow_private=allow_private)
    if interaction.action_id not in ACTIONS or interaction.action_id == "open":
        return  # a URL button (Open) reports its press too; there is nothing to do
    try:
        escalation_id = uuid.UUID(interaction.value)
    except ValueError as exc:
        raise SlackPayloadInvalid("The button carries no escalation.") from exc
    kind, reply = await _act(session, interaction, org_id, escalation_id, now, base_url)
    await replies.send(
        session,
        org_id=org_id,
        # Only a done action is known to name a real escalation of this organisation.
        escalation_id=escalation_id if kind in ("claimed", "acknowledged") else None,
        response_url=interaction.response_url,
        kind=kind,
        body=reply,
        request_key=str(sent),
        now=now,
    )


async def _act(
    session: AsyncSession,
    interaction: Interaction,
    org_id: uuid.UUID,
    escalation_id: uuid.UUID,
    now: datetime,
    base_url: str,
) -> tuple[str, dict[str, Any]]:
    link = await session.get(SlackUserLink, (interaction.team_id, interaction.slack_user_id))
    member = (
        await session.get(Membership, (org_id, link.user_id))
        if link is not None and link.org_id == org_id
        else None
    )
    if member is None:
        token = links.mint(
            team_id=interaction.team_id,
            slack_user_id=interaction.slack_user_id,
            slack_user_name=interaction.slack_user_name,
            org_id=org_id,
            now=now,
        )
        text = (
            "Your Slack account is not linked to a member yet. "
            f"<{links.url(base_url, token)}|Link it> (signed in, within 15 minutes), "
            "then press the button again."
        )
        return "link_needed", replies.ephemeral(text)
    return await _perform(session, interaction, member, escalation_id, now)
