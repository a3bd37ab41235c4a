"""Notes on the live stream: other viewers of an escalation see a note at once (issue 24)."""

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from tests.escalation_helpers import make_inbox
from tests.live_helpers import committed_desk, escalate, open_stream, stream_url


class TestNotesLive:
    async def test_a_note_reaches_the_other_viewers_streams_as_its_event(
        self, http: httpx.AsyncClient, http_b: httpx.AsyncClient, db: AsyncSession
    ) -> None:
        desk = await committed_desk(db)
        inbox = await make_inbox(http, desk)  # owned by owner and owner2
        escalation_id = await escalate(http, db, desk, inbox)
        async with open_stream(http_b, stream_url(desk), headers=desk.headers["owner2"]) as s:
            await s.until_ready()
            r = await http.post(
                desk.url(f"/escalations/{escalation_id}/notes"),
                json={"body": f"@{desk.owner2.email} over to you"},
                headers=desk.headers["owner"],
            )
            assert r.status_code == 201, r.text
            got = [m for m in await s.collect(1.5) if m.event != "ready"]
        [message] = got
        assert message.event == "escalation.note_added"
        assert message.data["type"] == "escalation.note_added"
        assert message.data["escalation_id"] == escalation_id
        assert message.data["actor_id"] == str(desk.owner.id)
        assert message.data["data"] == {
            "note_id": r.json()["id"],
            "mentions": [str(desk.owner2.id)],
        }
