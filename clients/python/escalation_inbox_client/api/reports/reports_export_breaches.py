import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.breach_target import BreachTarget
from ...models.format_ import Format
from ...models.priority import Priority
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    org_id: UUID,
    *,
    format_: Format | Unset = UNSET,
    from_: datetime.date,
    to: datetime.date,
    target: BreachTarget | None | Unset = UNSET,
    inbox_id: None | Unset | UUID = UNSET,
    priority: None | Priority | Unset = UNSET,
    category: None | str | Unset = UNSET,
    campaign_id: None | Unset | UUID = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_.value

    params["format"] = json_format_

    json_from_ = from_.isoformat()
    params["from"] = json_from_

    json_to = to.isoformat()
    params["to"] = json_to

    json_target: None | str | Unset
    if isinstance(target, Unset):
        json_target = UNSET
    elif isinstance(target, BreachTarget):
        json_target = target.value
    else:
        json_target = target
    params["target"] = json_target

    json_inbox_id: None | str | Unset
    if isinstance(inbox_id, Unset):
        json_inbox_id = UNSET
    elif isinstance(inbox_id, UUID):
        json_inbox_id = str(inbox_id)
    else:
        json_inbox_id = inbox_id
    params["inbox_id"] = json_inbox_id

    json_priority: None | str | Unset
    if isinstance(priority, Unset):
        json_priority = UNSET
    elif isinstance(priority, Priority):
        json_priority = priority.value
    else:
        json_priority = priority
    params["priority"] = json_priority

    json_category: None | str | Unset
    if isinstance(category, Unset):
        json_category = UNSET
    else:
        json_category = category
    params["category"] = json_category

    json_campaign_id: None | str | Unset
    if isinstance(campaign_id, Unset):
        json_campaign_id = UNSET
    elif isinstance(campaign_id, UUID):
        json_campaign_id = str(campaign_id)
    else:
        json_campaign_id = campaign_id
    params["campaign_id"] = json_campaign_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/orgs/{org_id}/reports/breaches/export".format(
            org_id=quote(str(org_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ValidationProblem | str | None:
    if response.status_code == 200:
        response_200 = response.text
        return response_200

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
) -> Response[Problem | ValidationProblem | str]:
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
    format_: Format | Unset = UNSET,
    from_: datetime.date,
    to: datetime.date,
    target: BreachTarget | None | Unset = UNSET,
    inbox_id: None | Unset | UUID = UNSET,
    priority: None | Priority | Unset = UNSET,
    category: None | str | Unset = UNSET,
    campaign_id: None | Unset | UUID = UNSET,
) -> Response[Problem | ValidationProblem | str]:
    """The period's breach list, every row of it, as CSV or JSON Lines (supervisor+; API keys need
    `reports:read`)

    Args:
        org_id (UUID): The organisation's id
        format_ (Format | Unset):
        from_ (datetime.date): First day, in the organisation's time zone
        to (datetime.date): Last day, included
        target (BreachTarget | None | Unset): Only this target's breaches
        inbox_id (None | Unset | UUID):
        priority (None | Priority | Unset):
        category (None | str | Unset):
        campaign_id (None | Unset | UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ValidationProblem | str]
    """

    kwargs = _get_kwargs(
        org_id=org_id,
        format_=format_,
        from_=from_,
        to=to,
        target=target,
        inbox_id=inbox_id,
        priority=priority,
        category=category,
        campaign_id=campaign_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    org_id: UUID,
    *,
    client: AuthenticatedClient,
    format_: Format | Unset = UNSET,
    from_: datetime.date,
    to: datetime.date,
    target: BreachTarget | None | Unset = UNSET,
    inbox_id: None | Unset | UUID = UNSET,
    priority: None | Priority | Unset = UNSET,
    category: None | str | Unset = UNSET,
    campaign_id: None | Unset | UUID = UNSET,
) -> Problem | ValidationProblem | str | None:
    """The period's breach list, every row of it, as CSV or JSON Lines (supervisor+; API keys need
    `reports:read`)

    Args:
        org_id (UUID): The organisation's id
        format_ (Format | Unset):
        from_ (datetime.date): First day, in the organisation's time zone
        to (datetime.date): Last day, included
        target (BreachTarget | None | Unset): Only this target's breaches
        inbox_id (None | Unset | UUID):
        priority (None | Priority | Unset):
        category (None | str | Unset):
        campaign_id (None | Unset | UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ValidationProblem | str
    """

    return sync_detailed(
        org_id=org_id,
        client=client,
        format_=format_,
        from_=from_,
        to=to,
        target=target,
        inbox_id=inbox_id,
        priority=priority,
        category=category,
        campaign_id=campaign_id,
    ).parsed


async def asyncio_detailed(
    org_id: UUID,
    *,
    client: AuthenticatedClient,
    format_: Format | Unset = UNSET,
    from_: datetime.date,
    to: datetime.date,
    target: BreachTarget | None | Unset = UNSET,
    inbox_id: None | Unset | UUID = UNSET,
    priority: None | Priority | Unset = UNSET,
    category: None | str | Unset = UNSET,
    campaign_id: None | Unset | UUID = UNSET,
) -> Response[Problem | ValidationProblem | str]:
    """The period's breach list, every row of it, as CSV or JSON Lines (supervisor+; API keys need
    `reports:read`)

    Args:
        org_id (UUID): The organisation's id
        format_ (Format | Unset):
        from_ (datetime.date): First day, in the organisation's time zone
        to (datetime.date): Last day, included
        target (BreachTarget | None | Unset): Only this target's breaches
        inbox_id (None | Unset | UUID):
        priority (None | Priority | Unset):
        category (None | str | Unset):
        campaign_id (None | Unset | UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ValidationProblem | str]
    """

    kwargs = _get_kwargs(
        org_id=org_id,
        format_=format_,
        from_=from_,
        to=to,
        target=target,
        inbox_id=inbox_id,
        priority=priority,
        category=category,
        campaign_id=campaign_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    org_id: UUID,
    *,
    client: AuthenticatedClient,
    format_: Format | Unset = UNSET,
    from_: datetime.date,
    to: datetime.date,
    target: BreachTarget | None | Unset = UNSET,
    inbox_id: None | Unset | UUID = UNSET,
    priority: None | Priority | Unset = UNSET,
    category: None | str | Unset = UNSET,
    campaign_id: None | Unset | UUID = UNSET,
) -> Problem | ValidationProblem | str | None:
    """The period's breach list, every row of it, as CSV or JSON Lines (supervisor+; API keys need
    `reports:read`)

    Args:
        org_id (UUID): The organisation's id
        format_ (Format | Unset):
        from_ (datetime.date): First day, in the organisation's time zone
        to (datetime.date): Last day, included
        target (BreachTarget | None | Unset): Only this target's breaches
        inbox_id (None | Unset | UUID):
        priority (None | Priority | Unset):
        category (None | str | Unset):
        campaign_id (None | Unset | UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ValidationProblem | str
    """

    return (
        await asyncio_detailed(
            org_id=org_id,
            client=client,
            format_=format_,
            from_=from_,
            to=to,
            target=target,
            inbox_id=inbox_id,
            priority=priority,
            category=category,
            campaign_id=campaign_id,
        )
    ).parsed
