from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.conversation_counts import ConversationCounts
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    org_id: UUID,
    *,
    campaign_id: None | Unset | UUID = UNSET,
    needs_response: bool | None | Unset = UNSET,
    inbox_id: None | Unset | UUID = UNSET,
    escalated: bool | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_campaign_id: None | str | Unset
    if isinstance(campaign_id, Unset):
        json_campaign_id = UNSET
    elif isinstance(campaign_id, UUID):
        json_campaign_id = str(campaign_id)
    else:
        json_campaign_id = campaign_id
    params["campaign_id"] = json_campaign_id

    json_needs_response: bool | None | Unset
    if isinstance(needs_response, Unset):
        json_needs_response = UNSET
    else:
        json_needs_response = needs_response
    params["needs_response"] = json_needs_response

    json_inbox_id: None | str | Unset
    if isinstance(inbox_id, Unset):
        json_inbox_id = UNSET
    elif isinstance(inbox_id, UUID):
        json_inbox_id = str(inbox_id)
    else:
        json_inbox_id = inbox_id
    params["inbox_id"] = json_inbox_id

    json_escalated: bool | None | Unset
    if isinstance(escalated, Unset):
        json_escalated = UNSET
    else:
        json_escalated = escalated
    params["escalated"] = json_escalated

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/orgs/{org_id}/conversations/counts".format(
            org_id=quote(str(org_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ConversationCounts | Problem | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = ConversationCounts.from_dict(response.json())

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
) -> Response[ConversationCounts | Problem | ValidationProblem]:
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
    campaign_id: None | Unset | UUID = UNSET,
    needs_response: bool | None | Unset = UNSET,
    inbox_id: None | Unset | UUID = UNSET,
    escalated: bool | None | Unset = UNSET,
) -> Response[ConversationCounts | Problem | ValidationProblem]:
    """Count visible conversations (total, needing a response) for the same filters

    Args:
        org_id (UUID): The organisation's id
        campaign_id (None | Unset | UUID): Only this campaign's
        needs_response (bool | None | Unset): Only those (not) needing a response
        inbox_id (None | Unset | UUID): Only those escalated into this inbox (open or claimed)
        escalated (bool | None | Unset): Only those (not) escalated now

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConversationCounts | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        org_id=org_id,
        campaign_id=campaign_id,
        needs_response=needs_response,
        inbox_id=inbox_id,
        escalated=escalated,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    org_id: UUID,
    *,
    client: AuthenticatedClient,
    campaign_id: None | Unset | UUID = UNSET,
    needs_response: bool | None | Unset = UNSET,
    inbox_id: None | Unset | UUID = UNSET,
    escalated: bool | None | Unset = UNSET,
) -> ConversationCounts | Problem | ValidationProblem | None:
    """Count visible conversations (total, needing a response) for the same filters

    Args:
        org_id (UUID): The organisation's id
        campaign_id (None | Unset | UUID): Only this campaign's
        needs_response (bool | None | Unset): Only those (not) needing a response
        inbox_id (None | Unset | UUID): Only those escalated into this inbox (open or claimed)
        escalated (bool | None | Unset): Only those (not) escalated now

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConversationCounts | Problem | ValidationProblem
    """

    return sync_detailed(
        org_id=org_id,
        client=client,
        campaign_id=campaign_id,
        needs_response=needs_response,
        inbox_id=inbox_id,
        escalated=escalated,
    ).parsed


async def asyncio_detailed(
    org_id: UUID,
    *,
    client: AuthenticatedClient,
    campaign_id: None | Unset | UUID = UNSET,
    needs_response: bool | None | Unset = UNSET,
    inbox_id: None | Unset | UUID = UNSET,
    escalated: bool | None | Unset = UNSET,
) -> Response[ConversationCounts | Problem | ValidationProblem]:
    """Count visible conversations (total, needing a response) for the same filters

    Args:
        org_id (UUID): The organisation's id
        campaign_id (None | Unset | UUID): Only this campaign's
        needs_response (bool | None | Unset): Only those (not) needing a response
        inbox_id (None | Unset | UUID): Only those escalated into this inbox (open or claimed)
        escalated (bool | None | Unset): Only those (not) escalated now

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConversationCounts | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        org_id=org_id,
        campaign_id=campaign_id,
        needs_response=needs_response,
        inbox_id=inbox_id,
        escalated=escalated,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    org_id: UUID,
    *,
    client: AuthenticatedClient,
    campaign_id: None | Unset | UUID = UNSET,
    needs_response: bool | None | Unset = UNSET,
    inbox_id: None | Unset | UUID = UNSET,
    escalated: bool | None | Unset = UNSET,
) -> ConversationCounts | Problem | ValidationProblem | None:
    """Count visible conversations (total, needing a response) for the same filters

    Args:
        org_id (UUID): The organisation's id
        campaign_id (None | Unset | UUID): Only this campaign's
        needs_response (bool | None | Unset): Only those (not) needing a response
        inbox_id (None | Unset | UUID): Only those escalated into this inbox (open or claimed)
        escalated (bool | None | Unset): Only those (not) escalated now

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConversationCounts | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            org_id=org_id,
            client=client,
            campaign_id=campaign_id,
            needs_response=needs_response,
            inbox_id=inbox_id,
            escalated=escalated,
        )
    ).parsed
