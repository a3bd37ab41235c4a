"""Conversations, messages, counts and the reply queue: visibility per role, and stable paging."""

import base64
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from app.deps import _now
from app.main import app
from app.models import Campaign, Conversation, Organisation, Role, User
from tests.factories import (
    API,
    assert_problem,
    auth,
    make_campaign,
    make_conversation,
    make_member,
    make_message,
    make_org,
)

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> Iterator[list[datetime]]:
    """The request clock, fixed at T0; tests move it by replacing `clock[0]`."""
    now = [T0]
    app.dependency_overrides[_now] = lambda: now[0]
    yield now
    app.dependency_overrides.pop(_now, None)


@dataclass
class Desk:
    org: Organisation
    campaign: Campaign
    owner: User
    supervisor: User
    agent: User
    other_agent: User

    def url(self, path: str = "") -> str:
        return f"{API}/orgs/{self.org.id}{path}"


@pytest.fixture
async def desk(session: AsyncSession) -> Desk:
    org = await make_org(session)
    return Desk(
        org=org,
        campaign=await make_campaign(session, org),
        owner=await make_member(session, org, Role.owner),
        supervisor=await make_member(session, org, Role.supervisor),
        agent=await make_member(session, org, Role.agent),
        other_agent=await make_member(session, org, Role.agent),
    )


def ids(response: Any) -> list[str]:
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


async def collect(
    client: AsyncClient, url: str, headers: dict[str, str], **params: Any
) -> list[str]:
    """Every id of a list, following `next_cursor` with pages of two."""
    seen: list[str] = []
    cursor = None
    for _ in range(100):
        query = {"limit": 2, **params, **({"cursor": cursor} if cursor else {})}
        r = await client.get(url, params=query, headers=headers)
        page = ids(r)
        assert len(page) <= 2
        seen += page
        cursor = r.json()["next_cursor"]
        if cursor is None:
            return seen
    raise AssertionError("the cursor never ran out")


