import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, Text, text
from sqlalchemy.dialects.postgresql import ARRAY, UUID
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, IdMixin, TimestampMixin


class EscalationNote(IdMixin, TimestampMixin, Base):
    """An internal note on an escalation: seen by those who see the escalation, never by the
    contact. Its changes are events on the escalation (`escalation.note_*`); the text lives here
    only, so deleting a note takes its words out of the timeline and the audit trail alike."""

    __tablename__ = "escalation_note"
    __table_args__ = (
        # An escalation's live notes, oldest first.
        Index(
            "ix_escalation_note_escalation_id_created_at",
            "escalation_id",
            "created_at",
            "id",
            postgresql_where=text("deleted_at IS NULL"),
        ),
    )

    org_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    escalation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("escalation.id", ondelete="CASCADE")
    )
    author_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    body: Mapped[str | None] = mapped_column(Text)  # null once deleted
    # The members it mentions, in the order they first appear in the text.
    mentions: Mapped[list[uuid.UUID]] = mapped_column(
        ARRAY(UUID(as_uuid=True)), default=list, server_default="{}"
    )
    edited_at: Mapped[datetime | None]
    deleted_at: Mapped[datetime | None]
