"""The lists' read model (app/services/escalations/read_model.py) against the single GET: the
lists build each escalation as JSON in PostgreSQL, the GET through the ORM, and an API client
must not be able to tell them apart. And the read-only session the reads run in refuses writes."""

from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.db import ReadOnlySession
from tests.escalation_helpers import Desk, claim, escalate, make_desk, make_inbox


async def _get(client: AsyncClient, desk: Desk, escalation_id: str) -> dict[str, Any]:
    r = await client.get(desk.url(f"/escalations/{escalation_id}"), headers=desk.headers["owner"])
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


async def _listed(client: AsyncClient, desk: Desk, inbox: dict[str, Any]) -> list[dict[str, Any]]:
    r = await client.get(
        desk.url(f"/inboxes/{inbox['id']}/escalations"), headers=desk.headers["owner"]
    )
    assert r.status_code == 200, r.text
    items: list[dict[str, Any]] = r.json()["items"]
    return items


async def _in_owner_view(client: AsyncClient, desk: Desk) -> list[dict[str, Any]]:
    r = await client.get(desk.url("/me/escalations"), headers=desk.headers["owner"])
    assert r.status_code == 200, r.text
    return [e for i in r.json()["inboxes"] for g in i["groups"] for e in g["items"]]


class TestListsMatchTheSingleRead:
    @pytest.mark.parametrize("time_zone", ["UTC", "Asia/Kolkata", "America/St_Johns"])
    async def test_every_field_as_the_get_says_it(
        self, client: AsyncClient, session: AsyncSession, time_zone: str
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk, reply_within_minutes=20)
        claimed = await escalate(client, session, desk, inbox, priority="critical")
        waiting = await escalate(
            client,
            session,
            desk,
            inbox,
            priority="high",
            category="accounting",
            handoff={
                "reason": "Refund over the limit",
                "steps_taken": "Checked the order",
                "offers_made": "10% voucher",
                "help_needed": "Approve the refund",
            },
        )
        r = await claim(client, desk, inbox, count=1)  # the critical one comes first
        assert r.status_code == 201, r.text
        # PostgreSQL renders a timestamp in JSON in the connection's zone: the API must not.
        await session.execute(text(f"SET TIME ZONE '{time_zone}'"))

        singles = {e["id"]: await _get(client, desk, e["id"]) for e in (claimed, waiting)}
        assert singles[claimed["id"]]["status"] == "claimed"
        assert singles[claimed["id"]]["claim_reply_due_at"] is not None
        assert singles[waiting["id"]]["handoff"]["offers_made"] == "10% voucher"
        listed = {e["id"]: e for e in await _listed(client, desk, inbox)}
        viewed = {e["id"]: e for e in await _in_owner_view(client, desk)}
        assert listed == singles
        assert viewed == singles
        assert singles[claimed["id"]]["claimed_at"].endswith("Z")


class TestReadOnlySession:
    async def test_a_write_is_refused_before_it_reaches_the_database(
        self, sessionmaker: async_sessionmaker[AsyncSession], session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        await session.commit()
        read_only = async_sessionmaker(
            bind=sessionmaker.kw["bind"],
            join_transaction_mode="create_savepoint",
            sync_session_class=ReadOnlySession,
        )
        async with read_only() as reader:
            org = await reader.get(type(desk.org), desk.org.id)
            assert org is not None
            org.name = "Renamed by a GET"
            with pytest.raises(RuntimeError, match="read-only route"):
                await reader.flush()
            await reader.rollback()
        stored = await session.get(type(desk.org), desk.org.id, populate_existing=True)
        assert stored is not None and stored.name != "Renamed by a GET"
