from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from app.schemas.common import no_nul

Code = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=32),
    AfterValidator(no_nul),
    Field(description="Six digits from the authenticator app, or (where allowed) a backup code"),
]
Password = Annotated[str, StringConstraints(min_length=1, max_length=256), AfterValidator(no_nul)]


class TwoFactorRead(BaseModel):
    enabled: bool
    enabled_at: datetime | None
    enrolment_pending: bool = Field(description="An enrolment was started but not confirmed")
    backup_codes_left: int


class TwoFactorEnrolmentRead(BaseModel):
    secret: str = Field(description="Base32, for typing into an app that cannot scan")
    otpauth_uri: str
    qr_svg: str = Field(description="The otpauth URI as a QR code, an SVG document")


class TwoFactorConfirm(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: Code


class PasswordAndCode(BaseModel):
    model_config = ConfigDict(extra="forbid")
    password: Password
    code: Code


class BackupCodesRead(BaseModel):
    backup_codes: list[str] = Field(
        description="Shown this once: each works once, in place of a code"
    )
