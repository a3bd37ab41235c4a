"""The admin CLI against the test database: accounts, demo data, and how `serve` supervises.

These commit for real (the CLI opens its own connections), so they use `committed_sessionmaker`,
which empties every table afterwards. It is requested first so it is torn down last.
"""

import asyncio
import os
import signal
import subprocess
import sys
import threading

from httpx import AsyncClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app import cli
from app.models import Campaign, Conversation, Membership, Message, Organisation, Role, User


async def _run_cli(database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": database_url}
    return await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "app.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


async def _login(client: AsyncClient, email: str, password: str) -> dict[str, str]:
    r = await client.post("/api/v1/auth/jwt/login", data={"username": email, "password": password})
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


class TestCreateAdmin:
    async def test_creates_owner_who_can_log_in_and_reruns_cleanly(
        self,
        committed_sessionmaker: async_sessionmaker[AsyncSession],
        database_url: str,
        client: AsyncClient,
    ) -> None:
        first = await _run_cli(
            database_url,
            *("create-admin", "--email", "boss@example.com", "--password", "long-enough-pw"),
            *("--org-name", "Acme Support"),
        )
        assert first.returncode == 0, first.stderr
        assert "Created admin boss@example.com" in first.stdout

        # Emails match case-insensitively, as at login.
        again = await _run_cli(
            database_url, "create-admin", "--email", "Boss@Example.com", "--password", "other-pw-1"
        )
        assert again.returncode == 0, again.stderr
        assert "already exists" in again.stdout

        async with committed_sessionmaker() as session:
            users = (await session.scalars(select(User))).all()
            assert [u.email for u in users] == ["boss@example.com"]
            user = users[0]
            assert user is not None and user.is_superuser and user.is_verified
            assert user.hashed_password != "long-enough-pw"
            rows = (
                await session.execute(
                    select(Organisation.name, Membership.role)
                    .join(Membership, Membership.org_id == Organisation.id)
                    .where(Membership.user_id == user.id)
                )
            ).all()
        assert rows == [("Acme Support", Role.owner)]

        headers = await _login(client, "boss@example.com", "long-enough-pw")
        r = await client.get("/api/v1/orgs", headers=headers)
        assert r.status_code == 200, r.text
        assert [(o["name"], o["role"]) for o in r.json()["items"]] == [("Acme Support", "owner")]

    async def test_bad_input_is_one_line_not_a_traceback(
        self, committed_sessionmaker: async_sessionmaker[AsyncSession], database_url: str
    ) -> None:
        weak = await _run_cli(
            database_url, "create-admin", "--email", "a@example.com", "--password", "short"
        )
        assert weak.returncode == 1
        assert "password rejected" in weak.stderr and "Traceback" not in weak.stderr
        bad_email = await _run_cli(
            database_url, "create-admin", "--email", "nope", "--password", "long-enough-pw"
        )
        assert bad_email.returncode == 1
        assert "email" in bad_email.stderr and "Traceback" not in bad_email.stderr
        async with committed_sessionmaker() as session:
            assert await session.scalar(select(func.count()).select_from(User)) == 0


class TestDemoData:
    async def test_loads_once_and_people_can_log_in(
        self,
        committed_sessionmaker: async_sessionmaker[AsyncSession],
        client: AsyncClient,
    ) -> None:
        result = await cli.load_demo(committed_sessionmaker)
        assert result.created
        assert (result.users, result.campaigns, result.conversations) == (4, 3, 20)
        assert 0 < result.needs_response < result.conversations

        async with committed_sessionmaker() as session:
            org = await session.scalar(
                select(Organisation).where(Organisation.name == cli.DEMO_ORG_NAME)
            )
            assert org is not None
            roles = sorted(
                await session.scalars(select(Membership.role).where(Membership.org_id == org.id))
            )
            assert roles == sorted([Role.owner, Role.supervisor, Role.agent, Role.agent])
            campaigns = await session.scalar(
                select(func.count()).select_from(Campaign).where(Campaign.org_id == org.id)
            )
            assert campaigns == 3
            per_agent = (
                await session.execute(
                    select(Conversation.assignee_id, func.count())
                    .where(Conversation.org_id == org.id)
                    .group_by(Conversation.assignee_id)
                )
            ).all()
            assert sorted(count for _, count in per_agent) == [10, 10]
            assert None not in {assignee for assignee, _ in per_agent}
            directions = set(
                await session.scalars(select(Message.direction).where(Message.org_id == org.id))
            )
            assert {d.value for d in directions} == {"inbound", "outbound"}

        again = await cli.load_demo(committed_sessionmaker)
        assert not again.created

        owner = await _login(client, cli.DEMO_OWNER_EMAIL, cli.DEMO_PASSWORD)
        r = await client.get("/api/v1/orgs", headers=owner)
        assert [o["name"] for o in r.json()["items"]] == [cli.DEMO_ORG_NAME]
        agent = await _login(client, "agent1@example.com", cli.DEMO_PASSWORD)
        r = await client.get(f"/api/v1/orgs/{org.id}/queue", headers=agent)
        assert r.status_code == 200, r.text
        assert r.json()["items"], "the demo agent should have conversations waiting"


def _sleeper() -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(60)"], start_new_session=True
    )


# Nothing listens on the discard port, so the health probe fails fast and no banner is printed.
UNREACHABLE = "http://127.0.0.1:9"


class TestServeSupervision:
    def test_one_child_dying_stops_the_other_and_fails(self) -> None:
        api = _sleeper()
        worker = subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"])
        code = cli._supervise({"api": api, "worker": worker}, UNREACHABLE, demo=False)
        assert code == 3
        assert api.poll() is not None

    def test_sigterm_stops_both_children_cleanly(self) -> None:
        children = {"api": _sleeper(), "worker": _sleeper()}
        timer = threading.Timer(1.0, os.kill, (os.getpid(), signal.SIGTERM))
        timer.start()
        try:
            code = cli._supervise(children, UNREACHABLE, demo=False)
        finally:
            timer.cancel()
        assert code == 0
        assert all(child.poll() is not None for child in children.values())


class TestServeWorkers:
    def test_one_api_process_per_cpu_by_default(self) -> None:
        assert cli.api_processes(None, reload=False) == (os.cpu_count() or 1)

    def test_an_explicit_count_wins(self) -> None:
        assert cli.api_processes(3, reload=False) == 3

    def test_reload_runs_one(self) -> None:
        assert cli.api_processes(None, reload=True) == 1
        assert cli.api_processes(1, reload=True) == 1

    def test_reload_with_several_workers_is_refused_in_one_line(self) -> None:
        result = subprocess.run(
            [sys.executable, "-m", "app.cli", "serve", "--reload", "--workers", "2"],
            env={**os.environ, "DATABASE_URL": "postgresql+asyncpg://nobody@127.0.0.1:1/x"},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 1
        assert result.stderr.strip() == "error: --reload runs one API process: leave out --workers"
