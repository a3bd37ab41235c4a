from fastapi_users_db_sqlalchemy import SQLAlchemyBaseUserTableUUID
from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class User(SQLAlchemyBaseUserTableUUID, Base):
    """An account. What it may do inside an organisation comes from its Membership there."""

    display_name: Mapped[str | None] = mapped_column(String(120))
