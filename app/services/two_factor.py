"""Two-factor sign-in: an authenticator app (TOTP, RFC 6238) and ten single-use backup codes.

* The TOTP secret is stored encrypted with Fernet under a key derived (HKDF) from SECRET_KEY:
  a copy of the database alone cannot mint codes. Changing SECRET_KEY therefore disables every
  authenticator (and every backup code): members enrol again.
* A code is accepted for the current 30-second step or the one before or after it (clock drift
  and typing time), and only for a step later than the last one accepted, so a code can never
  be used twice, even within its window.
* Backup codes carry 60 random bits (12 Crockford base32 characters) and are stored as an
  HMAC-SHA256 keyed with a key derived from SECRET_KEY and salted with the user id. A slow hash
  (pwdlib's argon2) protects low-entropy passwords; these codes are not guessable offline anyway
  (2^60 per code, and without SECRET_KEY not even that), and checking a code at sign-in against
  ten argon2 hashes would cost about a second of CPU per attempt: a denial-of-service lever.
  A keyed hash is also looked up directly (unique index), so using one is a single UPDATE.
* Wrong codes and passwords are counted per user in Redis: after MAX_FAILURES within
  FAILURE_WINDOW_SECONDS, every attempt is refused until the window ends (429). A Redis that
  does not answer refuses two-factor attempts (503) rather than letting guesses through.
"""

import contextlib
import hashlib
import hmac
import io
import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

import pyotp
import segno
from fastapi_users.password import PasswordHelper
from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import Conflict, DomainError, RuleViolation
from app.models.security import SecurityEventKind
from app.models.two_factor import BackupCode, TwoFactor
from app.models.users import User
from app.services import _keys, security_audit

ISSUER = "Escalation Inbox"
BACKUP_CODE_COUNT = 10
BACKUP_CODE_LENGTH = 12
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_LOOK_ALIKES = str.maketrans("OIL", "011")  # read as Crockford's base32 reads them
MAX_FAILURES = 5
FAILURE_WINDOW_SECONDS = 300
_STEPS_ACCEPTED = (-1, 0, 1)  # the step before, the current one, the one after

Method = Literal["totp", "backup_code"]


class TwoFactorCodeInvalid(RuleViolation):
    code = "two-factor-code-invalid"
    title = "The code is wrong, expired or already used"


class WrongPassword(RuleViolation):
    code = "wrong-password"
    title = "The password is wrong"


class TwoFactorNotEnabled(Conflict):
    code = "two-factor-not-enabled"
    title = "Two-factor sign-in is not enabled"


class TwoFactorAlreadyEnabled(Conflict):
    code = "two-factor-already-enabled"
    title = "Two-factor sign-in is already enabled"


class EnrolmentNotStarted(Conflict):
    code = "two-factor-enrolment-not-started"
    title = "Start an enrolment first"


class TooManyAttempts(DomainError):
    status = 429
    code = "two-factor-rate-limited"
    title = "Too many wrong codes"

    def __init__(self, retry_after: int) -> None:
        super().__init__(
            f"Too many wrong two-factor codes or passwords. Try again in {retry_after} seconds.",
            retry_after=retry_after,
        )
        self.headers["Retry-After"] = str(retry_after)


class TwoFactorUnavailable(DomainError):
    status = 503
    code = "two-factor-unavailable"
    title = "Two-factor codes cannot be checked just now"

    def __init__(self) -> None:
        super().__init__("Two-factor codes cannot be checked just now. Try again shortly.")
        self.headers["Retry-After"] = "5"


@dataclass
class Status:
    enabled: bool
    enabled_at: datetime | None
    enrolment_pending: bool
    backup_codes_left: int


@dataclass
class Enrolment:
    secret: str
    otpauth_uri: str
    qr_svg: str


# --- keys and codes ------------------------------------------------------------------------------


_TOTP_SECRET = b"two-factor-secret"


def _decrypt(token: str) -> str | None:
    return _keys.unseal(_TOTP_SECRET, token)  # None: SECRET_KEY changed since enrolment


