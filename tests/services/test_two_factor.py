"""Two-factor rules with a fixed clock: codes from pyotp, reuse, windows, backup codes, limits."""

from datetime import UTC, datetime, timedelta

import pyotp
import pytest
from arq import ArqRedis
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import BackupCode, SecurityEvent, SecurityEventKind, TwoFactor, User
from app.services import two_factor
from tests.factories import PASSWORD, make_user

# Five seconds into a 30-second step, so "the step before" and "the step after" are exact.
NOW = datetime(2026, 12, 1, 12, 0, 5, tzinfo=UTC)
STEP = timedelta(seconds=30)


async def enrol(session: AsyncSession, redis: ArqRedis, user: User) -> tuple[pyotp.TOTP, list[str]]:
    """An enabled authenticator, confirmed with the code of the step before NOW (so NOW's own
    code is still unused), and its backup codes."""
    started = await two_factor.start_enrolment(
        session, user_id=user.id, email=user.email, now=NOW - STEP
    )
    totp = pyotp.TOTP(started.secret)
    codes = await two_factor.confirm_enrolment(
        session, redis, user_id=user.id, code=totp.at(NOW - STEP), now=NOW - STEP
    )
    return totp, codes


async def verify(
    session: AsyncSession, redis: ArqRedis, user: User, code: str, at: datetime = NOW
) -> str:
    return await two_factor.verify_sign_in_code(session, redis, user_id=user.id, code=code, now=at)


class TestEnrolment:
    async def test_secret_is_encrypted_and_the_uri_and_qr_carry_it(
        self, session: AsyncSession
    ) -> None:
        user = await make_user(session)
        started = await two_factor.start_enrolment(
            session, user_id=user.id, email=user.email, now=NOW
        )
        row = await session.get(TwoFactor, user.id)
        assert row is not None and row.enabled_at is None
        assert started.secret not in row.secret_encrypted
        assert f"secret={started.secret}" in started.otpauth_uri
        assert started.otpauth_uri.startswith("otpauth://totp/Escalation%20Inbox:")
        assert (
            started.qr_svg.startswith("<svg")
            and 'xmlns="http://www.w3.org/2000/svg"' in started.qr_svg
        )
        assert not await two_factor.is_enabled(session, user.id)

    async def test_a_new_enrolment_replaces_an_unconfirmed_one(
        self, session: AsyncSession, redis: ArqRedis
    ) -> None:
        user = await make_user(session)
        first = await two_factor.start_enrolment(
            session, user_id=user.id, email=user.email, now=NOW
        )
        second = await two_factor.start_enrolment(
            session, user_id=user.id, email=user.email, now=NOW
        )
        assert first.secret != second.secret
        with pytest.raises(two_factor.TwoFactorCodeInvalid):
            await two_factor.confirm_enrolment(
                session, redis, user_id=user.id, code=pyotp.TOTP(first.secret).at(NOW), now=NOW
            )
        await two_factor.confirm_enrolment(
            session, redis, user_id=user.id, code=pyotp.TOTP(second.secret).at(NOW), now=NOW
        )
        assert await two_factor.is_enabled(session, user.id)

    async def test_confirming_gives_ten_backup_codes_stored_hashed_and_is_audited(
        self, session: AsyncSession, redis: ArqRedis
    ) -> None:
        user = await make_user(session)
        _, codes = await enrol(session, redis, user)
        assert len(codes) == 10 == len(set(codes))
        stored = (
            await session.scalars(select(BackupCode.code_hash).where(BackupCode.user_id == user.id))
        ).all()
        assert len(stored) == 10
        plain = {c.replace("-", "") for c in codes}
        assert not plain & set(stored) and not set(codes) & set(stored)
        kinds = (
            await session.scalars(
                select(SecurityEvent.kind).where(SecurityEvent.user_id == user.id)
            )
        ).all()
        assert kinds == [SecurityEventKind.two_factor_enrolled]
        status = await two_factor.status(session, user_id=user.id)
        assert status.enabled and status.backup_codes_left == 10 and not status.enrolment_pending

    async def test_enrolling_again_while_enabled_is_refused(
        self, session: AsyncSession, redis: ArqRedis
    ) -> None:
        user = await make_user(session)
        await enrol(session, redis, user)
        with pytest.raises(two_factor.TwoFactorAlreadyEnabled):
            await two_factor.start_enrolment(session, user_id=user.id, email=user.email, now=NOW)


