import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from app.schemas.common import ReadModel, no_nul


class SlackIntegrationSet(BaseModel):
    model_config = ConfigDict(extra="forbid")
    team_id: Annotated[
        str,
        StringConstraints(pattern=r"^[A-Z0-9]{2,32}$"),
        Field(description="The Slack workspace's id (T…), as its interaction requests name it"),
    ]
    signing_secret: Annotated[
        str,
        StringConstraints(min_length=16, max_length=128, pattern=r"^[A-Za-z0-9]+$"),
        AfterValidator(no_nul),
        Field(description="The app's Signing Secret (Basic Information); never shown again"),
    ]


class SlackIntegrationRead(ReadModel):
    org_id: uuid.UUID
    team_id: str
    signing_secret_set: Literal[True] = Field(
        default=True, description="A secret is stored (encrypted); it is never shown"
    )
    interactivity_path: str = Field(
        default="/api/v1/integrations/slack/interactions",
        description="Where the Slack app's Interactivity Request URL must point (on BASE_URL)",
    )
    created_at: datetime
    updated_at: datetime


class SlackLinkRead(ReadModel):
    """A one-time link from Slack: which Slack user would become the caller."""

    team_id: str
    slack_user_id: str
    slack_user_name: str
    org_id: uuid.UUID
    expires_at: datetime
    state: Literal["valid", "linked", "expired"] = Field(
        description="valid: it can be confirmed; linked: this Slack user is you already; "
        "expired: press the button in Slack again"
    )
