from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.live_event import LiveEvent
from ...models.presence_changed import PresenceChanged
from ...models.problem import Problem
from ...models.stream_closed import StreamClosed
from ...models.stream_ready import StreamReady
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    org_id: UUID,
    *,
    last_event_id_query: None | str | Unset = UNSET,
    token: None | str | Unset = UNSET,
    last_event_id_header: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(last_event_id_header, Unset):
        headers["Last-Event-ID"] = last_event_id_header

    params: dict[str, Any] = {}

    json_last_event_id_query: None | str | Unset
    if isinstance(last_event_id_query, Unset):
        json_last_event_id_query = UNSET
    else:
        json_last_event_id_query = last_event_id_query
    params["last_event_id"] = json_last_event_id_query

    json_token: None | str | Unset
    if isinstance(token, Unset):
        json_token = UNSET
    else:
        json_token = token
    params["token"] = json_token

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/orgs/{org_id}/events/stream".format(
            org_id=quote(str(org_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> LiveEvent | PresenceChanged | StreamClosed | StreamReady | Problem | ValidationProblem | None:
    if response.status_code == 200:

        def _parse_response_200(data: object) -> LiveEvent | PresenceChanged | StreamClosed | StreamReady:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_stream_message_type_0 = StreamReady.from_dict(data)

                return componentsschemas_stream_message_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_stream_message_type_1 = LiveEvent.from_dict(data)

                return componentsschemas_stream_message_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_stream_message_type_2 = PresenceChanged.from_dict(data)

                return componentsschemas_stream_message_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_stream_message_type_3 = StreamClosed.from_dict(data)

            return componentsschemas_stream_message_type_3

        response_200 = _parse_response_200(response.text)

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

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[LiveEvent | PresenceChanged | StreamClosed | StreamReady | Problem | ValidationProblem]:
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
    last_event_id_query: None | str | Unset = UNSET,
    token: None | str | Unset = UNSET,
    last_event_id_header: None | str | Unset = UNSET,
) -> Response[LiveEvent | PresenceChanged | StreamClosed | StreamReady | Problem | ValidationProblem]:
    """Escalation events as they commit (text/event-stream), resumable with Last-Event-ID

     Server-sent events, one per escalation event the caller may see, in order.

    Every message is one of:
    - `event: ready`, `id: <position>`, `data`: a `StreamReady`. Sent once, after the backfill of a
      resumed stream; everything up to its position has been sent (or was not the caller's to see).
    - `event: <escalation event type>` (`escalation.created`, `escalation.claimed`, …),
      `id: <position>`, `data`: a `LiveEvent`.
    - `event: presence`, no id, `data`: a `PresenceChanged`: who has an escalation the caller may
      see open now (viewing, or composing a reply), after any change. Not an event: never replayed on
      a resume and no cursor; after (re)connecting, read `GET …/escalations/{id}/presence`.
    - `event: closed`, no id, `data`: a `StreamClosed`, the last message before the server ends the
      stream (`behind`: the client read too slowly; `shutdown`; `membership_ended`; `session_ended`:
      signed out, here or elsewhere). Reconnect with `Last-Event-ID`.
    - `: ping`, a comment every 15 s, to keep proxies from closing an idle stream.

    The `id` is the event's position in the stream, the one cursor: reconnect with the last one seen
    as the `Last-Event-ID` header (or `?last_event_id=` from a new EventSource) and the stream resumes
    right after it, losing nothing and repeating nothing.

    Args:
        org_id (UUID): The organisation's id
        last_event_id_query (None | str | Unset): As the Last-Event-ID header, for a new
            EventSource (it cannot set one)
        token (None | str | Unset): A stream token
        last_event_id_header (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[LiveEvent | PresenceChanged | StreamClosed | StreamReady | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        org_id=org_id,
        last_event_id_query=last_event_id_query,
        token=token,
        last_event_id_header=last_event_id_header,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    org_id: UUID,
    *,
    client: AuthenticatedClient,
    last_event_id_query: None | str | Unset = UNSET,
    token: None | str | Unset = UNSET,
    last_event_id_header: None | str | Unset = UNSET,
) -> LiveEvent | PresenceChanged | StreamClosed | StreamReady | Problem | ValidationProblem | None:
    """Escalation events as they commit (text/event-stream), resumable with Last-Event-ID

     Server-sent events, one per escalation event the caller may see, in order.

    Every message is one of:
    - `event: ready`, `id: <position>`, `data`: a `StreamReady`. Sent once, after the backfill of a
      resumed stream; everything up to its position has been sent (or was not the caller's to see).
    - `event: <escalation event type>` (`escalation.created`, `escalation.claimed`, …),
      `id: <position>`, `data`: a `LiveEvent`.
    - `event: presence`, no id, `data`: a `PresenceChanged`: who has an escalation the caller may
      see open now (viewing, or composing a reply), after any change. Not an event: never replayed on
      a resume and no cursor; after (re)connecting, read `GET …/escalations/{id}/presence`.
    - `event: closed`, no id, `data`: a `StreamClosed`, the last message before the server ends the
      stream (`behind`: the client read too slowly; `shutdown`; `membership_ended`; `session_ended`:
      signed out, here or elsewhere). Reconnect with `Last-Event-ID`.
    - `: ping`, a comment every 15 s, to keep proxies from closing an idle stream.

    The `id` is the event's position in the stream, the one cursor: reconnect with the last one seen
    as the `Last-Event-ID` header (or `?last_event_id=` from a new EventSource) and the stream resumes
    right after it, losing nothing and repeating nothing.

    Args:
        org_id (UUID): The organisation's id
        last_event_id_query (None | str | Unset): As the Last-Event-ID header, for a new
            EventSource (it cannot set one)
        token (None | str | Unset): A stream token
        last_event_id_header (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LiveEvent | PresenceChanged | StreamClosed | StreamReady | Problem | ValidationProblem
    """

    return sync_detailed(
        org_id=org_id,
        client=client,
        last_event_id_query=last_event_id_query,
        token=token,
        last_event_id_header=last_event_id_header,
    ).parsed


async def asyncio_detailed(
    org_id: UUID,
    *,
    client: AuthenticatedClient,
    last_event_id_query: None | str | Unset = UNSET,
    token: None | str | Unset = UNSET,
    last_event_id_header: None | str | Unset = UNSET,
) -> Response[LiveEvent | PresenceChanged | StreamClosed | StreamReady | Problem | ValidationProblem]:
    """Escalation events as they commit (text/event-stream), resumable with Last-Event-ID

     Server-sent events, one per escalation event the caller may see, in order.

    Every message is one of:
    - `event: ready`, `id: <position>`, `data`: a `StreamReady`. Sent once, after the backfill of a
      resumed stream; everything up to its position has been sent (or was not the caller's to see).
    - `event: <escalation event type>` (`escalation.created`, `escalation.claimed`, …),
      `id: <position>`, `data`: a `LiveEvent`.
    - `event: presence`, no id, `data`: a `PresenceChanged`: who has an escalation the caller may
      see open now (viewing, or composing a reply), after any change. Not an event: never replayed on
      a resume and no cursor; after (re)connecting, read `GET …/escalations/{id}/presence`.
    - `event: closed`, no id, `data`: a `StreamClosed`, the last message before the server ends the
      stream (`behind`: the client read too slowly; `shutdown`; `membership_ended`; `session_ended`:
      signed out, here or elsewhere). Reconnect with `Last-Event-ID`.
    - `: ping`, a comment every 15 s, to keep proxies from closing an idle stream.

    The `id` is the event's position in the stream, the one cursor: reconnect with the last one seen
    as the `Last-Event-ID` header (or `?last_event_id=` from a new EventSource) and the stream resumes
    right after it, losing nothing and repeating nothing.

    Args:
        org_id (UUID): The organisation's id
        last_event_id_query (None | str | Unset): As the Last-Event-ID header, for a new
            EventSource (it cannot set one)
        token (None | str | Unset): A stream token
        last_event_id_header (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[LiveEvent | PresenceChanged | StreamClosed | StreamReady | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        org_id=org_id,
        last_event_id_query=last_event_id_query,
        token=token,
        last_event_id_header=last_event_id_header,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    org_id: UUID,
    *,
    client: AuthenticatedClient,
    last_event_id_query: None | str | Unset = UNSET,
    token: None | str | Unset = UNSET,
    last_event_id_header: None | str | Unset = UNSET,
) -> LiveEvent | PresenceChanged | StreamClosed | StreamReady | Problem | ValidationProblem | None:
    """Escalation events as they commit (text/event-stream), resumable with Last-Event-ID

     Server-sent events, one per escalation event the caller may see, in order.

    Every message is one of:
    - `event: ready`, `id: <position>`, `data`: a `StreamReady`. Sent once, after the backfill of a
      resumed stream; everything up to its position has been sent (or was not the caller's to see).
    - `event: <escalation event type>` (`escalation.created`, `escalation.claimed`, …),
      `id: <position>`, `data`: a `LiveEvent`.
    - `event: presence`, no id, `data`: a `PresenceChanged`: who has an escalation the caller may
      see open now (viewing, or composing a reply), after any change. Not an event: never replayed on
      a resume and no cursor; after (re)connecting, read `GET …/escalations/{id}/presence`.
    - `event: closed`, no id, `data`: a `StreamClosed`, the last message before the server ends the
      stream (`behind`: the client read too slowly; `shutdown`; `membership_ended`; `session_ended`:
      signed out, here or elsewhere). Reconnect with `Last-Event-ID`.
    - `: ping`, a comment every 15 s, to keep proxies from closing an idle stream.

    The `id` is the event's position in the stream, the one cursor: reconnect with the last one seen
    as the `Last-Event-ID` header (or `?last_event_id=` from a new EventSource) and the stream resumes
    right after it, losing nothing and repeating nothing.

    Args:
        org_id (UUID): The organisation's id
        last_event_id_query (None | str | Unset): As the Last-Event-ID header, for a new
            EventSource (it cannot set one)
        token (None | str | Unset): A stream token
        last_event_id_header (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LiveEvent | PresenceChanged | StreamClosed | StreamReady | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            org_id=org_id,
            client=client,
            last_event_id_query=last_event_id_query,
            token=token,
            last_event_id_header=last_event_id_header,
        )
    ).parsed