def _normalise(code: str) -> str:
    """Digits or a backup code as typed: spaces and dashes dropped, Crockford's look-alikes."""
    cleaned = re.sub(r"[\s-]", "", code).upper()
    return cleaned.translate(_LOOK_ALIKES)


def _backup_hash(user_id: uuid.UUID, normalised: str) -> str:
    key = _keys.derived_key(b"backup-codes")
    return hmac.new(key, f"{user_id}:{normalised}".encode(), hashlib.sha256).hexdigest()


def _new_backup_code() -> str:
    raw = "".join(secrets.choice(_CROCKFORD) for _ in range(BACKUP_CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, BACKUP_CODE_LENGTH, 4))


def _qr_svg(uri: str) -> str:
    out = io.BytesIO()
    segno.make(uri, error="m").save(out, kind="svg", scale=5, xmldecl=False, svgns=True)
    return out.getvalue().decode()


# --- failures, counted in Redis ------------------------------------------------------------------


def _failures_key(user_id: uuid.UUID) -> str:
    return f"two-factor-failures:{user_id}"


async def _refuse_if_locked(redis: Redis, user_id: uuid.UUID) -> None:
    try:
        count = await redis.get(_failures_key(user_id))
        if count is not None and int(count) >= MAX_FAILURES:
            ttl = await redis.ttl(_failures_key(user_id))
            raise TooManyAttempts(retry_after=max(1, int(ttl)))
    except (RedisError, OSError) as exc:
        raise TwoFactorUnavailable() from exc


async def _count_failure(redis: Redis, user_id: uuid.UUID) -> None:
    try:
        async with redis.pipeline(transaction=True) as pipe:
            # The window starts at the first failure (NX) and is not extended by later ones.
            pipe.set(_failures_key(user_id), 0, ex=FAILURE_WINDOW_SECONDS, nx=True)
            pipe.incr(_failures_key(user_id))
            await pipe.execute()
    except (RedisError, OSError) as exc:
        raise TwoFactorUnavailable() from exc


async def _forget_failures(redis: Redis, user_id: uuid.UUID) -> None:
    with contextlib.suppress(RedisError, OSError):  # the window ends by itself
        await redis.delete(_failures_key(user_id))


async def _refuse(
    redis: Redis,
    error: DomainError,
    *,
    user_id: uuid.UUID,
    reason: str,
    now: datetime,
    origin: security_audit.Origin | None,
) -> DomainError:
    """Count a failure and return `error` carrying its audit event, which is written even
    though the request's unit of work rolls back (app/db.py: `keep`)."""
    await _count_failure(redis, user_id)
    origin = origin or security_audit.Origin()
    error.keep = [
        security_audit.event(
            kind=SecurityEventKind.two_factor_failed,
            user_id=user_id,
            ip=origin.ip,
            user_agent=origin.user_agent,
            detail={"reason": reason},
            at=now,
        )
    ]
    return error


# --- reading -------------------------------------------------------------------------------------


async def _row(session: AsyncSession, user_id: uuid.UUID, *, lock: bool) -> TwoFactor | None:
    stmt = select(TwoFactor).where(TwoFactor.user_id == user_id)
    return await session.scalar(stmt.with_for_update() if lock else stmt)


async def is_enabled(session: AsyncSession, user_id: uuid.UUID) -> bool:
    """Whether the account signs in with a second factor (what the login flow asks first)."""
    found = await session.scalar(select(TwoFactor.enabled_at).where(TwoFactor.user_id == user_id))
    return found is not None


async def status(session: AsyncSession, *, user_id: uuid.UUID) -> Status:
    row = await _row(session, user_id, lock=False)
    enabled = row is not None and row.enabled_at is not None
    return Status(
        enabled=enabled,
        enabled_at=row.enabled_at if row else None,
        enrolment_pending=row is not None and not enabled,
        backup_codes_left=await _codes_left(session, user_id) if enabled else 0,
    )


# --- checking a code -----------------------------------------------------------------------------


