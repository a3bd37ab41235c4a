from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.owner_view import OwnerView
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    org_id: UUID,
    *,
    per_inbox: int | Unset = 100,
    others_claims: bool | Unset = False,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["per_inbox"] = per_inbox

    params["others_claims"] = others_claims

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/orgs/{org_id}/me/escalations".format(
            org_id=quote(str(org_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> OwnerView | Problem | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = OwnerView.from_dict(response.json())

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
) -> Response[OwnerView | Problem | ValidationProblem]:
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
    per_inbox: int | Unset = 100,
    others_claims: bool | Unset = False,
) -> Response[OwnerView | Problem | ValidationProblem]:
    """The owner view: my inboxes first, their escalations grouped by campaign

    Args:
        org_id (UUID): The organisation's id
        per_inbox (int | Unset): Most items per inbox Default: 100.
        others_claims (bool | Unset): Also the live claims others hold in these inboxes (after the
            unclaimed ones), each with its holder (`claimed_by`) and `claim_expires_at` Default:
            False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OwnerView | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        org_id=org_id,
        per_inbox=per_inbox,
        others_claims=others_claims,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    org_id: UUID,
    *,
    client: AuthenticatedClient,
    per_inbox: int | Unset = 100,
    others_claims: bool | Unset = False,
) -> OwnerView | Problem | ValidationProblem | None:
    """The owner view: my inboxes first, their escalations grouped by campaign

    Args:
        org_id (UUID): The organisation's id
        per_inbox (int | Unset): Most items per inbox Default: 100.
        others_claims (bool | Unset): Also the live claims others hold in these inboxes (after the
            unclaimed ones), each with its holder (`claimed_by`) and `claim_expires_at` Default:
            False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OwnerView | Problem | ValidationProblem
    """

    return sync_detailed(
        org_id=org_id,
        client=client,
        per_inbox=per_inbox,
        others_claims=others_claims,
    ).parsed


async def asyncio_detailed(
    org_id: UUID,
    *,
    client: AuthenticatedClient,
    per_inbox: int | Unset = 100,
    others_claims: bool | Unset = False,
) -> Response[OwnerView | Problem | ValidationProblem]:
    """The owner view: my inboxes first, their escalations grouped by campaign

    Args:
        org_id (UUID): The organisation's id
        per_inbox (int | Unset): Most items per inbox Default: 100.
        others_claims (bool | Unset): Also the live claims others hold in these inboxes (after the
            unclaimed ones), each with its holder (`claimed_by`) and `claim_expires_at` Default:
            False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OwnerView | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        org_id=org_id,
        per_inbox=per_inbox,
        others_claims=others_claims,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    org_id: UUID,
    *,
    client: AuthenticatedClient,
    per_inbox: int | Unset = 100,
    others_claims: bool | Unset = False,
) -> OwnerView | Problem | ValidationProblem | None:
    """The owner view: my inboxes first, their escalations grouped by campaign

    Args:
        org_id (UUID): The organisation's id
        per_inbox (int | Unset): Most items per inbox Default: 100.
        others_claims (bool | Unset): Also the live claims others hold in these inboxes (after the
            unclaimed ones), each with its holder (`claimed_by`) and `claim_expires_at` Default:
            False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OwnerView | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            org_id=org_id,
            client=client,
            per_inbox=per_inbox,
            others_claims=others_claims,
        )
    ).parsed
