from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.calendar_read import CalendarRead
from ...models.calendar_update import CalendarUpdate
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    org_id: UUID,
    calendar_id: UUID,
    *,
    body: CalendarUpdate,
    if_match: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["if-match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/api/v1/orgs/{org_id}/calendars/{calendar_id}".format(
            org_id=quote(str(org_id), safe=""),
            calendar_id=quote(str(calendar_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CalendarRead | Problem | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = CalendarRead.from_dict(response.json())

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

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

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
) -> Response[CalendarRead | Problem | ValidationProblem]:
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
    body: CalendarUpdate,
    if_match: None | str | Unset = UNSET,
) -> Response[CalendarRead | Problem | ValidationProblem]:
    """Edit a calendar; open escalations on it are recomputed (admin+)

    Args:
        org_id (UUID): The organisation's id
        calendar_id (UUID):
        if_match (None | str | Unset): Change it only if its ETag is still one of these (`"*"`: if
            it exists); 409 `stale-if-match` otherwise.
        body (CalendarUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CalendarRead | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        org_id=org_id,
        calendar_id=calendar_id,
        body=body,
        if_match=if_match,
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
    body: CalendarUpdate,
    if_match: None | str | Unset = UNSET,
) -> CalendarRead | Problem | ValidationProblem | None:
    """Edit a calendar; open escalations on it are recomputed (admin+)

    Args:
        org_id (UUID): The organisation's id
        calendar_id (UUID):
        if_match (None | str | Unset): Change it only if its ETag is still one of these (`"*"`: if
            it exists); 409 `stale-if-match` otherwise.
        body (CalendarUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CalendarRead | Problem | ValidationProblem
    """

    return sync_detailed(
        org_id=org_id,
        calendar_id=calendar_id,
        client=client,
        body=body,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    org_id: UUID,
    calendar_id: UUID,
    *,
    client: AuthenticatedClient,
    body: CalendarUpdate,
    if_match: None | str | Unset = UNSET,
) -> Response[CalendarRead | Problem | ValidationProblem]:
    """Edit a calendar; open escalations on it are recomputed (admin+)

    Args:
        org_id (UUID): The organisation's id
        calendar_id (UUID):
        if_match (None | str | Unset): Change it only if its ETag is still one of these (`"*"`: if
            it exists); 409 `stale-if-match` otherwise.
        body (CalendarUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CalendarRead | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        org_id=org_id,
        calendar_id=calendar_id,
        body=body,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    org_id: UUID,
    calendar_id: UUID,
    *,
    client: AuthenticatedClient,
    body: CalendarUpdate,
    if_match: None | str | Unset = UNSET,
) -> CalendarRead | Problem | ValidationProblem | None:
    """Edit a calendar; open escalations on it are recomputed (admin+)

    Args:
        org_id (UUID): The organisation's id
        calendar_id (UUID):
        if_match (None | str | Unset): Change it only if its ETag is still one of these (`"*"`: if
            it exists); 409 `stale-if-match` otherwise.
        body (CalendarUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CalendarRead | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            org_id=org_id,
            calendar_id=calendar_id,
            client=client,
            body=body,
            if_match=if_match,
        )
    ).parsed
