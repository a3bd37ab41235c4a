"""Every non-2xx answer is RFC 9457 problem+json: bad input, unknown routes, and our own faults."""

import json
import logging
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from app.config import get_settings
from app.models import Role, User
from app.services import campaigns
from tests.factories import (
    API,
    PROBLEM_JSON,
    assert_problem,
    auth,
    make_campaign,
    make_conversation,
    make_member,
    make_org,
)

# Parametrised ids must be the same in every xdist worker, so no uuid4() at collection time.
FIXED_ID = "00000000-0000-4000-8000-000000000001"


@dataclass
class World:
    owner: User
    agent: User
    urls: dict[str, str]


@pytest.fixture
async def world(session: AsyncSession) -> World:
    org = await make_org(session)
    owner = await make_member(session, org, Role.owner)
    agent = await make_member(session, org, Role.agent)
    campaign = await make_campaign(session, org)
    conv = await make_conversation(session, campaign, assignee=owner)
    base = f"{API}/orgs/{org.id}"
    return World(
        owner=owner,
        agent=agent,
        urls={
            "register": f"{API}/auth/register",
            "me": f"{API}/users/me",
            "orgs": f"{API}/orgs",
            "members": f"{base}/members",
            "member": f"{base}/members/{agent.id}",
            "campaigns": f"{base}/campaigns",
            "conversations": f"{base}/conversations",
            "messages": f"{base}/conversations/{conv.id}/messages",
        },
    )


# (route, method, a valid body): every JSON write route of the foundation.
WRITE_ROUTES = [
    ("register", "POST", {"email": "new@example.com", "password": "s3cret-pass"}),
    ("me", "PATCH", {"display_name": "Me"}),
    ("orgs", "POST", {"name": "Acme"}),
    ("members", "POST", {"email": "x@example.com", "role": "agent"}),
    ("member", "PATCH", {"role": "supervisor"}),
    ("campaigns", "POST", {"name": "Spring"}),
    ("conversations", "POST", {"contact": {"name": "Bo"}}),
    ("messages", "POST", {"body": "hi", "direction": "inbound"}),
]
WRITE_IDS = [f"{method} {route}" for route, method, _ in WRITE_ROUTES]

RAW_BODIES = {
    "not-json": b"this is not json",
    "truncated-json": b'{"name": "x"',
    "empty": b"",
    "array": b"[]",
    "null": b"null",
    "string": b'"name"',
    "number": b"42",
    "nan": b'{"name": NaN}',
    "deeply-nested": b'{"name": ' + b"[" * 5000 + b"]" * 5000 + b"}",
    "invalid-utf8": b'{"name": "\xff\xfe"}',
}

# Values that no string, UUID or enum field accepts.
BAD_VALUES = {
    "nul": "a\x00b",
    "oversize": "x" * 20_000,
    "object": {"nested": True},
    "list": ["x"],
    "number": 12,
    "null": None,
}


