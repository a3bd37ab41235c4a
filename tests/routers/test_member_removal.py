from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from tests.escalation_helpers import escalate, make_desk, make_inbox


class TestRemoveInboxOwnerFromOrganisation:
    async def test_their_claims_return_to_the_pool_and_they_own_nothing(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        escalation = await escalate(client, session, desk, inbox)
        r = await client.post(
            desk.url(f"/inboxes/{inbox['id']}/claims"), json={}, headers=desk.headers["owner"]
        )
        assert [e["id"] for e in r.json()["items"]] == [escalation["id"]]

        r = await client.delete(
            desk.url(f"/members/{desk.owner.id}"), headers=desk.headers["admin"]
        )
        assert r.status_code == 204, r.text

        r = await client.get(
            desk.url(f"/escalations/{escalation['id']}"), headers=desk.headers["supervisor"]
        )
        assert r.json()["status"] == "open" and r.json()["claimed_by"] is None
        r = await client.get(desk.url(f"/inboxes/{inbox['id']}"), headers=desk.headers["admin"])
        assert r.json()["owner_ids"] == [str(desk.owner2.id)]
        r = await client.get(
            desk.url(f"/escalations/{escalation['id']}/events"), headers=desk.headers["admin"]
        )
        released = [e for e in r.json()["items"] if e["type"] == "escalation.released"]
        assert released[0]["data"]["reason"] == "member_removed"
        assert released[0]["data"]["claimed_by"] == str(desk.owner.id)
