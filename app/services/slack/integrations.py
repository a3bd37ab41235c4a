"""An organisation's Slack app, as its admins configure it: the workspace and the signing secret.

The secret is write-only: stored encrypted, never shown again (the API says only that one is set).
"""

import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import Conflict, NotFound
from app.models.slack import SlackIntegration
from app.services._keys import seal, unseal

_PURPOSE = b"slack-signing-secret"


class SlackNotConfigured(NotFound):
    code = "slack-not-configured"
    title = "This organisation has no Slack app configured"


class SlackTeamTaken(Conflict):
    code = "slack-team-taken"
    title = "Another organisation already uses this Slack workspace"


def signing_secret(integration: SlackIntegration) -> str | None:
    """The signing secret, or None when it was stored under another SECRET_KEY (an admin must
    enter it again: until then nothing from that workspace can be verified)."""
    return unseal(_PURPOSE, integration.signing_secret_encrypted)


async def get(session: AsyncSession, *, org_id: uuid.UUID) -> SlackIntegration:
    integration = await session.get(SlackIntegration, org_id)
    if integration is None:
        raise SlackNotConfigured()
    return integration


async def by_team(session: AsyncSession, team_id: str) -> SlackIntegration | None:
    return await session.scalar(select(SlackIntegration).where(SlackIntegration.team_id == team_id))


async def configure(
    session: AsyncSession, *, org_id: uuid.UUID, team_id: str, signing_secret: str, now: datetime
) -> SlackIntegration:
    other = await by_team(session, team_id)
    if other is not None and other.org_id != org_id:
        raise SlackTeamTaken(team_id=team_id)
    encrypted = seal(_PURPOSE, signing_secret)
    integration = await session.get(SlackIntegration, org_id, with_for_update=True)
    if integration is None:
        integration = SlackIntegration(org_id=org_id, created_at=now)
        session.add(integration)
    integration.team_id = team_id
    integration.signing_secret_encrypted = encrypted
    integration.updated_at = now
    await session.flush()
    return integration


async def remove(session: AsyncSession, *, org_id: uuid.UUID) -> None:
    await session.delete(await get(session, org_id=org_id))
    await session.flush()