class TestBadInputOnEveryWriteRoute:
    @pytest.mark.parametrize("raw", RAW_BODIES.values(), ids=RAW_BODIES.keys())
    @pytest.mark.parametrize("route, method, valid", WRITE_ROUTES, ids=WRITE_IDS)
    async def test_unparseable_body_is_a_4xx_problem(
        self,
        client: AsyncClient,
        world: World,
        route: str,
        method: str,
        valid: dict[str, Any],
        raw: bytes,
    ) -> None:
        r = await client.request(
            method,
            world.urls[route],
            content=raw,
            headers={**await auth(world.owner), "Content-Type": "application/json"},
        )
        assert r.status_code in (400, 422), r.text
        assert_problem(r, r.status_code)

    @pytest.mark.parametrize("value", BAD_VALUES.values(), ids=BAD_VALUES.keys())
    @pytest.mark.parametrize("route, method, valid", WRITE_ROUTES, ids=WRITE_IDS)
    async def test_bad_value_in_every_field_is_a_4xx_problem(
        self,
        client: AsyncClient,
        world: World,
        route: str,
        method: str,
        valid: dict[str, Any],
        value: Any,
    ) -> None:
        if route == "conversations":
            valid = {**valid, "campaign_id": str(uuid.uuid4())}
        h = await auth(world.owner)
        for field in valid:
            body = {**valid, field: value}
            r = await client.request(method, world.urls[route], json=body, headers=h)
            if route == "me" and field == "display_name" and value == BAD_VALUES["nul"]:
                # Caught by PostgreSQL rather than by the schema: 400 unstorable-value.
                assert_problem(r, r.status_code)
                assert r.status_code in (400, 422), r.text
            elif route == "register" and field == "password" and isinstance(value, str):
                # A string, but not a password we accept: fastapi-users' 400.
                assert_problem(r, 400, "bad-request")
            elif route == "me" and value is None:
                # PATCH: null means "leave it".
                assert r.status_code == 200, r.text
            else:
                assert_problem(r, 422, "validation-error")

    @pytest.mark.parametrize("route, method, valid", WRITE_ROUTES, ids=WRITE_IDS)
    async def test_unknown_field_is_422(
        self, client: AsyncClient, world: World, route: str, method: str, valid: dict[str, Any]
    ) -> None:
        body = {**valid, "campaign_id": str(uuid.uuid4()), "unexpected": "x"}
        if route != "conversations":
            body.pop("campaign_id")
        r = await client.request(
            method, world.urls[route], json=body, headers=await auth(world.owner)
        )
        body = assert_problem(r, 422, "validation-error")
        assert ["body", "unexpected"] in [e["loc"] for e in body["errors"]]

    @pytest.mark.parametrize("route, method, valid", WRITE_ROUTES, ids=WRITE_IDS)
    async def test_missing_fields_are_422(
        self, client: AsyncClient, world: World, route: str, method: str, valid: dict[str, Any]
    ) -> None:
        r = await client.request(
            method, world.urls[route], json={}, headers=await auth(world.owner)
        )
        if route == "me":  # PATCH of nothing changes nothing
            assert r.status_code == 200, r.text
        else:
            assert_problem(r, 422, "validation-error")

    @pytest.mark.parametrize(
        "method, path",
        [
            ("GET", "/orgs/not-a-uuid/members"),
            ("POST", "/orgs/not-a-uuid/campaigns"),
            ("GET", "/orgs/{org}/campaigns/123"),
            ("GET", "/orgs/{org}/conversations/zzz"),
            ("POST", "/orgs/{org}/conversations/zzz/messages"),
            ("GET", "/orgs/{org}/conversations/zzz/messages"),
            ("PATCH", "/orgs/{org}/members/zzz"),
            ("DELETE", "/orgs/{org}/members/zzz"),
            ("GET", "/orgs/00000000-0000-0000-0000-00000000000g/queue"),
        ],
    )
    async def test_malformed_uuid_in_path_is_422(
        self, client: AsyncClient, session: AsyncSession, method: str, path: str
    ) -> None:
        org = await make_org(session)
        owner = await make_member(session, org, Role.owner)
        body = {"name": "x"} if method == "POST" else None
        r = await client.request(
            method, API + path.format(org=org.id), json=body, headers=await auth(owner)
        )
        body = assert_problem(r, 422, "validation-error")
        assert any(e["loc"][0] == "path" for e in body["errors"])

    async def test_form_instead_of_json_is_422(self, client: AsyncClient, world: World) -> None:
        r = await client.post(
            world.urls["orgs"], data={"name": "x"}, headers=await auth(world.owner)
        )
        assert_problem(r, 422, "validation-error")