class TestCreateConversation:
    async def test_with_initial_message_needs_a_response(
        self, client: AsyncClient, desk: Desk, clock: list[datetime]
    ) -> None:
        r = await client.post(
            desk.url("/conversations"),
            json={
                "campaign_id": str(desk.campaign.id),
                "contact": {
                    "name": "Bo",
                    "phone": "+44 20 7946 0000",
                    "email": "bo@example.com",
                    "attributes": {"tier": "gold", "n": [1, 2.5, None, {"deep": True}]},
                },
                "assignee_id": str(desk.agent.id),
                "channel": "whatsapp",
                "message": {"body": "Where is my order?"},
            },
            headers=await auth(desk.owner),
        )
        assert r.status_code == 201, r.text
        body = r.json()
        assert body["needs_response"] is True
        assert body["needs_response_since"] == "2026-03-02T09:00:00Z"
        assert body["campaign_id"] == str(desk.campaign.id)
        assert body["assignee_id"] == str(desk.agent.id)
        assert body["channel"] == "whatsapp" and body["escalation"] is None
        assert body["contact"]["name"] == "Bo"
        assert body["contact"]["attributes"] == {
            "tier": "gold",
            "n": [1, 2.5, None, {"deep": True}],
        }
        messages = await client.get(
            desk.url(f"/conversations/{body['id']}/messages"), headers=await auth(desk.agent)
        )
        assert [(m["direction"], m["body"]) for m in messages.json()["items"]] == [
            ("inbound", "Where is my order?")
        ]

    async def test_without_message_needs_no_response(self, client: AsyncClient, desk: Desk) -> None:
        r = await client.post(
            desk.url("/conversations"),
            json={"campaign_id": str(desk.campaign.id), "contact": {"name": "Bo"}},
            headers=await auth(desk.agent),
        )
        assert r.status_code == 201, r.text
        body = r.json()
        assert body["needs_response"] is False and body["needs_response_since"] is None
        assert body["assignee_id"] is None and body["channel"] == "sms"

    async def test_assignee_who_is_not_a_member_is_404(
        self, client: AsyncClient, session: AsyncSession, desk: Desk
    ) -> None:
        outsider = await make_member(session, await make_org(session), Role.owner)
        for assignee in (outsider.id, uuid.uuid4()):
            r = await client.post(
                desk.url("/conversations"),
                json={
                    "campaign_id": str(desk.campaign.id),
                    "contact": {"name": "Bo"},
                    "assignee_id": str(assignee),
                },
                headers=await auth(desk.owner),
            )
            assert_problem(r, 404, "assignee-not-found")

    async def test_campaign_of_another_org_is_404(
        self, client: AsyncClient, session: AsyncSession, desk: Desk
    ) -> None:
        foreign = await make_campaign(session, await make_org(session))
        for campaign_id in (foreign.id, uuid.uuid4()):
            r = await client.post(
                desk.url("/conversations"),
                json={"campaign_id": str(campaign_id), "contact": {"name": "Bo"}},
                headers=await auth(desk.owner),
            )
            assert_problem(r, 404, "campaign-not-found")

    @pytest.mark.parametrize(
        "change",
        [
            {"campaign_id": None},
            {"campaign_id": "not-a-uuid"},
            {"contact": None},
            {"contact": {}},
            {"contact": {"name": "n" * 201}},
            {"contact": {"name": "Bo", "phone": "call me"}},
            {"contact": {"name": "Bo", "email": "nope"}},
            {"contact": {"name": "Bo", "attributes": {"k": "a\x00"}}},
            {"contact": {"name": "Bo", "attributes": {f"k{i}": i for i in range(51)}}},
            {"contact": {"name": "Bo", "x": 1}},
            {"assignee_id": "me"},
            {"channel": "pigeon"},
            {"message": {"body": ""}},
            {"message": {"body": "b" * 10001}},
            {"message": {"body": "a\x00b"}},
            {"message": "hi"},
            {"surprise": True},
        ],
        ids=[
            "campaign-missing",
            "campaign-malformed",
            "contact-missing",
            "contact-name-missing",
            "contact-name-too-long",
            "phone-malformed",
            "email-malformed",
            "attribute-nul",
            "too-many-attributes",
            "contact-extra-field",
            "assignee-malformed",
            "unknown-channel",
            "empty-message",
            "message-too-long",
            "message-nul",
            "message-not-an-object",
            "extra-field",
        ],
    )
    async def test_bad_body_is_422(
        self, client: AsyncClient, desk: Desk, change: dict[str, Any]
    ) -> None:
        body = {"campaign_id": str(desk.campaign.id), "contact": {"name": "Bo"}, **change}
        body = {k: v for k, v in body.items() if v is not None}
        r = await client.post(desk.url("/conversations"), json=body, headers=await auth(desk.owner))
        assert_problem(r, 422, "validation-error")


