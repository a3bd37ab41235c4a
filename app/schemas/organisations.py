import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, EmailStr

from app.models.organisations import Role
from app.schemas.common import Name, ReadModel


class OrganisationCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Name


class OrganisationRead(ReadModel):
    id: uuid.UUID
    name: str
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
