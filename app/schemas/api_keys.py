import uuid
from datetime import datetime

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from app.models.api_keys import Scope
from app.schemas.common import Name, ReadModel


class ApiKeyCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Name
    scopes: list[Scope] = Field(min_length=1, max_length=len(Scope))
    expires_at: AwareDatetime | None = Field(
        default=None, description="When the key stops working (null: never)"
    )


class ApiKeyRead(ReadModel):
    id: uuid.UUID = Field(description="Also the user id its actions are audited under")
    name: str
    prefix: str = Field(description="The visible part of the secret: `eik_<prefix>_...`")
    scopes: list[Scope]
    created_by: uuid.UUID | None
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None
    last_used_at: datetime | None


class ApiKeyCreated(ApiKeyRead):
    secret: str = Field(
        description="Send as `Authorization: Bearer <secret>`. Shown only in this response."
    )
