"""The admin CLI against the test database: accounts, demo data, and how `serve` supervises.

These commit for real (the CLI opens its own connections), so they use `committed_sessionmaker`,
which empties every table afterwards. It is requested first so it is torn down last.
"""

import asyncio
import http.server
import json
import os
import signal
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app import cli, demo
from app.models import (
    Conversation,
    Escalation,
    EscalationEvent,
    Membership,
    Message,
    Organisation,
    Role,
    User,
)


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


async def _count_rows(sessionmaker: async_sessionmaker[AsyncSession]) -> dict[str, int]:
    async with sessionmaker() as session:
        return {
            model.__name__: await session.scalar(select(func.count()).select_from(model)) or 0
            for model in (User, Organisation, Conversation, Message, Escalation, EscalationEvent)
        }


async def _all(client: AsyncClient, url: str, headers: dict[str, str]) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        r = await client.get(url, params={"limit": 200, "cursor": cursor}, headers=headers)
        assert r.status_code == 200, r.text
        items += r.json()["items"]
        if not (cursor := r.json()["next_cursor"]):
            return items


class TestDemoData:
    async def test_loads_once_and_everyone_can_sign_in(
        self,
        committed_sessionmaker: async_sessionmaker[AsyncSession],
        client: AsyncClient,
    ) -> None:
        result = await cli.load_demo(committed_sessionmaker)
        assert result.created
        assert (result.users, result.campaigns, result.inboxes) == (len(demo.DEMO_PEOPLE), 3, 4)
        assert 0 < result.needs_response < result.conversations
        assert result.resolved >= 30

        async with committed_sessionmaker() as session:
            org = await session.scalar(
                select(Organisation).where(Organisation.name == demo.DEMO_ORG_NAME)
            )
            assert org is not None
            roles = await session.scalars(
                select(Membership.role).where(Membership.org_id == org.id)
            )
            assert sorted(roles) == sorted(Role(p.role) for p in demo.DEMO_PEOPLE)
            directions = set(
                await session.scalars(select(Message.direction).where(Message.org_id == org.id))
            )
            assert {d.value for d in directions} == {"inbound", "outbound"}

        before = await _count_rows(committed_sessionmaker)
        again = await cli.load_demo(committed_sessionmaker)
        assert not again.created
        assert await _count_rows(committed_sessionmaker) == before

        for person in demo.DEMO_PEOPLE:
            headers = await _login(client, person.email, demo.DEMO_PASSWORD)
            r = await client.get("/api/v1/orgs", headers=headers)
            assert [(o["name"], o["role"], o["time_zone"]) for o in r.json()["items"]] == [
                (demo.DEMO_ORG_NAME, person.role, "Europe/London")  # the office's, as reports use
            ]
        agent = await _login(client, "agent1@example.com", demo.DEMO_PASSWORD)
        r = await client.get(f"/api/v1/orgs/{org.id}/queue", headers=agent)
        assert r.status_code == 200, r.text
        assert r.json()["items"], "the demo agent should have conversations waiting"

    async def test_every_state_the_story_promises(
        self,
        committed_sessionmaker: async_sessionmaker[AsyncSession],
        client: AsyncClient,
    ) -> None:
        result = await cli.load_demo(committed_sessionmaker)
        now = datetime.now(UTC)
        url = f"/api/v1/orgs/{result.org_id}"
        lead = await _login(client, "lead@example.com", demo.DEMO_PASSWORD)

        inboxes = await _all(client, f"{url}/inboxes", lead)
        policies = await _all(client, f"{url}/sla-policies", lead)
        assert any(p["is_default"] for p in policies)  # inboxes without their own follow it
        assert all(i["owner_ids"] for i in inboxes)
        assert [i["name"] for i in inboxes if i["restricted"]] == ["Legal & compliance"]
        escalations = [
            e
            for inbox in inboxes
            for e in await _all(client, f"{url}/inboxes/{inbox['id']}/escalations", lead)
        ]
        # Every escalation runs on a policy: none reads "Policy None".
        assert all(e["sla_policy_id"] for e in escalations)

        live = [e for e in escalations if e["status"] in ("open", "claimed")]
        unclaimed = [e for e in live if e["status"] == "open"]
        claimed = [e for e in live if e["status"] == "claimed"]
        assert unclaimed
        assert any(datetime.fromisoformat(e["claim_expires_at"]) > now for e in claimed)
        assert any(e["breached_first_response"] and e["level"] >= 2 for e in live)
        assert any(e["sla_paused_at"] for e in live)
        warned = []
        for e in live:
            due = e["first_response_due_at"]
            if e["first_responded_at"] is None and due and datetime.fromisoformat(due) > now:
                trail = await _all(client, f"{url}/escalations/{e['id']}/events", lead)
                warned += [e for t in trail if t["type"] == "escalation.sla_warning"]
        assert warned, "one escalation should have had its warning and not yet breached"

        r = await client.get(f"{url}/approvals", params={"status": "pending"}, headers=lead)
        assert r.status_code == 200, r.text
        assert len(r.json()["items"]) == 1

        resolved = [e for e in escalations if e["status"] == "resolved"]
        closed = sorted(datetime.fromisoformat(e["closed_at"]) for e in resolved)
        assert len(closed) >= 30
        # Weekdays from 30 to 2 days back: weekends at both ends can trim the span to about 24 days.
        assert closed[-1] - closed[0] >= timedelta(days=23)

        r = await client.get(f"{url}/stats/escalations", params={"days": 30}, headers=lead)
        assert r.status_code == 200, r.text
        stats = r.json()
        assert stats["first_response"]["met"] > 0 and stats["first_response"]["breached"] > 0
        assert stats["resolution"]["met"] > 0
        assert 0 < sum(day["resolved"] for day in stats["daily"]) <= len(resolved)
        assert {o["inbox_name"] for o in stats["open_by_inbox"]} == {
            "Billing disputes",
            "Technical escalations",
            "Supervisor call-backs",
        }


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