class TestAddMessage:
    async def test_inbound_sets_and_outbound_clears_needs_response(
        self, client: AsyncClient, session: AsyncSession, desk: Desk, clock: list[datetime]
    ) -> None:
        conv = await make_conversation(
            session, desk.campaign, assignee=desk.agent, needs_response=False
        )
        h = await auth(desk.agent)
        url = desk.url(f"/conversations/{conv.id}")

        r = await client.post(
            f"{url}/messages", json={"body": "hi", "direction": "inbound"}, headers=h
        )
        assert r.status_code == 201, r.text
        assert r.json()["direction"] == "inbound" and r.json()["author_id"] is None
        got = (await client.get(url, headers=h)).json()
        assert (
            got["needs_response"] is True and got["needs_response_since"] == "2026-03-02T09:00:00Z"
        )

        # A second inbound message keeps the contact's original waiting time.
        clock[0] = T0 + timedelta(minutes=5)
        await client.post(
            f"{url}/messages", json={"body": "hello?", "direction": "inbound"}, headers=h
        )
        got = (await client.get(url, headers=h)).json()
        assert got["needs_response_since"] == "2026-03-02T09:00:00Z"
        assert got["last_message_at"] == "2026-03-02T09:05:00Z"

        clock[0] = T0 + timedelta(minutes=7)
        r = await client.post(
            f"{url}/messages", json={"body": "on it", "direction": "outbound"}, headers=h
        )
        assert r.status_code == 201, r.text
        assert r.json()["author_id"] == str(desk.agent.id)
        got = (await client.get(url, headers=h)).json()
        assert got["needs_response"] is False and got["needs_response_since"] is None

    async def test_agent_cannot_write_to_anothers_conversation(
        self, client: AsyncClient, session: AsyncSession, desk: Desk
    ) -> None:
        conv = await make_conversation(session, desk.campaign, assignee=desk.other_agent)
        r = await client.post(
            desk.url(f"/conversations/{conv.id}/messages"),
            json={"body": "hi", "direction": "outbound"},
            headers=await auth(desk.agent),
        )
        assert_problem(r, 404, "conversation-not-found")

    async def test_supervisor_may_answer_any(
        self, client: AsyncClient, session: AsyncSession, desk: Desk
    ) -> None:
        conv = await make_conversation(session, desk.campaign, assignee=desk.agent)
        r = await client.post(
            desk.url(f"/conversations/{conv.id}/messages"),
            json={"body": "hi", "direction": "outbound"},
            headers=await auth(desk.supervisor),
        )
        assert r.status_code == 201, r.text

    async def test_unknown_conversation_is_404(self, client: AsyncClient, desk: Desk) -> None:
        r = await client.post(
            desk.url(f"/conversations/{uuid.uuid4()}/messages"),
            json={"body": "hi", "direction": "inbound"},
            headers=await auth(desk.owner),
        )
        assert_problem(r, 404, "conversation-not-found")

    @pytest.mark.parametrize(
        "body",
        [
            {"body": "hi"},
            {"direction": "inbound"},
            {"body": "hi", "direction": "sideways"},
            {"body": "", "direction": "inbound"},
            {"body": "   ", "direction": "inbound"},
            {"body": "b" * 10001, "direction": "inbound"},
            {"body": "a\x00b", "direction": "inbound"},
            {"body": 5, "direction": "inbound"},
            {"body": "hi", "direction": "inbound", "author_id": str(uuid.uuid4())},
        ],
        ids=[
            "no-direction",
            "no-body",
            "bad-direction",
            "empty",
            "blank",
            "too-long",
            "nul",
            "wrong-type",
            "extra-field",
        ],
    )
    async def test_bad_body_is_422(
        self, client: AsyncClient, session: AsyncSession, desk: Desk, body: dict[str, Any]
    ) -> None:
        conv = await make_conversation(session, desk.campaign, assignee=desk.agent)
        r = await client.post(
            desk.url(f"/conversations/{conv.id}/messages"),
            json=body,
            headers=await auth(desk.agent),
        )
        assert_problem(r, 422, "validation-error")

    async def test_body_of_10000_characters_is_fine(
        self, client: AsyncClient, session: AsyncSession, desk: Desk
    ) -> None:
        conv = await make_conversation(session, desk.campaign, assignee=desk.agent)
        r = await client.post(
            desk.url(f"/conversations/{conv.id}/messages"),
            json={"body": "b" * 10000, "direction": "inbound"},
            headers=await auth(desk.agent),
        )
        assert r.status_code == 201, r.text


