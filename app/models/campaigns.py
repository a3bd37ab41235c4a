import uuid

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, IdMixin, TimestampMixin


class Campaign(IdMixin, TimestampMixin, Base):
    """Where conversations live before and after an escalation."""

    __tablename__ = "campaign"
    __table_args__ = (
        # Serves the newest-first keyset page of GET /orgs/{org_id}/campaigns.
        Index("ix_campaign_org_id_created_at_id", "org_id", "created_at", "id"),
    )

    org_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    # Unmanaged conversations: escalate those left needing a response for this many business
    # minutes (on the target inbox's SLA calendar) into this inbox. Both null: off.
    auto_escalate_after_minutes: Mapped[int | None]
    auto_escalate_inbox_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("inbox.id", ondelete="SET NULL")
    )
