"""The key matrix, generated from the OpenAPI document: every operation against every scope.

Every authenticated operation must declare `x-required-scope` (app/scopes.py): a new endpoint
without one fails here. A key without that scope gets 403 `missing-scope`; a key with only that
scope gets past the scope check; a key with every scope, sent to another organisation, gets 404.
"""

import re
import uuid
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from app.main import app
from app.models import Scope
from app.scopes import NO_KEYS, REQUIRED_SCOPE, SCOPE_EXTENSION
from tests.factories import assert_problem, make_api_key, make_org

METHODS = {"get", "post", "put", "patch", "delete"}


def _operations() -> list[tuple[str, str, dict[str, Any]]]:
    paths = app.openapi()["paths"]
    return [
        (method, path, op)
        for path, item in paths.items()
        for method, op in item.items()
        if method in METHODS and op.get("security")
    ]


OPERATIONS = _operations()


def _url(path: str, org_id: uuid.UUID) -> str:
    url = path.replace("{org_id}", str(org_id))
    return re.sub(r"\{[^}]+\}", lambda _: str(uuid.uuid4()), url)


def test_every_authenticated_operation_declares_a_scope() -> None:
    known = {s.value for s in Scope} | {NO_KEYS}
    missing = [
        f"{m.upper()} {p}" for m, p, op in OPERATIONS if op.get(SCOPE_EXTENSION) not in known
    ]
    assert OPERATIONS and not missing, f"declare these in app/scopes.py: {missing}"


def test_unauthenticated_operations_are_only_sign_in_and_health() -> None:
    paths = app.openapi()["paths"]
    open_ops = {
        f"{m.upper()} {p}"
        for p, item in paths.items()
        for m, op in item.items()
        if m in METHODS and not op.get("security")
    }
    assert open_ops == {
        "GET /healthz",
        "GET /readyz",
        "POST /api/v1/auth/jwt/login",
        "POST /api/v1/auth/cookie/login",
        "POST /api/v1/auth/jwt/two-factor",  # the challenge from the password step is the proof
        "POST /api/v1/auth/cookie/two-factor",
        "POST /api/v1/auth/cookie/logout",  # clears the cookie even of an ended session
        "POST /api/v1/auth/register",
        # Slack's own requests: signed with the organisation's Slack signing secret instead.
        "POST /api/v1/integrations/slack/interactions",
        "GET /api/v1/auth/sso/discover",
        "GET /api/v1/auth/sso/{provider_id}/start",
        "GET /api/v1/auth/sso/callback",
    }


async def _call(client: AsyncClient, method: str, url: str, headers: dict[str, str]) -> Any:
    body = {"json": {}} if method in {"post", "put", "patch"} else {}
    return await client.request(method.upper(), url, headers=headers, **body)


async def test_scope_matrix(client: AsyncClient, session: AsyncSession) -> None:
    org = await make_org(session)
    only: dict[str, dict[str, str]] = {}
    all_but: dict[str, dict[str, str]] = {}
    for scope in Scope:
        only[scope.value] = (await make_api_key(session, org, [scope.value]))[1]
        others = [s.value for s in Scope if s is not scope]
        all_but[scope.value] = (await make_api_key(session, org, others))[1]
    everything = (await make_api_key(session, org))[1]

    failures = []
    for method, path, op in OPERATIONS:
        scope, url = op[SCOPE_EXTENSION], _url(path, org.id)
        refused = [all_but[scope]] if scope != NO_KEYS else [everything]
        for headers in refused:
            r = await _call(client, method, url, headers)
            if r.status_code != 403 or not r.json()["type"].endswith("/missing-scope"):
                failures.append(f"{method.upper()} {path}: without `{scope}` got {r.status_code}")
        if scope != NO_KEYS:
            r = await _call(client, method, url, only[scope])
            if r.status_code in (401, 403) and r.json()["type"].endswith(
                ("/missing-scope", "/unauthorized")
            ):
                failures.append(f"{method.upper()} {path}: with `{scope}` got {r.status_code}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("scope", [s.value for s in Scope])
async def test_other_organisation_is_404_on_every_path(
    client: AsyncClient, session: AsyncSession, scope: str
) -> None:
    org, other = await make_org(session), await make_org(session)
    _, headers = await make_api_key(session, org, [scope])
    failures = []
    for method, path, op in OPERATIONS:
        if "{org_id}" not in path or op[SCOPE_EXTENSION] != scope:
            continue
        r = await _call(client, method, _url(path, other.id), headers)
        if r.status_code != 404:
            failures.append(f"{method.upper()} {path}: {r.status_code}")
        else:
            assert_problem(r, 404, "organisation-not-found")
    assert not failures, "\n".join(failures)


def test_the_scope_table_names_only_real_operations() -> None:
    paths = app.openapi()["paths"]
    ids = {op["operationId"] for item in paths.values() for op in item.values()}
    assert set(REQUIRED_SCOPE) <= ids, set(REQUIRED_SCOPE) - ids
