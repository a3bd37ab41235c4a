import uuid
from typing import Annotated

from fastapi_users import schemas
from pydantic import ConfigDict, StringConstraints, field_validator

DisplayName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]


class UserRead(schemas.BaseUser[uuid.UUID]):
    display_name: str | None = None


class UserCreate(schemas.BaseUserCreate):
    model_config = ConfigDict(extra="forbid")
    display_name: DisplayName | None = None


class UserUpdate(schemas.BaseUserUpdate):
    model_config = ConfigDict(extra="forbid")
    display_name: DisplayName | None = None

    @field_validator("email", "password")
    @classmethod
    def _not_null(cls, value: str | None) -> str | None:
        # Leave a field out to keep it; an explicit null email would reach the NOT NULL column.
        if value is None:
            raise ValueError("must not be null; leave the field out to keep it")
        return value