class TestListMessages:
    async def test_oldest_first_across_pages(
        self, client: AsyncClient, session: AsyncSession, desk: Desk
    ) -> None:
        conv = await make_conversation(session, desk.campaign, assignee=desk.agent)
        messages = [
            await make_message(session, conv, body=f"m{i}", at=T0 + timedelta(minutes=i))
            for i in range(5)
        ]
        # Two at the same instant: the id breaks the tie, and neither is lost.
        messages += [
            await make_message(session, conv, at=T0 + timedelta(minutes=9)) for _ in range(2)
        ]
        expected = [str(m.id) for m in sorted(messages, key=lambda m: (m.created_at, m.id))]
        url = desk.url(f"/conversations/{conv.id}/messages")
        assert await collect(client, url, await auth(desk.agent)) == expected

    async def test_agent_cannot_read_anothers(
        self, client: AsyncClient, session: AsyncSession, desk: Desk
    ) -> None:
        conv = await make_conversation(session, desk.campaign, assignee=desk.other_agent)
        r = await client.get(
            desk.url(f"/conversations/{conv.id}/messages"), headers=await auth(desk.agent)
        )
        assert_problem(r, 404, "conversation-not-found")


class TestGetConversation:
    async def test_agent_sees_their_own_only(
        self, client: AsyncClient, session: AsyncSession, desk: Desk
    ) -> None:
        mine = await make_conversation(session, desk.campaign, assignee=desk.agent)
        theirs = await make_conversation(session, desk.campaign, assignee=desk.other_agent)
        unassigned = await make_conversation(session, desk.campaign)
        h = await auth(desk.agent)
        r = await client.get(desk.url(f"/conversations/{mine.id}"), headers=h)
        assert r.status_code == 200, r.text
        assert r.json()["contact"]["name"].startswith("Contact")
        for conv in (theirs, unassigned):
            r = await client.get(desk.url(f"/conversations/{conv.id}"), headers=h)
            assert_problem(r, 404, "conversation-not-found")

    @pytest.mark.parametrize("role", ["supervisor", "owner"])
    async def test_supervisor_and_up_see_all(
        self, client: AsyncClient, session: AsyncSession, desk: Desk, role: str
    ) -> None:
        h = await auth(getattr(desk, role))
        for assignee in (desk.agent, None):
            conv = await make_conversation(session, desk.campaign, assignee=assignee)
            r = await client.get(desk.url(f"/conversations/{conv.id}"), headers=h)
            assert r.status_code == 200, r.text

    async def test_malformed_id_is_422(self, client: AsyncClient, desk: Desk) -> None:
        r = await client.get(desk.url("/conversations/12345"), headers=await auth(desk.owner))
        assert_problem(r, 422, "validation-error")


@pytest.fixture
async def spread(session: AsyncSession, desk: Desk) -> dict[str, Conversation]:
    """Conversations across two campaigns, assignees and states."""
    second = await make_campaign(session, desk.org)
    specs = {
        "agent_waiting": (desk.campaign, desk.agent, True),
        "agent_answered": (desk.campaign, desk.agent, False),
        "agent_waiting_2nd": (second, desk.agent, True),
        "other_waiting": (desk.campaign, desk.other_agent, True),
        "other_answered": (second, desk.other_agent, False),
        "unassigned_waiting": (second, None, True),
    }
    out = {}
    for i, (name, (campaign, assignee, waiting)) in enumerate(specs.items()):
        out[name] = await make_conversation(
            session,
            campaign,
            assignee=assignee,
            needs_response=waiting,
            since=T0 + timedelta(minutes=i),
        )
    return out


FILTERS = [
    {},
    {"needs_response": "true"},
    {"needs_response": "false"},
    {"campaign_id": "first"},
    {"campaign_id": "second"},
    {"campaign_id": "first", "needs_response": "true"},
]


def _params(desk: Desk, spread: dict[str, Conversation], raw: dict[str, str]) -> dict[str, str]:
    params = dict(raw)
    if params.get("campaign_id") == "first":
        params["campaign_id"] = str(desk.campaign.id)
    elif params.get("campaign_id") == "second":
        params["campaign_id"] = str(spread["other_answered"].campaign_id)
    return params


