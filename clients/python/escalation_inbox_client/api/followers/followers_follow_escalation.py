from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.follower_read import FollowerRead
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    org_id: UUID,
    escalation_id: UUID,
    *,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/orgs/{org_id}/escalations/{escalation_id}/follow".format(
            org_id=quote(str(org_id), safe=""),
            escalation_id=quote(str(escalation_id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> FollowerRead | Problem | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = FollowerRead.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

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
) -> Response[FollowerRead | Problem | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    org_id: UUID,
    escalation_id: UUID,
    *,
    client: AuthenticatedClient,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[FollowerRead | Problem | ValidationProblem]:
    """Follow the escalation (following already changes nothing)

    Args:
        org_id (UUID): The organisation's id
        escalation_id (UUID):
        idempotency_key (None | str | Unset): A unique key (e.g. a UUID) per logical request: a
            retry with the same key and body gets the first answer again without acting twice, for 24
            hours.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FollowerRead | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        org_id=org_id,
        escalation_id=escalation_id,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    org_id: UUID,
    escalation_id: UUID,
    *,
    client: AuthenticatedClient,
    idempotency_key: None | str | Unset = UNSET,
) -> FollowerRead | Problem | ValidationProblem | None:
    """Follow the escalation (following already changes nothing)

    Args:
        org_id (UUID): The organisation's id
        escalation_id (UUID):
        idempotency_key (None | str | Unset): A unique key (e.g. a UUID) per logical request: a
            retry with the same key and body gets the first answer again without acting twice, for 24
            hours.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FollowerRead | Problem | ValidationProblem
    """

    return sync_detailed(
        org_id=org_id,
        escalation_id=escalation_id,
        client=client,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    org_id: UUID,
    escalation_id: UUID,
    *,
    client: AuthenticatedClient,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[FollowerRead | Problem | ValidationProblem]:
    """Follow the escalation (following already changes nothing)

    Args:
        org_id (UUID): The organisation's id
        escalation_id (UUID):
        idempotency_key (None | str | Unset): A unique key (e.g. a UUID) per logical request: a
            retry with the same key and body gets the first answer again without acting twice, for 24
            hours.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FollowerRead | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        org_id=org_id,
        escalation_id=escalation_id,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    org_id: UUID,
    escalation_id: UUID,
    *,
    client: AuthenticatedClient,
    idempotency_key: None | str | Unset = UNSET,
) -> FollowerRead | Problem | ValidationProblem | None:
    """Follow the escalation (following already changes nothing)

    Args:
        org_id (UUID): The organisation's id
        escalation_id (UUID):
        idempotency_key (None | str | Unset): A unique key (e.g. a UUID) per logical request: a
            retry with the same key and body gets the first answer again without acting twice, for 24
            hours.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FollowerRead | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            org_id=org_id,
            escalation_id=escalation_id,
            client=client,
            idempotency_key=idempotency_key,
        )
    ).parsed
