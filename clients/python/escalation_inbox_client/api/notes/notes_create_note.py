from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.note_create import NoteCreate
from ...models.note_read import NoteRead
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    org_id: UUID,
    escalation_id: UUID,
    *,
    body: NoteCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/orgs/{org_id}/escalations/{escalation_id}/notes".format(
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
) -> NoteRead | Problem | ValidationProblem | None:
    if response.status_code == 201:
        response_201 = NoteRead.from_dict(response.json())

        return response_201

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
) -> Response[NoteRead | Problem | ValidationProblem]:
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
    body: NoteCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[NoteRead | Problem | ValidationProblem]:
    """Add an internal note, notifying the members it @mentions and the followers

     A mention is `@` and the email address of a member who may see the escalation; one who is not a
    member is 422 `unknown-mention`, one who may not see it 422 `mention-not-allowed`, each naming the
    `mention`.

    Args:
        org_id (UUID): The organisation's id
        escalation_id (UUID):
        idempotency_key (None | str | Unset): A unique key (e.g. a UUID) per logical request: a
            retry with the same key and body gets the first answer again without acting twice, for 24
            hours.
        body (NoteCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[NoteRead | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        org_id=org_id,
        escalation_id=escalation_id,
        body=body,
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
    body: NoteCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> NoteRead | Problem | ValidationProblem | None:
    """Add an internal note, notifying the members it @mentions and the followers

     A mention is `@` and the email address of a member who may see the escalation; one who is not a
    member is 422 `unknown-mention`, one who may not see it 422 `mention-not-allowed`, each naming the
    `mention`.

    Args:
        org_id (UUID): The organisation's id
        escalation_id (UUID):
        idempotency_key (None | str | Unset): A unique key (e.g. a UUID) per logical request: a
            retry with the same key and body gets the first answer again without acting twice, for 24
            hours.
        body (NoteCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        NoteRead | Problem | ValidationProblem
    """

    return sync_detailed(
        org_id=org_id,
        escalation_id=escalation_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    org_id: UUID,
    escalation_id: UUID,
    *,
    client: AuthenticatedClient,
    body: NoteCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[NoteRead | Problem | ValidationProblem]:
    """Add an internal note, notifying the members it @mentions and the followers

     A mention is `@` and the email address of a member who may see the escalation; one who is not a
    member is 422 `unknown-mention`, one who may not see it 422 `mention-not-allowed`, each naming the
    `mention`.

    Args:
        org_id (UUID): The organisation's id
        escalation_id (UUID):
        idempotency_key (None | str | Unset): A unique key (e.g. a UUID) per logical request: a
            retry with the same key and body gets the first answer again without acting twice, for 24
            hours.
        body (NoteCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[NoteRead | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        org_id=org_id,
        escalation_id=escalation_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    org_id: UUID,
    escalation_id: UUID,
    *,
    client: AuthenticatedClient,
    body: NoteCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> NoteRead | Problem | ValidationProblem | None:
    """Add an internal note, notifying the members it @mentions and the followers

     A mention is `@` and the email address of a member who may see the escalation; one who is not a
    member is 422 `unknown-mention`, one who may not see it 422 `mention-not-allowed`, each naming the
    `mention`.

    Args:
        org_id (UUID): The organisation's id
        escalation_id (UUID):
        idempotency_key (None | str | Unset): A unique key (e.g. a UUID) per logical request: a
            retry with the same key and body gets the first answer again without acting twice, for 24
            hours.
        body (NoteCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        NoteRead | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            org_id=org_id,
            escalation_id=escalation_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