def _expected(
    spread: dict[str, Conversation], params: dict[str, str], viewer: User | None
) -> list[str]:
    rows = [
        c
        for c in spread.values()
        if (viewer is None or c.assignee_id == viewer.id)
        and ("campaign_id" not in params or str(c.campaign_id) == params["campaign_id"])
        and (
            "needs_response" not in params
            or c.needs_response == (params["needs_response"] == "true")
        )
    ]
    return [str(c.id) for c in sorted(rows, key=lambda c: (c.created_at, c.id), reverse=True)]


class TestListConversations:
    @pytest.mark.parametrize(
        "raw", FILTERS, ids=lambda f: "&".join(f"{k}={v}" for k, v in f.items()) or "all"
    )
    @pytest.mark.parametrize("role", ["agent", "supervisor", "owner"])
    async def test_filters_and_visibility(
        self,
        client: AsyncClient,
        desk: Desk,
        spread: dict[str, Conversation],
        role: str,
        raw: dict[str, str],
    ) -> None:
        params = _params(desk, spread, raw)
        viewer = desk.agent if role == "agent" else None
        r = await client.get(
            desk.url("/conversations"), params=params, headers=await auth(getattr(desk, role))
        )
        assert ids(r) == _expected(spread, params, viewer)

    @pytest.mark.parametrize("params", [{"campaign_id": "x"}, {"needs_response": "perhaps"}])
    async def test_malformed_filter_is_422(
        self, client: AsyncClient, desk: Desk, params: dict[str, str]
    ) -> None:
        r = await client.get(
            desk.url("/conversations"), params=params, headers=await auth(desk.owner)
        )
        assert_problem(r, 422, "validation-error")


class TestCountConversations:
    @pytest.mark.parametrize(
        "raw", FILTERS, ids=lambda f: "&".join(f"{k}={v}" for k, v in f.items()) or "all"
    )
    @pytest.mark.parametrize("role", ["agent", "supervisor"])
    async def test_match_the_list(
        self,
        client: AsyncClient,
        desk: Desk,
        spread: dict[str, Conversation],
        role: str,
        raw: dict[str, str],
    ) -> None:
        params = _params(desk, spread, raw)
        h = await auth(getattr(desk, role))
        listed = (await client.get(desk.url("/conversations"), params=params, headers=h)).json()[
            "items"
        ]
        r = await client.get(desk.url("/conversations/counts"), params=params, headers=h)
        assert r.status_code == 200, r.text
        assert r.json() == {
            "total": len(listed),
            "needs_response": sum(1 for c in listed if c["needs_response"]),
        }

    async def test_agent_counts_only_their_own(
        self, client: AsyncClient, desk: Desk, spread: dict[str, Conversation]
    ) -> None:
        r = await client.get(desk.url("/conversations/counts"), headers=await auth(desk.agent))
        assert r.json() == {"total": 3, "needs_response": 2}
        r = await client.get(desk.url("/conversations/counts"), headers=await auth(desk.supervisor))
        assert r.json() == {"total": 6, "needs_response": 4}


