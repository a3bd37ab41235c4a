from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.handoff_template_read import HandoffTemplateRead
from ...models.handoff_template_update import HandoffTemplateUpdate
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import Response


def _get_kwargs(
    org_id: UUID,
    template_id: UUID,
    *,
    body: HandoffTemplateUpdate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/api/v1/orgs/{org_id}/handoff-templates/{template_id}".format(
            org_id=quote(str(org_id), safe=""),
            template_id=quote(str(template_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> HandoffTemplateRead | Problem | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = HandoffTemplateRead.from_dict(response.json())

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
    template_id: UUID,
    *,
    client: AuthenticatedClient,
    body: HandoffTemplateUpdate,
) -> Response[HandoffTemplateRead | Problem | ValidationProblem]:
    """Change a hand-off template (admin)

    Args:
        org_id (UUID): The organisation's id
        template_id (UUID):
        body (HandoffTemplateUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HandoffTemplateRead | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        org_id=org_id,
        template_id=template_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    org_id: UUID,
    template_id: UUID,
    *,
    client: AuthenticatedClient,
    body: HandoffTemplateUpdate,
) -> HandoffTemplateRead | Problem | ValidationProblem | None:
    """Change a hand-off template (admin)

    Args:
        org_id (UUID): The organisation's id
        template_id (UUID):
        body (HandoffTemplateUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HandoffTemplateRead | Problem | ValidationProblem
    """

    return sync_detailed(
        org_id=org_id,
        template_id=template_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    org_id: UUID,
    template_id: UUID,
    *,
    client: AuthenticatedClient,
    body: HandoffTemplateUpdate,
) -> Response[HandoffTemplateRead | Problem | ValidationProblem]:
    """Change a hand-off template (admin)

    Args:
        org_id (UUID): The organisation's id
        template_id (UUID):
        body (HandoffTemplateUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HandoffTemplateRead | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        org_id=org_id,
        template_id=template_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    org_id: UUID,
    template_id: UUID,
    *,
    client: AuthenticatedClient,
    body: HandoffTemplateUpdate,
) -> HandoffTemplateRead | Problem | ValidationProblem | None:
    """Change a hand-off template (admin)

    Args:
        org_id (UUID): The organisation's id
        template_id (UUID):
        body (HandoffTemplateUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HandoffTemplateRead | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            org_id=org_id,
            template_id=template_id,
            client=client,
            body=body,
        )
    ).parsed