class TestValidationProblem:
    async def test_lists_each_issue_with_loc_and_msg(
        self, client: AsyncClient, world: World
    ) -> None:
        r = await client.post(
            world.urls["conversations"],
            json={"campaign_id": "nope", "contact": {"name": ""}, "channel": "pigeon"},
            headers=await auth(world.owner),
        )
        body = assert_problem(r, 422, "validation-error")
        locs = [e["loc"] for e in body["errors"]]
        assert ["body", "campaign_id"] in locs
        assert ["body", "contact", "name"] in locs
        assert ["body", "channel"] in locs
        assert body["instance"] == world.urls["conversations"]

    async def test_query_issues_are_located_in_the_query(
        self, client: AsyncClient, world: World
    ) -> None:
        r = await client.get(
            world.urls["campaigns"], params={"limit": "lots"}, headers=await auth(world.owner)
        )
        body = assert_problem(r, 422, "validation-error")
        assert body["errors"][0]["loc"] == ["query", "limit"]


class TestBodySize:
    async def test_a_body_over_the_limit_is_413_and_nothing_is_written(
        self, client: AsyncClient, world: World
    ) -> None:
        headers = {**await auth(world.owner), "content-type": "application/json"}
        limit = get_settings().max_body_bytes
        big = json.dumps({"name": "x" * limit}).encode()
        r = await client.post(world.urls["campaigns"], content=big, headers=headers)
        assert_problem(r, 413, "content-too-large")
        assert "x" * 100 not in r.text
        r = await client.get(world.urls["campaigns"], headers=headers)
        assert all(c["name"] != "x" * limit for c in r.json()["items"])

    async def test_a_streamed_body_without_a_length_is_counted_too(
        self, client: AsyncClient, world: World
    ) -> None:
        headers = {**await auth(world.owner), "content-type": "application/json"}
        limit = get_settings().max_body_bytes

        async def chunks() -> AsyncIterator[bytes]:
            yield b'{"name": "'
            for _ in range(limit // 65_536 + 2):
                yield b"x" * 65_536
            yield b'"}'

        r = await client.post(world.urls["campaigns"], content=chunks(), headers=headers)
        assert_problem(r, 413, "content-too-large")

    async def test_a_body_under_the_limit_is_read(self, client: AsyncClient, world: World) -> None:
        headers = {**await auth(world.owner), "content-type": "application/json"}
        # Big enough to matter, small enough to pass: then validation speaks (name too long).
        r = await client.post(
            world.urls["campaigns"], content=json.dumps({"name": "x" * 100_000}), headers=headers
        )
        assert_problem(r, 422, "validation-error")


class TestUnknownRoutes:
    @pytest.mark.parametrize("method", ["GET", "POST", "PUT", "PATCH", "DELETE"])
    @pytest.mark.parametrize(
        "path", [f"{API}/nope", f"{API}/orgs/{FIXED_ID}/nope", f"{API}/", "/api/v2/orgs"]
    )
    async def test_unknown_api_route_is_404(
        self, client: AsyncClient, method: str, path: str
    ) -> None:
        assert_problem(await client.request(method, path), 404, "not-found")

    @pytest.mark.parametrize(
        "method, path",
        [
            ("PUT", f"{API}/orgs"),
            ("DELETE", f"{API}/orgs"),
            ("POST", f"{API}/users/me"),
            ("PUT", f"{API}/orgs/{FIXED_ID}/queue"),
            ("DELETE", "/healthz"),
            ("GET", f"{API}/auth/jwt/login"),
        ],
    )
    async def test_wrong_method_is_405(self, client: AsyncClient, method: str, path: str) -> None:
        r = await client.request(method, path)
        assert_problem(r, 405, "method-not-allowed")
        assert r.headers.get("allow")


class TestUnexpectedError:
    async def test_is_a_logged_500_problem_with_a_request_id_and_no_traceback(
        self,
        client: AsyncClient,
        world: World,
        monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture,
    ) -> None:
        async def explode(*args: Any, **kwargs: Any) -> None:
            raise RuntimeError("secret internals: password=hunter2")

        monkeypatch.setattr(campaigns, "list_for_org", explode)
        with caplog.at_level(logging.ERROR):
            r = await client.get(world.urls["campaigns"], headers=await auth(world.owner))

        body = assert_problem(r, 500, "internal-error")
        assert "Traceback" not in r.text and "hunter2" not in r.text
        assert "RuntimeError" not in r.text
        request_id = r.headers["X-Request-ID"]
        assert request_id and body["request_id"] == request_id
        logged = [rec for rec in caplog.records if rec.exc_info and rec.exc_info[0] is RuntimeError]
        assert logged, "the traceback must be logged"
        assert "hunter2" in str(logged[0].exc_info[1])

    async def test_echoes_the_callers_request_id(
        self, client: AsyncClient, world: World, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        async def explode(*args: Any, **kwargs: Any) -> None:
            raise RuntimeError("boom")

        monkeypatch.setattr(campaigns, "create", explode)
        mine = uuid.uuid4().hex
        r = await client.post(
            world.urls["campaigns"],
            json={"name": "x"},
            headers={**await auth(world.owner), "X-Request-ID": mine},
        )
        body = assert_problem(r, 500, "internal-error")
        assert r.headers["X-Request-ID"] == mine and body["request_id"] == mine

    async def test_in_a_temporary_route(self, client: AsyncClient) -> None:
        from app.main import app

        async def broken() -> None:
            raise ZeroDivisionError("1/0")

        app.add_api_route("/_test/broken", broken)
        # Ahead of the SPA catch-all (present when the frontend is built).
        app.router.routes.insert(0, app.router.routes.pop())
        try:
            r = await client.get("/_test/broken")
        finally:
            app.router.routes[:] = [
                route
                for route in app.router.routes
                if getattr(route, "path", "") != "/_test/broken"
            ]
        assert_problem(r, 500, "internal-error")
        assert "ZeroDivisionError" not in r.text
        assert (await client.get("/_test/broken")).status_code != 500

    async def test_successful_responses_carry_a_request_id_too(
        self, client: AsyncClient, world: World
    ) -> None:
        r = await client.get(world.urls["campaigns"], headers=await auth(world.owner))
        assert r.status_code == 200 and r.headers.get("X-Request-ID")

    async def test_every_kind_of_response_carries_the_request_id_once(
        self, client: AsyncClient, world: World, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        # A header sent twice reads as "id, id" in a browser.
        headers = await auth(world.owner)
        responses = [
            await client.get(world.urls["campaigns"], headers=headers),  # 200
            await client.get(f"{world.urls['campaigns']}/{uuid.uuid4()}", headers=headers),  # 404
            await client.post(world.urls["campaigns"], json={}, headers=headers),  # 422
            await client.get(world.urls["campaigns"]),  # 401
        ]

        async def explode(*args: Any, **kwargs: Any) -> None:
            raise RuntimeError("boom")

        monkeypatch.setattr(campaigns, "list_for_org", explode)
        responses.append(await client.get(world.urls["campaigns"], headers=headers))  # 500
        assert [r.status_code for r in responses] == [200, 404, 422, 401, 500]
        for r in responses:
            assert len(r.headers.get_list("X-Request-ID")) == 1, (r.status_code, r.headers)


class TestOpenApiDocumentsProblems:
    """The document the clients are generated from says what the handlers really send."""

    @staticmethod
    def operations() -> list[tuple[str, str, dict[str, Any]]]:
        from app.main import app

        return [
            (method, path, operation)
            for path, item in app.openapi()["paths"].items()
            for method, operation in item.items()
        ]

    def test_every_4xx_is_problem_json(self) -> None:
        for method, path, operation in self.operations():
            for code, response in operation["responses"].items():
                if code.startswith("4"):
                    assert list(response["content"]) == [PROBLEM_JSON], (method, path, code)
                    ref = response["content"][PROBLEM_JSON]["schema"]["$ref"]
                    expected = "ValidationProblem" if code == "422" else "Problem"
                    assert ref.endswith(f"/{expected}"), (method, path, code)

    def test_every_body_documents_400_and_422(self) -> None:
        for method, path, operation in self.operations():
            if "requestBody" in operation:
                assert {"400", "422"} <= operation["responses"].keys(), (method, path)

    def test_logout_is_204(self) -> None:
        from app.main import app

        responses = app.openapi()["paths"][f"{API}/auth/jwt/logout"]["post"]["responses"]
        assert "204" in responses and "200" not in responses
