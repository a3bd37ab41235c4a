from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.presence_list import PresenceList
from ...models.presence_update import PresenceUpdate
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import Response


def _get_kwargs(
    org_id: UUID,
    escalation_id: UUID,
    *,
    body: PresenceUpdate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/api/v1/orgs/{org_id}/escalations/{escalation_id}/presence".format(
            org_id=quote(str(org_id), safe=""),
            escalation_id=quote(str(escalation_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PresenceList | Problem | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = PresenceList.from_dict(response.json())

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

    if response.status_code == 422:
        response_422 = ValidationProblem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[PresenceList | Problem | ValidationProblem]:
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
    body: PresenceUpdate,
) -> Response[PresenceList | Problem | ValidationProblem]:
    """I have it open (viewing) or am writing a reply (composing): beat every ~10 s

     Lapses 20 s after the last beat. A change reaches the others' event streams as a `presence` message.
    Returns who is present now.

    Args:
        org_id (UUID): The organisation's id
        escalation_id (UUID):
        body (PresenceUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PresenceList | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        org_id=org_id,
        escalation_id=escalation_id,
        body=body,
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
    body: PresenceUpdate,
) -> PresenceList | Problem | ValidationProblem | None:
    """I have it open (viewing) or am writing a reply (composing): beat every ~10 s

     Lapses 20 s after the last beat. A change reaches the others' event streams as a `presence` message.
    Returns who is present now.

    Args:
        org_id (UUID): The organisation's id
        escalation_id (UUID):
        body (PresenceUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PresenceList | Problem | ValidationProblem
    """

    return sync_detailed(
        org_id=org_id,
        escalation_id=escalation_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    org_id: UUID,
    escalation_id: UUID,
    *,
    client: AuthenticatedClient,
    body: PresenceUpdate,
) -> Response[PresenceList | Problem | ValidationProblem]:
    """I have it open (viewing) or am writing a reply (composing): beat every ~10 s

     Lapses 20 s after the last beat. A change reaches the others' event streams as a `presence` message.
    Returns who is present now.

    Args:
        org_id (UUID): The organisation's id
        escalation_id (UUID):
        body (PresenceUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PresenceList | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        org_id=org_id,
        escalation_id=escalation_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    org_id: UUID,
    escalation_id: UUID,
    *,
    client: AuthenticatedClient,
    body: PresenceUpdate,
) -> PresenceList | Problem | ValidationProblem | None:
    """I have it open (viewing) or am writing a reply (composing): beat every ~10 s

     Lapses 20 s after the last beat. A change reaches the others' event streams as a `presence` message.
    Returns who is present now.

    Args:
        org_id (UUID): The organisation's id
        escalation_id (UUID):
        body (PresenceUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PresenceList | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            org_id=org_id,
            escalation_id=escalation_id,
            client=client,
            body=body,
        )
    ).parsed
