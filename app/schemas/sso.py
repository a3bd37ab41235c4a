import uuid
from datetime import datetime
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from app.models.organisations import Role

Domain = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=255)]
_LOOPBACK = {"127.0.0.1", "localhost", "::1"}


class IdentityProviderWrite(BaseModel):
    """An organisation's OpenID Connect provider, as an admin sets it up."""

    name: str = Field(min_length=1, max_length=100, description='Shown as "Sign in with <name>"')
    issuer: str = Field(
        min_length=1,
        max_length=500,
        description="The issuer URL; its /.well-known/openid-configuration is read (https; "
        "http only on loopback, for development)",
    )
    client_id: str = Field(min_length=1, max_length=255)
    client_secret: str | None = Field(
        default=None,
        min_length=1,
        max_length=1000,
        description="Needed to create; left out on a change, the stored one is kept. Never shown.",
    )
    allowed_domains: list[Domain] = Field(
        min_length=1, max_length=50, description="Email domains whose people may sign in"
    )
    default_role: Role = Field(
        default=Role.agent, description="The role given on a person's first sign-in (not owner)"
    )
    passwords_allowed: bool = Field(
        default=True,
        description="False: the organisation's members sign in through the provider only",
    )

    @field_validator("issuer")
    @classmethod
    def _https(cls, value: str) -> str:
        parts = urlsplit(value)
        loopback = parts.scheme == "http" and parts.hostname in _LOOPBACK
        if not parts.hostname or not (parts.scheme == "https" or loopback):
            raise ValueError("the issuer must be an https URL (http only on loopback)")
        return value


class IdentityProviderRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    org_id: uuid.UUID
    name: str
    issuer: str
    client_id: str
    allowed_domains: list[str]
    default_role: Role
    passwords_allowed: bool
    created_at: datetime
    updated_at: datetime


class SsoProviderLink(BaseModel):
    provider_id: uuid.UUID
    name: str
    start_url: str = Field(description="Send the browser here to sign in through the provider")


class SsoDiscovery(BaseModel):
    """The provider that signs in people of an email's domain; null when none does (the
    password sign-in then applies)."""

    provider: SsoProviderLink | None
