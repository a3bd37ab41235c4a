from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.slack_receive_slack_interaction_body import SlackReceiveSlackInteractionBody
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: SlackReceiveSlackInteractionBody,
    x_slack_request_timestamp: None | str | Unset = UNSET,
    x_slack_signature: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_slack_request_timestamp, Unset):
        headers["x-slack-request-timestamp"] = x_slack_request_timestamp

    if not isinstance(x_slack_signature, Unset):
        headers["x-slack-signature"] = x_slack_signature

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/integrations/slack/interactions",
    }

    _kwargs["data"] = body.to_dict()
    headers["Content-Type"] = "application/x-www-form-urlencoded"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Problem | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = cast(Any, None)
        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 422:
        response_422 = ValidationProblem.from_dict(response.json())

        return response_422

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | Problem | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: SlackReceiveSlackInteractionBody,
    x_slack_request_timestamp: None | str | Unset = UNSET,
    x_slack_signature: None | str | Unset = UNSET,
) -> Response[Any | Problem | ValidationProblem]:
    """Slack's interactivity requests (form-encoded `payload`), signed with the app's signing secret;
    answered at once, the outcome goes to the message's response_url

    Args:
        x_slack_request_timestamp (None | str | Unset):
        x_slack_signature (None | str | Unset):
        body (SlackReceiveSlackInteractionBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        body=body,
        x_slack_request_timestamp=x_slack_request_timestamp,
        x_slack_signature=x_slack_signature,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: SlackReceiveSlackInteractionBody,
    x_slack_request_timestamp: None | str | Unset = UNSET,
    x_slack_signature: None | str | Unset = UNSET,
) -> Any | Problem | ValidationProblem | None:
    """Slack's interactivity requests (form-encoded `payload`), signed with the app's signing secret;
    answered at once, the outcome goes to the message's response_url

    Args:
        x_slack_request_timestamp (None | str | Unset):
        x_slack_signature (None | str | Unset):
        body (SlackReceiveSlackInteractionBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | ValidationProblem
    """

    return sync_detailed(
        client=client,
        body=body,
        x_slack_request_timestamp=x_slack_request_timestamp,
        x_slack_signature=x_slack_signature,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: SlackReceiveSlackInteractionBody,
    x_slack_request_timestamp: None | str | Unset = UNSET,
    x_slack_signature: None | str | Unset = UNSET,
) -> Response[Any | Problem | ValidationProblem]:
    """Slack's interactivity requests (form-encoded `payload`), signed with the app's signing secret;
    answered at once, the outcome goes to the message's response_url

    Args:
        x_slack_request_timestamp (None | str | Unset):
        x_slack_signature (None | str | Unset):
        body (SlackReceiveSlackInteractionBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        body=body,
        x_slack_request_timestamp=x_slack_request_timestamp,
        x_slack_signature=x_slack_signature,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: SlackReceiveSlackInteractionBody,
    x_slack_request_timestamp: None | str | Unset = UNSET,
    x_slack_signature: None | str | Unset = UNSET,
) -> Any | Problem | ValidationProblem | None:
    """Slack's interactivity requests (form-encoded `payload`), signed with the app's signing secret;
    answered at once, the outcome goes to the message's response_url

    Args:
        x_slack_request_timestamp (None | str | Unset):
        x_slack_signature (None | str | Unset):
        body (SlackReceiveSlackInteractionBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            x_slack_request_timestamp=x_slack_request_timestamp,
            x_slack_signature=x_slack_signature,
        )
    ).parsed