class TestReplyQueue:
    async def test_my_waiting_conversations_oldest_first(
        self, client: AsyncClient, session: AsyncSession, desk: Desk
    ) -> None:
        newest = await make_conversation(session, desk.campaign, assignee=desk.agent, since=T0)
        oldest = await make_conversation(
            session, desk.campaign, assignee=desk.agent, since=T0 - timedelta(hours=3)
        )
        middle = await make_conversation(
            session, desk.campaign, assignee=desk.agent, since=T0 - timedelta(hours=1)
        )
        # Not in it: answered, someone else's, unassigned, and mine in another organisation.
        await make_conversation(session, desk.campaign, assignee=desk.agent, needs_response=False)
        await make_conversation(
            session, desk.campaign, assignee=desk.other_agent, since=T0 - timedelta(days=1)
        )
        await make_conversation(session, desk.campaign, since=T0 - timedelta(days=1))
        elsewhere = await make_org(session)
        await make_member(session, elsewhere, Role.agent, user=desk.agent)
        await make_conversation(
            session,
            await make_campaign(session, elsewhere),
            assignee=desk.agent,
            since=T0 - timedelta(days=2),
        )
        r = await client.get(desk.url("/queue"), headers=await auth(desk.agent))
        assert ids(r) == [str(oldest.id), str(middle.id), str(newest.id)]

    async def test_supervisor_queue_is_their_own_not_everyones(
        self, client: AsyncClient, session: AsyncSession, desk: Desk
    ) -> None:
        await make_conversation(session, desk.campaign, assignee=desk.agent)
        r = await client.get(desk.url("/queue"), headers=await auth(desk.supervisor))
        assert ids(r) == []

    async def test_answering_takes_it_out_and_a_reply_puts_it_back(
        self, client: AsyncClient, session: AsyncSession, desk: Desk, clock: list[datetime]
    ) -> None:
        first = await make_conversation(
            session, desk.campaign, assignee=desk.agent, since=T0 - timedelta(hours=2)
        )
        second = await make_conversation(
            session, desk.campaign, assignee=desk.agent, since=T0 - timedelta(hours=1)
        )
        h = await auth(desk.agent)
        await client.post(
            desk.url(f"/conversations/{first.id}/messages"),
            json={"body": "ok", "direction": "outbound"},
            headers=h,
        )
        assert ids(await client.get(desk.url("/queue"), headers=h)) == [str(second.id)]
        await client.post(
            desk.url(f"/conversations/{first.id}/messages"),
            json={"body": "?", "direction": "inbound"},
            headers=h,
        )
        # It waits since now (T0), so it queues behind `second`.
        assert ids(await client.get(desk.url("/queue"), headers=h)) == [
            str(second.id),
            str(first.id),
        ]

    async def test_pages_in_order_with_ties(
        self, client: AsyncClient, session: AsyncSession, desk: Desk
    ) -> None:
        convs = [
            await make_conversation(
                session, desk.campaign, assignee=desk.agent, since=T0 + timedelta(minutes=i // 2)
            )
            for i in range(7)
        ]
        expected = [str(c.id) for c in sorted(convs, key=lambda c: (c.needs_response_since, c.id))]
        assert await collect(client, desk.url("/queue"), await auth(desk.agent)) == expected


def _cursor(values: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


LIST_PATHS = [
    "/conversations",
    "/campaigns",
    "/members",
    "/queue",
    "/conversations/{conv}/messages",
]


class TestPagination:
    async def test_newest_first_with_ties_no_gaps_no_duplicates(
        self, client: AsyncClient, session: AsyncSession, desk: Desk
    ) -> None:
        convs = [
            await make_conversation(
                session, desk.campaign, assignee=desk.agent, since=T0 + timedelta(minutes=i // 3)
            )
            for i in range(9)
        ]
        expected = [
            str(c.id) for c in sorted(convs, key=lambda c: (c.created_at, c.id), reverse=True)
        ]
        assert await collect(client, desk.url("/conversations"), await auth(desk.owner)) == expected

    async def test_rows_inserted_between_pages_do_not_shift_the_rest(
        self, client: AsyncClient, session: AsyncSession, desk: Desk, clock: list[datetime]
    ) -> None:
        old = [
            await make_conversation(session, desk.campaign, since=T0 - timedelta(minutes=10 - i))
            for i in range(7)
        ]
        expected_old = [str(c.id) for c in reversed(old)]
        h = await auth(desk.owner)
        seen: list[str] = []
        cursor = None
        for page_number in range(20):
            params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
            r = await client.get(desk.url("/conversations"), params=params, headers=h)
            seen += ids(r)
            cursor = r.json()["next_cursor"]
            if cursor is None:
                break
            # Someone starts two new conversations (newer than everything) between our page fetches.
            clock[0] = T0 + timedelta(minutes=page_number)
            for _ in range(2):
                created = await client.post(
                    desk.url("/conversations"),
                    json={"campaign_id": str(desk.campaign.id), "contact": {"name": "New"}},
                    headers=h,
                )
                assert created.status_code == 201, created.text
        assert seen == expected_old

    async def test_campaigns_newest_first_across_pages(
        self, client: AsyncClient, session: AsyncSession, desk: Desk
    ) -> None:
        campaigns = [desk.campaign] + [await make_campaign(session, desk.org) for _ in range(4)]
        expected = [
            str(c.id) for c in sorted(campaigns, key=lambda c: (c.created_at, c.id), reverse=True)
        ]
        h = await auth(desk.agent)
        first = await client.get(desk.url("/campaigns"), params={"limit": 2}, headers=h)
        # A campaign created after the first page does not appear on later ones.
        await make_campaign(session, desk.org)
        rest = await collect(client, desk.url("/campaigns"), h, cursor=first.json()["next_cursor"])
        assert ids(first) + rest == expected

    @pytest.mark.parametrize("path", LIST_PATHS)
    @pytest.mark.parametrize(
        "cursor",
        [
            "garbage!",
            "é",
            _cursor(["2026-01-01T00:00:00+00:00"]),
            _cursor(["2026-01-01T00:00:00", str(uuid.uuid4())]),
            _cursor(["0001-01-01T00:00:00+14:00", str(uuid.uuid4())]),
            _cursor(["9999-12-31T23:59:59-14:00", str(uuid.uuid4())]),
            _cursor(["2026-01-01T00:00:00+00:00", "not-a-uuid"]),
            _cursor(["2026-01-01T00:00:00+00:00", 5]),
            _cursor([None, None]),
            _cursor({"a": 1}),
        ],
        ids=[
            "not-base64",
            "non-ascii",
            "too-short",
            "naive-time",
            "before-year-1-in-utc",
            "after-9999-in-utc",
            "bad-uuid",
            "number",
            "nulls",
            "object",
        ],
    )
    async def test_malformed_cursor_is_400(
        self, client: AsyncClient, session: AsyncSession, desk: Desk, path: str, cursor: str
    ) -> None:
        conv = await make_conversation(session, desk.campaign, assignee=desk.agent)
        r = await client.get(
            desk.url(path.format(conv=conv.id)),
            params={"cursor": cursor},
            headers=await auth(desk.agent),
        )
        assert_problem(r, 400, "invalid-cursor")

    @pytest.mark.parametrize("path", LIST_PATHS)
    @pytest.mark.parametrize("limit", ["0", "201", "-1", "ten"])
    async def test_limit_out_of_range_is_422(
        self, client: AsyncClient, session: AsyncSession, desk: Desk, path: str, limit: str
    ) -> None:
        conv = await make_conversation(session, desk.campaign, assignee=desk.agent)
        r = await client.get(
            desk.url(path.format(conv=conv.id)),
            params={"limit": limit},
            headers=await auth(desk.agent),
        )
        assert_problem(r, 422, "validation-error")

    async def test_limits_1_and_200_are_fine(self, client: AsyncClient, desk: Desk) -> None:
        h = await auth(desk.agent)
        for limit in (1, 200):
            r = await client.get(desk.url("/campaigns"), params={"limit": limit}, headers=h)
            assert r.status_code == 200, r.text

    async def test_orgs_limit_out_of_range_is_422(self, client: AsyncClient, desk: Desk) -> None:
        r = await client.get(f"{API}/orgs", params={"limit": 0}, headers=await auth(desk.agent))
        assert_problem(r, 422, "validation-error")
        r = await client.get(
            f"{API}/orgs", params={"cursor": "%%%"}, headers=await auth(desk.agent)
        )
        assert_problem(r, 400, "invalid-cursor")

    async def test_default_page_is_50(
        self, client: AsyncClient, session: AsyncSession, desk: Desk
    ) -> None:
        for i in range(51):
            await make_conversation(session, desk.campaign, since=T0 + timedelta(seconds=i))
        r = await client.get(desk.url("/conversations"), headers=await auth(desk.owner))
        assert len(ids(r)) == 50 and r.json()["next_cursor"]
