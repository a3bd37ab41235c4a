from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.inbound_conversation_result import InboundConversationResult
from ...models.inbound_conversation_upsert import InboundConversationUpsert
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    org_id: UUID,
    *,
    body: InboundConversationUpsert,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/orgs/{org_id}/inbound/conversations".format(
            org_id=quote(str(org_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> InboundConversationResult | Problem | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = InboundConversationResult.from_dict(response.json())

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
) -> Response[InboundConversationResult | Problem | ValidationProblem]:
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
    body: InboundConversationUpsert,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[InboundConversationResult | Problem | ValidationProblem]:
    """Mirror a helpdesk's conversation and its new messages by the helpdesk's own ids

     Creates the conversation the first time its `(channel, external_id)` is seen (then `campaign_id` and
    `contact` are needed) and appends the messages whose `external_id` is new, in order; repeats are
    skipped, so a redelivery changes nothing. Inbound messages start the reply clock and drive a live
    escalation's SLA clock like any other message.

    Args:
        org_id (UUID): The organisation's id
        idempotency_key (None | str | Unset): A unique key (e.g. a UUID) per logical request: a
            retry with the same key and body gets the first answer again without acting twice, for 24
            hours.
        body (InboundConversationUpsert):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InboundConversationResult | Problem | ValidationProblem]
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
    body: InboundConversationUpsert,
    idempotency_key: None | str | Unset = UNSET,
) -> InboundConversationResult | Problem | ValidationProblem | None:
    """Mirror a helpdesk's conversation and its new messages by the helpdesk's own ids

     Creates the conversation the first time its `(channel, external_id)` is seen (then `campaign_id` and
    `contact` are needed) and appends the messages whose `external_id` is new, in order; repeats are
    skipped, so a redelivery changes nothing. Inbound messages start the reply clock and drive a live
    escalation's SLA clock like any other message.

    Args:
        org_id (UUID): The organisation's id
        idempotency_key (None | str | Unset): A unique key (e.g. a UUID) per logical request: a
            retry with the same key and body gets the first answer again without acting twice, for 24
            hours.
        body (InboundConversationUpsert):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InboundConversationResult | Problem | ValidationProblem
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
    body: InboundConversationUpsert,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[InboundConversationResult | Problem | ValidationProblem]:
    """Mirror a helpdesk's conversation and its new messages by the helpdesk's own ids

     Creates the conversation the first time its `(channel, external_id)` is seen (then `campaign_id` and
    `contact` are needed) and appends the messages whose `external_id` is new, in order; repeats are
    skipped, so a redelivery changes nothing. Inbound messages start the reply clock and drive a live
    escalation's SLA clock like any other message.

    Args:
        org_id (UUID): The organisation's id
        idempotency_key (None | str | Unset): A unique key (e.g. a UUID) per logical request: a
            retry with the same key and body gets the first answer again without acting twice, for 24
            hours.
        body (InboundConversationUpsert):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InboundConversationResult | Problem | ValidationProblem]
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
    body: InboundConversationUpsert,
    idempotency_key: None | str | Unset = UNSET,
) -> InboundConversationResult | Problem | ValidationProblem | None:
    """Mirror a helpdesk's conversation and its new messages by the helpdesk's own ids

     Creates the conversation the first time its `(channel, external_id)` is seen (then `campaign_id` and
    `contact` are needed) and appends the messages whose `external_id` is new, in order; repeats are
    skipped, so a redelivery changes nothing. Inbound messages start the reply clock and drive a live
    escalation's SLA clock like any other message.

    Args:
        org_id (UUID): The organisation's id
        idempotency_key (None | str | Unset): A unique key (e.g. a UUID) per logical request: a
            retry with the same key and body gets the first answer again without acting twice, for 24
            hours.
        body (InboundConversationUpsert):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InboundConversationResult | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            org_id=org_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