class TestVerifySignInCode:
    async def test_the_current_code_passes_once(
        self, session: AsyncSession, redis: ArqRedis
    ) -> None:
        user = await make_user(session)
        totp, _ = await enrol(session, redis, user)
        assert await verify(session, redis, user, totp.at(NOW)) == "totp"
        with pytest.raises(two_factor.TwoFactorCodeInvalid):
            await verify(session, redis, user, totp.at(NOW), NOW + timedelta(seconds=10))

    async def test_a_code_from_the_previous_window_passes_once(
        self, session: AsyncSession, redis: ArqRedis
    ) -> None:
        user = await make_user(session)
        totp, _ = await enrol(session, redis, user)
        later = NOW + 2 * STEP  # the code typed at NOW + STEP arrives a step later
        assert await verify(session, redis, user, totp.at(NOW + STEP), later) == "totp"
        with pytest.raises(two_factor.TwoFactorCodeInvalid):
            await verify(session, redis, user, totp.at(NOW + STEP), later)

    async def test_a_code_two_windows_old_fails(
        self, session: AsyncSession, redis: ArqRedis
    ) -> None:
        user = await make_user(session)
        totp, _ = await enrol(session, redis, user)
        with pytest.raises(two_factor.TwoFactorCodeInvalid):
            await verify(session, redis, user, totp.at(NOW), NOW + 2 * STEP)

    async def test_after_a_later_code_an_earlier_unused_one_fails(
        self, session: AsyncSession, redis: ArqRedis
    ) -> None:
        user = await make_user(session)
        totp, _ = await enrol(session, redis, user)
        assert await verify(session, redis, user, totp.at(NOW + STEP)) == "totp"  # a fast clock
        with pytest.raises(two_factor.TwoFactorCodeInvalid):
            await verify(session, redis, user, totp.at(NOW))

    async def test_backup_codes_work_once_each_however_typed(
        self, session: AsyncSession, redis: ArqRedis
    ) -> None:
        user = await make_user(session)
        _, codes = await enrol(session, redis, user)
        assert await verify(session, redis, user, codes[0]) == "backup_code"
        typed = codes[1].replace("-", " ").lower()
        assert await verify(session, redis, user, typed) == "backup_code"
        for used in codes[:2]:
            with pytest.raises(two_factor.TwoFactorCodeInvalid):
                await verify(session, redis, user, used)
        assert (await two_factor.status(session, user_id=user.id)).backup_codes_left == 8
        used_events = (
            await session.scalars(
                select(SecurityEvent).where(
                    SecurityEvent.user_id == user.id,
                    SecurityEvent.kind == SecurityEventKind.backup_code_used,
                )
            )
        ).all()
        assert sorted(e.detail["backup_codes_left"] for e in used_events) == [8, 9]

    async def test_a_wrong_code_carries_its_failure_event(
        self, session: AsyncSession, redis: ArqRedis
    ) -> None:
        user = await make_user(session)
        await enrol(session, redis, user)
        with pytest.raises(two_factor.TwoFactorCodeInvalid) as refused:
            await verify(session, redis, user, "not-a-code")
        [event] = refused.value.keep
        assert isinstance(event, SecurityEvent)
        assert event.kind is SecurityEventKind.two_factor_failed and event.user_id == user.id

    async def test_five_failures_lock_attempts_even_with_the_right_code(
        self, session: AsyncSession, redis: ArqRedis
    ) -> None:
        user = await make_user(session)
        totp, _ = await enrol(session, redis, user)
        wrong = "123456" if totp.at(NOW) != "123456" else "654321"
        for _ in range(two_factor.MAX_FAILURES):
            with pytest.raises(two_factor.TwoFactorCodeInvalid):
                await verify(session, redis, user, wrong)
        with pytest.raises(two_factor.TooManyAttempts) as locked:
            await verify(session, redis, user, totp.at(NOW))
        retry_after = int(locked.value.headers["Retry-After"])
        assert 0 < retry_after <= two_factor.FAILURE_WINDOW_SECONDS
        # Another user is not affected.
        other = await make_user(session)
        other_totp, _ = await enrol(session, redis, other)
        assert await verify(session, redis, other, other_totp.at(NOW)) == "totp"

    async def test_not_enabled_is_a_conflict(self, session: AsyncSession, redis: ArqRedis) -> None:
        user = await make_user(session)
        with pytest.raises(two_factor.TwoFactorNotEnabled):
            await verify(session, redis, user, "123456")


class TestDisableAndRegenerate:
    async def test_disable_needs_the_password_and_a_code(
        self, session: AsyncSession, redis: ArqRedis
    ) -> None:
        user = await make_user(session)
        totp, _ = await enrol(session, redis, user)
        with pytest.raises(two_factor.WrongPassword):
            await two_factor.disable(
                session, redis, user=user, password="not it", code=totp.at(NOW), now=NOW
            )
        with pytest.raises(two_factor.TwoFactorCodeInvalid):
            await two_factor.disable(
                session, redis, user=user, password=PASSWORD, code="1", now=NOW
            )
        status = await two_factor.disable(
            session, redis, user=user, password=PASSWORD, code=totp.at(NOW), now=NOW
        )
        assert not status.enabled and status.backup_codes_left == 0
        assert await session.scalar(select(BackupCode).where(BackupCode.user_id == user.id)) is None
        assert not await two_factor.is_enabled(session, user.id)

    async def test_regenerated_codes_replace_the_old_ones(
        self, session: AsyncSession, redis: ArqRedis
    ) -> None:
        user = await make_user(session)
        totp, old = await enrol(session, redis, user)
        new = await two_factor.regenerate_backup_codes(
            session, redis, user=user, password=PASSWORD, code=totp.at(NOW), now=NOW
        )
        assert len(new) == 10 and not set(new) & set(old)
        with pytest.raises(two_factor.TwoFactorCodeInvalid):
            await verify(session, redis, user, old[0])
        assert await verify(session, redis, user, new[0]) == "backup_code"
