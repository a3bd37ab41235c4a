import uuid

from sqlalchemy import Enum, ForeignKey, String
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, IdMixin, TimestampMixin
from app.models.organisations import Role


class IdentityProvider(IdMixin, TimestampMixin, Base):
    """An organisation's OpenID Connect provider: its people sign in there, and arrive here in the
    same kind of session a password gives (app/services/sso.py)."""

    __tablename__ = "identity_provider"

    # One per organisation: "Sign in with <name>" is found by the email's domain.
    org_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), unique=True
    )
    name: Mapped[str] = mapped_column(String(100))
    # Discovery is read from `<issuer>/.well-known/openid-configuration`.
    issuer: Mapped[str] = mapped_column(String(500))
    client_id: Mapped[str] = mapped_column(String(255))
    # Encrypted at rest (app/services/_keys.py); never shown again once saved.
    client_secret_encrypted: Mapped[str] = mapped_column(String(1000))
    # Lower-case email domains whose people may sign in (and join) through it.
    allowed_domains: Mapped[list[str]] = mapped_column(ARRAY(String(255)))
    # The role a person gets on their first sign-in (just-in-time membership).
    default_role: Mapped[Role] = mapped_column(
        Enum(Role, native_enum=False, create_constraint=True, length=16, name="sso_default_role")
    )
    # False: the organisation's members sign in through the provider only, never with a password.
    passwords_allowed: Mapped[bool] = mapped_column(default=True)
