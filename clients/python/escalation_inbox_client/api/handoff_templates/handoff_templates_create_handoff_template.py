from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.handoff_template_create import HandoffTemplateCreate
from ...models.handoff_template_read import HandoffTemplateRead
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    org_id: UUID,
    *,
    body: HandoffTemplateCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/orgs/{org_id}/handoff-templates".format(
            org_id=quote(str(org_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> HandoffTemplateRead | Problem | ValidationProblem | None:
    if response.status_code == 201:
        response_201 = HandoffTemplateRead.from_dict(response.json())

        return response_201

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
) -> Response[HandoffTemplateRead | Problem | ValidationProblem]:
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
    body: HandoffTemplateCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[HandoffTemplateRead | Problem | ValidationProblem]:
    """Add a hand-off template (admin)

    Args:
        org_id (UUID): The organisation's id
        idempotency_key (None | str | Unset): A unique key (e.g. a UUID) per logical request: a
            retry with the same key and body gets the first answer again without acting twice, for 24
            hours.
        body (HandoffTemplateCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HandoffTemplateRead | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        org_id=org_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    org_id: UUID,
    *,
    client: AuthenticatedClient,
    body: HandoffTemplateCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> HandoffTemplateRead | Problem | ValidationProblem | None:
    """Add a hand-off template (admin)

    Args:
        org_id (UUID): The organisation's id
        idempotency_key (None | str | Unset): A unique key (e.g. a UUID) per logical request: a
            retry with the same key and body gets the first answer again without acting twice, for 24
            hours.
        body (HandoffTemplateCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HandoffTemplateRead | Problem | ValidationProblem
    """

    return sync_detailed(
        org_id=org_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    org_id: UUID,
    *,
    client: AuthenticatedClient,
    body: HandoffTemplateCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[HandoffTemplateRead | Problem | ValidationProblem]:
    """Add a hand-off template (admin)

    Args:
        org_id (UUID): The organisation's id
        idempotency_key (None | str | Unset): A unique key (e.g. a UUID) per logical request: a
            retry with the same key and body gets the first answer again without acting twice, for 24
            hours.
        body (HandoffTemplateCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HandoffTemplateRead | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        org_id=org_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    org_id: UUID,
    *,
    client: AuthenticatedClient,
    body: HandoffTemplateCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> HandoffTemplateRead | Problem | ValidationProblem | None:
    """Add a hand-off template (admin)

    Args:
        org_id (UUID): The organisation's id
        idempotency_key (None | str | Unset): A unique key (e.g. a UUID) per logical request: a
            retry with the same key and body gets the first answer again without acting twice, for 24
            hours.
        body (HandoffTemplateCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HandoffTemplateRead | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            org_id=org_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