class _Health(http.server.BaseHTTPRequestHandler):
    """/healthz and /readyz as the API answers them, with the worker's last beat settable."""

    beat: str | None = None

    def do_GET(self) -> None:
        body: dict[str, Any] = {"status": "ok"}
        if self.path == "/readyz":
            body = {"database": True, "redis": True, "worker": {"last_heartbeat_at": self.beat}}
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: Any) -> None:
        pass


def _supervise_for(seconds: float, base: str) -> int:
    children = {"api": _sleeper(), "worker": _sleeper()}
    timer = threading.Timer(seconds, os.kill, (os.getpid(), signal.SIGTERM))
    timer.start()
    try:
        return cli._supervise(children, base, demo=True, started=datetime.now(UTC))
    finally:
        timer.cancel()


class TestServeBanner:
    def test_waits_for_the_worker_to_start_then_lists_every_login(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Health)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        try:
            _Health.beat = (datetime.now(UTC) - timedelta(hours=1)).isoformat()  # a past run's
            assert _supervise_for(2.5, base) == 0
            assert "is running" not in capsys.readouterr().out

            _Health.beat = (datetime.now(UTC) + timedelta(seconds=1)).isoformat()
            assert _supervise_for(3.0, base) == 0
            out = capsys.readouterr().out
        finally:
            server.shutdown()
        banner = out[out.index("Escalation Inbox is running.") :]
        assert all(p.email in banner and p.role in banner for p in demo.DEMO_PEOPLE)
        assert demo.DEMO_PASSWORD in banner
        # Nothing of serve's own comes after it but the way it stopped.
        after = [line for line in banner.split("Stop:")[1].splitlines()[1:] if line]
        assert after == [
            "received SIGTERM; stopping the API and the worker",
            "stopped",
        ]


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
