from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.slack_link_read import SlackLinkRead
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    token: str,
    *,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/slack/links/{token}".format(
            token=quote(str(token), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | SlackLinkRead | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = SlackLinkRead.from_dict(response.json())

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
) -> Response[Problem | SlackLinkRead | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    token: str,
    *,
    client: AuthenticatedClient,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[Problem | SlackLinkRead | ValidationProblem]:
    """Confirm that this Slack user is me: its button presses then act as me

    Args:
        token (str):
        idempotency_key (None | str | Unset): A unique key (e.g. a UUID) per logical request: a
            retry with the same key and body gets the first answer again without acting twice, for 24
            hours.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SlackLinkRead | ValidationProblem]
    """

    kwargs = _get_kwargs(
        token=token,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    token: str,
    *,
    client: AuthenticatedClient,
    idempotency_key: None | str | Unset = UNSET,
) -> Problem | SlackLinkRead | ValidationProblem | None:
    """Confirm that this Slack user is me: its button presses then act as me

    Args:
        token (str):
        idempotency_key (None | str | Unset): A unique key (e.g. a UUID) per logical request: a
            retry with the same key and body gets the first answer again without acting twice, for 24
            hours.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SlackLinkRead | ValidationProblem
    """

    return sync_detailed(
        token=token,
        client=client,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    token: str,
    *,
    client: AuthenticatedClient,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[Problem | SlackLinkRead | ValidationProblem]:
    """Confirm that this Slack user is me: its button presses then act as me

    Args:
        token (str):
        idempotency_key (None | str | Unset): A unique key (e.g. a UUID) per logical request: a
            retry with the same key and body gets the first answer again without acting twice, for 24
            hours.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SlackLinkRead | ValidationProblem]
    """

    kwargs = _get_kwargs(
        token=token,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    token: str,
    *,
    client: AuthenticatedClient,
    idempotency_key: None | str | Unset = UNSET,
) -> Problem | SlackLinkRead | ValidationProblem | None:
    """Confirm that this Slack user is me: its button presses then act as me

    Args:
        token (str):
        idempotency_key (None | str | Unset): A unique key (e.g. a UUID) per logical request: a
            retry with the same key and body gets the first answer again without acting twice, for 24
            hours.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SlackLinkRead | ValidationProblem
    """

    return (
        await asyncio_detailed(
            token=token,
            client=client,
            idempotency_key=idempotency_key,
        )
    ).parsed
