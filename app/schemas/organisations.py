import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, EmailStr, Field

from app.models.organisations import Role
from app.schemas.common import Name, ReadModel
from app.schemas.sla import TimeZone


class OrganisationCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Name
    time_zone: TimeZone = Field(
        default="UTC", description="Where its days, weeks and months begin in reports"
    )


class OrganisationUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Name | None = None
    time_zone: TimeZone | None = None
    require_two_factor: bool | None = Field(
        default=None,
        description="Owners, admins and supervisors must enable two-factor sign-in to act in it",
    )


class OrganisationRead(ReadModel):
    id: uuid.UUID
    name: str
    time_zone: str
    require_two_factor: bool
    role: Role  # the caller's role in it
    created_at: datetime


class MemberCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    email: EmailStr
    role: Role


class MemberUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    role: Role


class MemberRead(ReadModel):
    user_id: uuid.UUID
    email: str
    display_name: str | None
    role: Role
    created_at: datetime