def _accept_totp(row: TwoFactor, code: str, now: datetime) -> bool:
    """A match for an allowed step later than the last one accepted; that step is then taken."""
    secret = _decrypt(row.secret_encrypted)
    if secret is None or not re.fullmatch(r"\d{6}", code):
        return False
    totp = pyotp.TOTP(secret)
    current = totp.timecode(now)
    for step in (current + offset for offset in _STEPS_ACCEPTED):
        if row.last_timestep is not None and step <= row.last_timestep:
            continue
        if hmac.compare_digest(totp.generate_otp(step), code):
            row.last_timestep = step
            return True
    return False


async def _use_backup_code(
    session: AsyncSession, user_id: uuid.UUID, code: str, now: datetime
) -> bool:
    if len(code) != BACKUP_CODE_LENGTH or any(c not in _CROCKFORD for c in code):
        return False
    used = await session.scalar(
        update(BackupCode)
        .where(
            BackupCode.user_id == user_id,
            BackupCode.code_hash == _backup_hash(user_id, code),
            BackupCode.used_at.is_(None),
        )
        .values(used_at=now)
        .returning(BackupCode.id)
    )
    return used is not None


async def _check_code(
    session: AsyncSession,
    redis: Redis,
    *,
    row: TwoFactor,
    code: str,
    now: datetime,
    origin: security_audit.Origin | None,
    backup_codes: bool = True,
) -> Method:
    """The method the code is valid for (consuming it), or a refusal counted against the user."""
    normalised = _normalise(code)
    if _accept_totp(row, normalised, now):
        await session.flush()
        await _forget_failures(redis, row.user_id)
        return "totp"
    if backup_codes and await _use_backup_code(session, row.user_id, normalised, now):
        await security_audit.record_from(
            session,
            origin,
            kind=SecurityEventKind.backup_code_used,
            user_id=row.user_id,
            detail={"backup_codes_left": await _codes_left(session, row.user_id)},
            at=now,
        )
        await _forget_failures(redis, row.user_id)
        return "backup_code"
    raise await _refuse(
        redis,
        TwoFactorCodeInvalid(
            "The code is wrong, expired or already used: enter the current code from your "
            "authenticator app" + (", or an unused backup code." if backup_codes else ".")
        ),
        user_id=row.user_id,
        reason="code",
        now=now,
        origin=origin,
    )


async def _codes_left(session: AsyncSession, user_id: uuid.UUID) -> int:
    left = await session.scalar(
        select(func.count())
        .select_from(BackupCode)
        .where(BackupCode.user_id == user_id, BackupCode.used_at.is_(None))
    )
    return left or 0


async def _enabled_row(session: AsyncSession, user_id: uuid.UUID) -> TwoFactor:
    row = await _row(session, user_id, lock=True)  # serialises two uses of one code
    if row is None or row.enabled_at is None:
        raise TwoFactorNotEnabled()
    return row


async def verify_sign_in_code(
    session: AsyncSession,
    redis: Redis,
    *,
    user_id: uuid.UUID,
    code: str,
    now: datetime,
    origin: security_audit.Origin | None = None,
) -> Method:
    """The second step of a sign-in: 'totp' or 'backup_code' when `code` is valid (it is then
    used up). Raises TooManyAttempts (429), TwoFactorNotEnabled (409), TwoFactorCodeInvalid
    (422; its `two_factor_failed` event travels on the error as `keep`) or TwoFactorUnavailable
    (503). A backup code used is recorded as `backup_code_used`."""
    await _refuse_if_locked(redis, user_id)
    row = await _enabled_row(session, user_id)
    return await _check_code(session, redis, row=row, code=code, now=now, origin=origin)


# --- enrolment and changes -----------------------------------------------------------------------


