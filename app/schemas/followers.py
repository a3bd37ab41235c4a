import uuid
from datetime import datetime

from pydantic import Field

from app.models.followers import FollowSource
from app.schemas.common import ReadModel


class FollowerRead(ReadModel):
    user_id: uuid.UUID
    email: str
    display_name: str | None
    source: FollowSource = Field(
        description="`escalated`: the agent who escalated it (followed by default); "
        "`followed`: chose to"
    )
    created_at: datetime


class FollowerList(ReadModel):
    """Everyone following, longest first (not paged: at most the organisation's members)."""

    items: list[FollowerRead]
