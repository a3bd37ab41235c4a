from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.notification_delivery_page import NotificationDeliveryPage
from ...models.notifications_list_notification_deliveries_channel_type_0 import (
    NotificationsListNotificationDeliveriesChannelType0,
)
from ...models.notifications_list_notification_deliveries_status_type_0 import (
    NotificationsListNotificationDeliveriesStatusType0,
)
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    org_id: UUID,
    *,
    channel: None | NotificationsListNotificationDeliveriesChannelType0 | Unset = UNSET,
    status: None | NotificationsListNotificationDeliveriesStatusType0 | Unset = UNSET,
    event_type: None | str | Unset = UNSET,
    escalation_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_channel: None | str | Unset
    if isinstance(channel, Unset):
        json_channel = UNSET
    elif isinstance(channel, NotificationsListNotificationDeliveriesChannelType0):
        json_channel = channel.value
    else:
        json_channel = channel
    params["channel"] = json_channel

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, NotificationsListNotificationDeliveriesStatusType0):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    json_event_type: None | str | Unset
    if isinstance(event_type, Unset):
        json_event_type = UNSET
    else:
        json_event_type = event_type
    params["event_type"] = json_event_type

    json_escalation_id: None | str | Unset
    if isinstance(escalation_id, Unset):
        json_escalation_id = UNSET
    elif isinstance(escalation_id, UUID):
        json_escalation_id = str(escalation_id)
    else:
        json_escalation_id = escalation_id
    params["escalation_id"] = json_escalation_id

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/orgs/{org_id}/notification-deliveries".format(
            org_id=quote(str(org_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> NotificationDeliveryPage | Problem | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = NotificationDeliveryPage.from_dict(response.json())

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
) -> Response[NotificationDeliveryPage | Problem | ValidationProblem]:
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
    channel: None | NotificationsListNotificationDeliveriesChannelType0 | Unset = UNSET,
    status: None | NotificationsListNotificationDeliveriesStatusType0 | Unset = UNSET,
    event_type: None | str | Unset = UNSET,
    escalation_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[NotificationDeliveryPage | Problem | ValidationProblem]:
    """Email, Slack and webhook deliveries, newest first, with the recent dead count (admin+)

    Args:
        org_id (UUID): The organisation's id
        channel (None | NotificationsListNotificationDeliveriesChannelType0 | Unset): Only this
            channel
        status (None | NotificationsListNotificationDeliveriesStatusType0 | Unset): Only this
            status
        event_type (None | str | Unset): Only this event `type`
        escalation_id (None | Unset | UUID): Only this escalation's
        limit (int | Unset): Page size Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[NotificationDeliveryPage | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        org_id=org_id,
        channel=channel,
        status=status,
        event_type=event_type,
        escalation_id=escalation_id,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    org_id: UUID,
    *,
    client: AuthenticatedClient,
    channel: None | NotificationsListNotificationDeliveriesChannelType0 | Unset = UNSET,
    status: None | NotificationsListNotificationDeliveriesStatusType0 | Unset = UNSET,
    event_type: None | str | Unset = UNSET,
    escalation_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> NotificationDeliveryPage | Problem | ValidationProblem | None:
    """Email, Slack and webhook deliveries, newest first, with the recent dead count (admin+)

    Args:
        org_id (UUID): The organisation's id
        channel (None | NotificationsListNotificationDeliveriesChannelType0 | Unset): Only this
            channel
        status (None | NotificationsListNotificationDeliveriesStatusType0 | Unset): Only this
            status
        event_type (None | str | Unset): Only this event `type`
        escalation_id (None | Unset | UUID): Only this escalation's
        limit (int | Unset): Page size Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        NotificationDeliveryPage | Problem | ValidationProblem
    """

    return sync_detailed(
        org_id=org_id,
        client=client,
        channel=channel,
        status=status,
        event_type=event_type,
        escalation_id=escalation_id,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    org_id: UUID,
    *,
    client: AuthenticatedClient,
    channel: None | NotificationsListNotificationDeliveriesChannelType0 | Unset = UNSET,
    status: None | NotificationsListNotificationDeliveriesStatusType0 | Unset = UNSET,
    event_type: None | str | Unset = UNSET,
    escalation_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[NotificationDeliveryPage | Problem | ValidationProblem]:
    """Email, Slack and webhook deliveries, newest first, with the recent dead count (admin+)

    Args:
        org_id (UUID): The organisation's id
        channel (None | NotificationsListNotificationDeliveriesChannelType0 | Unset): Only this
            channel
        status (None | NotificationsListNotificationDeliveriesStatusType0 | Unset): Only this
            status
        event_type (None | str | Unset): Only this event `type`
        escalation_id (None | Unset | UUID): Only this escalation's
        limit (int | Unset): Page size Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[NotificationDeliveryPage | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        org_id=org_id,
        channel=channel,
        status=status,
        event_type=event_type,
        escalation_id=escalation_id,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    org_id: UUID,
    *,
    client: AuthenticatedClient,
    channel: None | NotificationsListNotificationDeliveriesChannelType0 | Unset = UNSET,
    status: None | NotificationsListNotificationDeliveriesStatusType0 | Unset = UNSET,
    event_type: None | str | Unset = UNSET,
    escalation_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> NotificationDeliveryPage | Problem | ValidationProblem | None:
    """Email, Slack and webhook deliveries, newest first, with the recent dead count (admin+)

    Args:
        org_id (UUID): The organisation's id
        channel (None | NotificationsListNotificationDeliveriesChannelType0 | Unset): Only this
            channel
        status (None | NotificationsListNotificationDeliveriesStatusType0 | Unset): Only this
            status
        event_type (None | str | Unset): Only this event `type`
        escalation_id (None | Unset | UUID): Only this escalation's
        limit (int | Unset): Page size Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        NotificationDeliveryPage | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            org_id=org_id,
            client=client,
            channel=channel,
            status=status,
            event_type=event_type,
            escalation_id=escalation_id,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
