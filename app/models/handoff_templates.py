import uuid

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, IdMixin, TimestampMixin


class HandoffTemplate(IdMixin, TimestampMixin, Base):
    """A hand-off an admin wrote once, to prefill the escalate dialog (with placeholders for the
    contact). No inbox or no category: it is offered for every one."""

    __tablename__ = "handoff_template"
    __table_args__ = (Index("ix_handoff_template_org_id_name", "org_id", "name"),)

    org_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    inbox_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("inbox.id", ondelete="CASCADE"), index=True
    )
    category: Mapped[str | None] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str | None] = mapped_column(Text)
    steps_taken: Mapped[str | None] = mapped_column(Text)
    offers_made: Mapped[str | None] = mapped_column(Text)
    help_needed: Mapped[str | None] = mapped_column(Text)
