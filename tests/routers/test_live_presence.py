"""Presence on the live stream (issue 24): a change reaches the other viewers' streams at once,
through any API process, and only streams that may see the escalation."""

import time
import uuid

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from app.live import Tailer
from app.services import live
from tests.escalation_helpers import make_inbox
from tests.live_helpers import committed_desk, escalate, open_stream, stream_url


class TestPresenceLive:
    async def test_a_presence_change_reaches_the_streams_that_may_see_it_within_2_s(
        self, http: httpx.AsyncClient, http_b: httpx.AsyncClient, db: AsyncSession
    ) -> None:
        desk = await committed_desk(db)
        inbox = await make_inbox(http, desk)  # owned by owner and owner2
        elsewhere = await make_inbox(http, desk, name="Elsewhere", owner_ids=[str(desk.agent.id)])
        escalation_id = await escalate(http, db, desk, inbox)
        url = desk.url(f"/escalations/{escalation_id}/presence")
        async with (
            open_stream(http_b, stream_url(desk), headers=desk.headers["owner2"]) as owner2,
            open_stream(http_b, stream_url(desk), headers=desk.headers["agent"]) as outsider,
        ):
            await owner2.until_ready()
            await outsider.until_ready()
            assert elsewhere["owner_ids"] == [str(desk.agent.id)]
            started = time.monotonic()
            r = await http.put(url, json={"state": "viewing"}, headers=desk.headers["owner"])
            assert r.status_code == 200, r.text
            message = await owner2.next(2.0)
            assert time.monotonic() - started < 2.0
            assert message.event == "presence" and message.id is None
            assert message.data["escalation_id"] == escalation_id
            assert message.data["inbox_id"] == inbox["id"]
            [present] = message.data["members"]
            assert present["user_id"] == str(desk.owner.id) and present["state"] == "viewing"

            # A beat that changes nothing is not news; composing is, and so is leaving.
            await http.put(url, json={"state": "viewing"}, headers=desk.headers["owner"])
            await http.put(url, json={"state": "composing"}, headers=desk.headers["owner"])
            composing = await owner2.next(2.0)
            assert [m["state"] for m in composing.data["members"]] == ["composing"]
            assert (await http.delete(url, headers=desk.headers["owner"])).status_code == 204
            left = await owner2.next(2.0)
            assert left.event == "presence" and left.data["members"] == []
            assert await owner2.collect(0.5) == []
            # The agent owns another inbox only: none of it reached their stream.
            assert await outsider.collect(0.5) == []

    async def test_an_unreadable_presence_message_is_dropped(self) -> None:
        tailer = Tailer("redis://127.0.0.1:1", "postgresql+asyncpg://x@127.0.0.1:1/x")
        audience = live.Audience(user_id=uuid.uuid4(), sees_all=True, inbox_ids=frozenset())
        tailer.position = 0
        stream = tailer.open(uuid.uuid4(), audience)
        for raw in (b"", b"{}", b'{"org_id": "x", "inbox_id": "y", "data": {}}'):
            tailer.hand_out_presence(raw)
        assert stream.drain() == [] and stream.end_reason is None
        await tailer.engine.dispose()
        await tailer.redis.aclose()
