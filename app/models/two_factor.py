import uuid
from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, IdMixin, utcnow


class TwoFactor(Base):
    """A member's authenticator app (TOTP, RFC 6238): one per account.

    Enrolment writes the row with `enabled_at` null; the first correct code enables it. The
    secret is stored encrypted (Fernet, with a key derived from SECRET_KEY: app/services/
    two_factor.py), so a copy of the database alone cannot mint codes. `last_timestep` is the
    TOTP time step of the last accepted code: a code is accepted only for a later step, so a
    code seen over someone's shoulder cannot be used again within its window."""

    __tablename__ = "two_factor"

    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), primary_key=True
    )
    secret_encrypted: Mapped[str] = mapped_column(Text)
    enabled_at: Mapped[datetime | None]
    last_timestep: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class BackupCode(IdMixin, Base):
    """A single-use backup code, stored as a keyed hash (see app/services/two_factor.py)."""

    __tablename__ = "two_factor_backup_code"
    __table_args__ = (
        # The lookup at sign-in (this user's code with this hash) and the count of codes left.
        Index(
            "ix_two_factor_backup_code_user_id_code_hash",
            "user_id",
            "code_hash",
            unique=True,
        ),
    )

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    code_hash: Mapped[str] = mapped_column(String(64))
    used_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
