import uuid
from datetime import datetime

from pydantic import BaseModel, Field

from app.models.sessions import SessionTransport


class SessionRead(BaseModel):
    """One of the member's signed-in devices."""

    id: uuid.UUID
    transport: SessionTransport = Field(
        description="`cookie`: a browser signed in to the app; `bearer`: a script's access token"
    )
    device: str = Field(description='What the device says it is: "Firefox 132 on Windows"')
    user_agent: str | None
    ip: str | None = Field(description="The address it signed in from")
    created_at: datetime = Field(description="When it signed in")
    last_seen_at: datetime = Field(description="Its last request, to the minute")
    expires_at: datetime
    current: bool = Field(description="The session this request was made with")


class EndedSessions(BaseModel):
    ended: int = Field(description="How many sessions were ended")


class TwoFactorSignIn(BaseModel):
    """The second step of a sign-in for an account with two-factor sign-in enabled."""

    challenge: str = Field(
        min_length=1,
        max_length=2000,
        description="`challenge` of the password step's `two-factor-required` problem",
    )
    code: str = Field(
        min_length=1,
        max_length=64,
        description="A code from the authenticator app, or a backup code",
    )
