from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.handoff_suggestion_list import HandoffSuggestionList
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    org_id: UUID,
    conversation_id: UUID,
    *,
    inbox_id: None | Unset | UUID = UNSET,
    category: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_inbox_id: None | str | Unset
    if isinstance(inbox_id, Unset):
        json_inbox_id = UNSET
    elif isinstance(inbox_id, UUID):
        json_inbox_id = str(inbox_id)
    else:
        json_inbox_id = inbox_id
    params["inbox_id"] = json_inbox_id

    json_category: None | str | Unset
    if isinstance(category, Unset):
        json_category = UNSET
    else:
        json_category = category
    params["category"] = json_category

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/orgs/{org_id}/conversations/{conversation_id}/handoff-templates".format(
            org_id=quote(str(org_id), safe=""),
            conversation_id=quote(str(conversation_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> HandoffSuggestionList | Problem | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = HandoffSuggestionList.from_dict(response.json())

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
) -> Response[HandoffSuggestionList | Problem | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    org_id: UUID,
    conversation_id: UUID,
    *,
    client: AuthenticatedClient,
    inbox_id: None | Unset | UUID = UNSET,
    category: None | str | Unset = UNSET,
) -> Response[HandoffSuggestionList | Problem | ValidationProblem]:
    """The hand-off templates for escalating this conversation, filled in for its contact

    Args:
        org_id (UUID): The organisation's id
        conversation_id (UUID):
        inbox_id (None | Unset | UUID): The inbox it goes to
        category (None | str | Unset): The escalation's category

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HandoffSuggestionList | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        org_id=org_id,
        conversation_id=conversation_id,
        inbox_id=inbox_id,
        category=category,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    org_id: UUID,
    conversation_id: UUID,
    *,
    client: AuthenticatedClient,
    inbox_id: None | Unset | UUID = UNSET,
    category: None | str | Unset = UNSET,
) -> HandoffSuggestionList | Problem | ValidationProblem | None:
    """The hand-off templates for escalating this conversation, filled in for its contact

    Args:
        org_id (UUID): The organisation's id
        conversation_id (UUID):
        inbox_id (None | Unset | UUID): The inbox it goes to
        category (None | str | Unset): The escalation's category

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HandoffSuggestionList | Problem | ValidationProblem
    """

    return sync_detailed(
        org_id=org_id,
        conversation_id=conversation_id,
        client=client,
        inbox_id=inbox_id,
        category=category,
    ).parsed


async def asyncio_detailed(
    org_id: UUID,
    conversation_id: UUID,
    *,
    client: AuthenticatedClient,
    inbox_id: None | Unset | UUID = UNSET,
    category: None | str | Unset = UNSET,
) -> Response[HandoffSuggestionList | Problem | ValidationProblem]:
    """The hand-off templates for escalating this conversation, filled in for its contact

    Args:
        org_id (UUID): The organisation's id
        conversation_id (UUID):
        inbox_id (None | Unset | UUID): The inbox it goes to
        category (None | str | Unset): The escalation's category

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HandoffSuggestionList | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        org_id=org_id,
        conversation_id=conversation_id,
        inbox_id=inbox_id,
        category=category,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    org_id: UUID,
    conversation_id: UUID,
    *,
    client: AuthenticatedClient,
    inbox_id: None | Unset | UUID = UNSET,
    category: None | str | Unset = UNSET,
) -> HandoffSuggestionList | Problem | ValidationProblem | None:
    """The hand-off templates for escalating this conversation, filled in for its contact

    Args:
        org_id (UUID): The organisation's id
        conversation_id (UUID):
        inbox_id (None | Unset | UUID): The inbox it goes to
        category (None | str | Unset): The escalation's category

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HandoffSuggestionList | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            org_id=org_id,
            conversation_id=conversation_id,
            client=client,
            inbox_id=inbox_id,
            category=category,
        )
    ).parsed
