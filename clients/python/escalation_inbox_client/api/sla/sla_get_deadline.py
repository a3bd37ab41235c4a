import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.deadline_read import DeadlineRead
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response


def _get_kwargs(
    org_id: UUID,
    calendar_id: UUID,
    *,
    start: datetime.datetime,
    minutes: float,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_start = start.isoformat()
    params["start"] = json_start

    params["minutes"] = minutes

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/orgs/{org_id}/calendars/{calendar_id}/deadline".format(
            org_id=quote(str(org_id), safe=""),
            calendar_id=quote(str(calendar_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DeadlineRead | Problem | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = DeadlineRead.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

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
) -> Response[DeadlineRead | Problem | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    org_id: UUID,
    calendar_id: UUID,
    *,
    client: AuthenticatedClient,
    start: datetime.datetime,
    minutes: float,
) -> Response[DeadlineRead | Problem | ValidationProblem]:
    """When `minutes` business minutes will have passed since `start`

    Args:
        org_id (UUID): The organisation's id
        calendar_id (UUID):
        start (datetime.datetime): RFC 3339 with an offset
        minutes (float):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeadlineRead | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        org_id=org_id,
        calendar_id=calendar_id,
        start=start,
        minutes=minutes,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    org_id: UUID,
    calendar_id: UUID,
    *,
    client: AuthenticatedClient,
    start: datetime.datetime,
    minutes: float,
) -> DeadlineRead | Problem | ValidationProblem | None:
    """When `minutes` business minutes will have passed since `start`

    Args:
        org_id (UUID): The organisation's id
        calendar_id (UUID):
        start (datetime.datetime): RFC 3339 with an offset
        minutes (float):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeadlineRead | Problem | ValidationProblem
    """

    return sync_detailed(
        org_id=org_id,
        calendar_id=calendar_id,
        client=client,
        start=start,
        minutes=minutes,
    ).parsed


async def asyncio_detailed(
    org_id: UUID,
    calendar_id: UUID,
    *,
    client: AuthenticatedClient,
    start: datetime.datetime,
    minutes: float,
) -> Response[DeadlineRead | Problem | ValidationProblem]:
    """When `minutes` business minutes will have passed since `start`

    Args:
        org_id (UUID): The organisation's id
        calendar_id (UUID):
        start (datetime.datetime): RFC 3339 with an offset
        minutes (float):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeadlineRead | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        org_id=org_id,
        calendar_id=calendar_id,
        start=start,
        minutes=minutes,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    org_id: UUID,
    calendar_id: UUID,
    *,
    client: AuthenticatedClient,
    start: datetime.datetime,
    minutes: float,
) -> DeadlineRead | Problem | ValidationProblem | None:
    """When `minutes` business minutes will have passed since `start`

    Args:
        org_id (UUID): The organisation's id
        calendar_id (UUID):
        start (datetime.datetime): RFC 3339 with an offset
        minutes (float):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeadlineRead | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            org_id=org_id,
            calendar_id=calendar_id,
            client=client,
            start=start,
            minutes=minutes,
        )
    ).parsed
