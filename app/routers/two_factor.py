"""A member's own two-factor sign-in: status, enrolment, backup codes, turning it off.

A plain APIRouter, not IdempotentRoute: these answers carry secrets (the TOTP secret, backup
codes) that must never be stored for a replay, and a retried request is safe without one (a
code is accepted once)."""

from fastapi import APIRouter, status

from app.deps import CurrentUser, Now, Redis, RequestOrigin, Session
from app.errors import problems
from app.schemas.two_factor import (
    BackupCodesRead,
    PasswordAndCode,
    TwoFactorConfirm,
    TwoFactorEnrolmentRead,
    TwoFactorRead,
)
from app.services import two_factor

router = APIRouter(tags=["two_factor"], responses=problems(401, 422))
PREFIX = "/users/me/two-factor"


@router.get(PREFIX, response_model=TwoFactorRead, summary="My two-factor sign-in: on or off")
async def get_two_factor(user: CurrentUser, session: Session):
    return await two_factor.status(session, user_id=user.id)


@router.post(
    f"{PREFIX}/enrolment",
    status_code=status.HTTP_201_CREATED,
    response_model=TwoFactorEnrolmentRead,
    summary="Start enrolling an authenticator app (replaces an unconfirmed enrolment)",
    responses=problems(409),
)
async def start_two_factor_enrolment(user: CurrentUser, session: Session, now: Now):
    return await two_factor.start_enrolment(session, user_id=user.id, email=user.email, now=now)


@router.post(
    f"{PREFIX}/enrolment/confirm",
    response_model=BackupCodesRead,
    summary="Confirm the enrolment with a first code: two-factor sign-in is on; returns the "
    "ten backup codes, shown this once",
    responses=problems(409, 429, 503),
)
async def confirm_two_factor_enrolment(
    body: TwoFactorConfirm,
    user: CurrentUser,
    session: Session,
    redis: Redis,
    now: Now,
    origin: RequestOrigin,
):
    codes = await two_factor.confirm_enrolment(
        session, redis, user_id=user.id, code=body.code, now=now, origin=origin
    )
    return {"backup_codes": codes}


@router.post(
    f"{PREFIX}/backup-codes",
    response_model=BackupCodesRead,
    summary="Ten new backup codes; the old ones stop working (password and a code)",
    responses=problems(409, 429, 503),
)
async def regenerate_backup_codes(
    body: PasswordAndCode,
    user: CurrentUser,
    session: Session,
    redis: Redis,
    now: Now,
    origin: RequestOrigin,
):
    codes = await two_factor.regenerate_backup_codes(
        session, redis, user=user, password=body.password, code=body.code, now=now, origin=origin
    )
    return {"backup_codes": codes}


@router.post(
    f"{PREFIX}/disable",
    response_model=TwoFactorRead,
    summary="Turn two-factor sign-in off (password and a code)",
    responses=problems(409, 429, 503),
)
async def disable_two_factor(
    body: PasswordAndCode,
    user: CurrentUser,
    session: Session,
    redis: Redis,
    now: Now,
    origin: RequestOrigin,
):
    return await two_factor.disable(
        session, redis, user=user, password=body.password, code=body.code, now=now, origin=origin
    )
