import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.page_security_event_read import PageSecurityEventRead
from ...models.problem import Problem
from ...models.security_event_kind import SecurityEventKind
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    org_id: UUID,
    *,
    kind: list[SecurityEventKind] | None | Unset = UNSET,
    user_id: None | Unset | UUID = UNSET,
    since: datetime.datetime | None | Unset = UNSET,
    until: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_kind: list[str] | None | Unset
    if isinstance(kind, Unset):
        json_kind = UNSET
    elif isinstance(kind, list):
        json_kind = []
        for kind_type_0_item_data in kind:
            kind_type_0_item = kind_type_0_item_data.value
            json_kind.append(kind_type_0_item)

    else:
        json_kind = kind
    params["kind"] = json_kind

    json_user_id: None | str | Unset
    if isinstance(user_id, Unset):
        json_user_id = UNSET
    elif isinstance(user_id, UUID):
        json_user_id = str(user_id)
    else:
        json_user_id = user_id
    params["user_id"] = json_user_id

    json_since: None | str | Unset
    if isinstance(since, Unset):
        json_since = UNSET
    elif isinstance(since, datetime.datetime):
        json_since = since.isoformat()
    else:
        json_since = since
    params["since"] = json_since

    json_until: None | str | Unset
    if isinstance(until, Unset):
        json_until = UNSET
    elif isinstance(until, datetime.datetime):
        json_until = until.isoformat()
    else:
        json_until = until
    params["until"] = json_until

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/orgs/{org_id}/security-events".format(
            org_id=quote(str(org_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageSecurityEventRead | Problem | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = PageSecurityEventRead.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 422:
        response_422 = ValidationProblem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[PageSecurityEventRead | Problem | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    org_id: UUID,
    *,
    client: AuthenticatedClient,
    kind: list[SecurityEventKind] | None | Unset = UNSET,
    user_id: None | Unset | UUID = UNSET,
    since: datetime.datetime | None | Unset = UNSET,
    until: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageSecurityEventRead | Problem | ValidationProblem]:
    """The security audit trail: the members' sign-ins, failed sign-ins, two-factor changes and ended
    sessions, and the organisation's API keys created and revoked, newest first (owner/admin)

    Args:
        org_id (UUID): The organisation's id
        kind (list[SecurityEventKind] | None | Unset): Only these kinds
        user_id (None | Unset | UUID): Only this member's
        since (datetime.datetime | None | Unset): From this instant on (RFC 3339)
        until (datetime.datetime | None | Unset): Before this instant (RFC 3339)
        limit (int | Unset): Page size Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageSecurityEventRead | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        org_id=org_id,
        kind=kind,
        user_id=user_id,
        since=since,
        until=until,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    org_id: UUID,
    *,
    client: AuthenticatedClient,
    kind: list[SecurityEventKind] | None | Unset = UNSET,
    user_id: None | Unset | UUID = UNSET,
    since: datetime.datetime | None | Unset = UNSET,
    until: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageSecurityEventRead | Problem | ValidationProblem | None:
    """The security audit trail: the members' sign-ins, failed sign-ins, two-factor changes and ended
    sessions, and the organisation's API keys created and revoked, newest first (owner/admin)

    Args:
        org_id (UUID): The organisation's id
        kind (list[SecurityEventKind] | None | Unset): Only these kinds
        user_id (None | Unset | UUID): Only this member's
        since (datetime.datetime | None | Unset): From this instant on (RFC 3339)
        until (datetime.datetime | None | Unset): Before this instant (RFC 3339)
        limit (int | Unset): Page size Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageSecurityEventRead | Problem | ValidationProblem
    """

    return sync_detailed(
        org_id=org_id,
        client=client,
        kind=kind,
        user_id=user_id,
        since=since,
        until=until,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    org_id: UUID,
    *,
    client: AuthenticatedClient,
    kind: list[SecurityEventKind] | None | Unset = UNSET,
    user_id: None | Unset | UUID = UNSET,
    since: datetime.datetime | None | Unset = UNSET,
    until: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageSecurityEventRead | Problem | ValidationProblem]:
    """The security audit trail: the members' sign-ins, failed sign-ins, two-factor changes and ended
    sessions, and the organisation's API keys created and revoked, newest first (owner/admin)

    Args:
        org_id (UUID): The organisation's id
        kind (list[SecurityEventKind] | None | Unset): Only these kinds
        user_id (None | Unset | UUID): Only this member's
        since (datetime.datetime | None | Unset): From this instant on (RFC 3339)
        until (datetime.datetime | None | Unset): Before this instant (RFC 3339)
        limit (int | Unset): Page size Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageSecurityEventRead | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        org_id=org_id,
        kind=kind,
        user_id=user_id,
        since=since,
        until=until,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    org_id: UUID,
    *,
    client: AuthenticatedClient,
    kind: list[SecurityEventKind] | None | Unset = UNSET,
    user_id: None | Unset | UUID = UNSET,
    since: datetime.datetime | None | Unset = UNSET,
    until: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageSecurityEventRead | Problem | ValidationProblem | None:
    """The security audit trail: the members' sign-ins, failed sign-ins, two-factor changes and ended
    sessions, and the organisation's API keys created and revoked, newest first (owner/admin)

    Args:
        org_id (UUID): The organisation's id
        kind (list[SecurityEventKind] | None | Unset): Only these kinds
        user_id (None | Unset | UUID): Only this member's
        since (datetime.datetime | None | Unset): From this instant on (RFC 3339)
        until (datetime.datetime | None | Unset): Before this instant (RFC 3339)
        limit (int | Unset): Page size Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageSecurityEventRead | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            org_id=org_id,
            client=client,
            kind=kind,
            user_id=user_id,
            since=since,
            until=until,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
