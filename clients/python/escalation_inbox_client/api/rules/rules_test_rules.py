from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.rule_test_request import RuleTestRequest
from ...models.rule_test_result import RuleTestResult
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    org_id: UUID,
    *,
    body: RuleTestRequest,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/orgs/{org_id}/rules/test".format(
            org_id=quote(str(org_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | RuleTestResult | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = RuleTestResult.from_dict(response.json())

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
) -> Response[Problem | RuleTestResult | ValidationProblem]:
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
    body: RuleTestRequest,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[Problem | RuleTestResult | ValidationProblem]:
    """Dry run: which rules would fire on a sample or a conversation, changing nothing

    Args:
        org_id (UUID): The organisation's id
        idempotency_key (None | str | Unset): A unique key (e.g. a UUID) per logical request: a
            retry with the same key and body gets the first answer again without acting twice, for 24
            hours.
        body (RuleTestRequest): Either an existing conversation, or a sample; sample fields
            override the conversation's.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RuleTestResult | ValidationProblem]
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
    body: RuleTestRequest,
    idempotency_key: None | str | Unset = UNSET,
) -> Problem | RuleTestResult | ValidationProblem | None:
    """Dry run: which rules would fire on a sample or a conversation, changing nothing

    Args:
        org_id (UUID): The organisation's id
        idempotency_key (None | str | Unset): A unique key (e.g. a UUID) per logical request: a
            retry with the same key and body gets the first answer again without acting twice, for 24
            hours.
        body (RuleTestRequest): Either an existing conversation, or a sample; sample fields
            override the conversation's.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RuleTestResult | ValidationProblem
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
    body: RuleTestRequest,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[Problem | RuleTestResult | ValidationProblem]:
    """Dry run: which rules would fire on a sample or a conversation, changing nothing

    Args:
        org_id (UUID): The organisation's id
        idempotency_key (None | str | Unset): A unique key (e.g. a UUID) per logical request: a
            retry with the same key and body gets the first answer again without acting twice, for 24
            hours.
        body (RuleTestRequest): Either an existing conversation, or a sample; sample fields
            override the conversation's.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RuleTestResult | ValidationProblem]
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
    body: RuleTestRequest,
    idempotency_key: None | str | Unset = UNSET,
) -> Problem | RuleTestResult | ValidationProblem | None:
    """Dry run: which rules would fire on a sample or a conversation, changing nothing

    Args:
        org_id (UUID): The organisation's id
        idempotency_key (None | str | Unset): A unique key (e.g. a UUID) per logical request: a
            retry with the same key and body gets the first answer again without acting twice, for 24
            hours.
        body (RuleTestRequest): Either an existing conversation, or a sample; sample fields
            override the conversation's.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RuleTestResult | ValidationProblem
    """

    return (
        await asyncio_detailed(
            org_id=org_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