async def start_enrolment(
    session: AsyncSession, *, user_id: uuid.UUID, email: str, now: datetime
) -> Enrolment:
    """A new secret to scan; replaces an enrolment that was never confirmed."""
    row = await _row(session, user_id, lock=True)
    if row is not None and row.enabled_at is not None:
        raise TwoFactorAlreadyEnabled("Disable two-factor sign-in first to enrol a new app.")
    secret = pyotp.random_base32()  # 160 bits, as RFC 4226 recommends
    encrypted = _keys.seal(_TOTP_SECRET, secret)
    if row is None:
        session.add(TwoFactor(user_id=user_id, secret_encrypted=encrypted, created_at=now))
    else:
        row.secret_encrypted, row.last_timestep, row.created_at = encrypted, None, now
    await session.flush()
    uri = pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=ISSUER)
    return Enrolment(secret=secret, otpauth_uri=uri, qr_svg=_qr_svg(uri))


async def _replace_backup_codes(
    session: AsyncSession, user_id: uuid.UUID, now: datetime
) -> list[str]:
    await session.execute(delete(BackupCode).where(BackupCode.user_id == user_id))
    codes = [_new_backup_code() for _ in range(BACKUP_CODE_COUNT)]
    session.add_all(
        BackupCode(user_id=user_id, code_hash=_backup_hash(user_id, _normalise(c)), created_at=now)
        for c in codes
    )
    await session.flush()
    return codes


async def confirm_enrolment(
    session: AsyncSession,
    redis: Redis,
    *,
    user_id: uuid.UUID,
    code: str,
    now: datetime,
    origin: security_audit.Origin | None = None,
) -> list[str]:
    """Enable two-factor sign-in with a first code; returns the backup codes (shown once)."""
    await _refuse_if_locked(redis, user_id)
    row = await _row(session, user_id, lock=True)
    if row is None:
        raise EnrolmentNotStarted()
    if row.enabled_at is not None:
        raise TwoFactorAlreadyEnabled()
    await _check_code(
        session, redis, row=row, code=code, now=now, origin=origin, backup_codes=False
    )
    row.enabled_at = now
    codes = await _replace_backup_codes(session, user_id, now)
    await security_audit.record_from(
        session, origin, kind=SecurityEventKind.two_factor_enrolled, user_id=user_id, at=now
    )
    return codes


async def _check_password_and_code(
    session: AsyncSession,
    redis: Redis,
    *,
    user: User,
    password: str,
    code: str,
    now: datetime,
    origin: security_audit.Origin | None,
) -> TwoFactor:
    await _refuse_if_locked(redis, user.id)
    row = await _enabled_row(session, user.id)
    verified, _ = PasswordHelper().verify_and_update(password, user.hashed_password)
    if not verified:
        raise await _refuse(
            redis, WrongPassword(), user_id=user.id, reason="password", now=now, origin=origin
        )
    await _check_code(session, redis, row=row, code=code, now=now, origin=origin)
    return row


async def regenerate_backup_codes(
    session: AsyncSession,
    redis: Redis,
    *,
    user: User,
    password: str,
    code: str,
    now: datetime,
    origin: security_audit.Origin | None = None,
) -> list[str]:
    """Ten new backup codes (the old ones stop working); needs the password and a code."""
    await _check_password_and_code(
        session, redis, user=user, password=password, code=code, now=now, origin=origin
    )
    codes = await _replace_backup_codes(session, user.id, now)
    await security_audit.record_from(
        session, origin, kind=SecurityEventKind.backup_codes_regenerated, user_id=user.id, at=now
    )
    return codes


async def disable(
    session: AsyncSession,
    redis: Redis,
    *,
    user: User,
    password: str,
    code: str,
    now: datetime,
    origin: security_audit.Origin | None = None,
) -> Status:
    """Turn two-factor sign-in off: needs the password and a code (or a backup code)."""
    row = await _check_password_and_code(
        session, redis, user=user, password=password, code=code, now=now, origin=origin
    )
    await session.execute(delete(BackupCode).where(BackupCode.user_id == user.id))
    await session.delete(row)
    await session.flush()
    await security_audit.record_from(
        session, origin, kind=SecurityEventKind.two_factor_disabled, user_id=user.id, at=now
    )
    return await status(session, user_id=user.id)
