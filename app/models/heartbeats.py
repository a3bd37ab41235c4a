from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class WorkerHeartbeat(Base):
    """Each worker process writes its row every few seconds, so a dead worker shows as lag."""

    __tablename__ = "worker_heartbeat"

    worker_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    beat_at: Mapped[datetime]
    started_at: Mapped[datetime]
