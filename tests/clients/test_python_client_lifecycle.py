"""The escalation lifecycle through the generated Python client (clients/python), against a live
uvicorn server, as a helpdesk integration would drive it: set up by a person once (register, log
in, an organisation, a campaign, an API key, two inboxes the key owns), then with the key alone:
create a conversation, escalate it with an Idempotency-Key and retry, claim, move, resolve, and
read the audit trail."""

import asyncio
import uuid
from http import HTTPStatus
from typing import Any, TypeVar

from escalation_inbox_client import AuthenticatedClient, Client
from escalation_inbox_client.api.api_keys import api_keys_create_api_key
from escalation_inbox_client.api.auth import auth_auth_jwt_login, auth_register_register
from escalation_inbox_client.api.campaigns import campaigns_create_campaign
from escalation_inbox_client.api.conversations import (
    conversations_create_conversation,
    conversations_list_conversations,
)
from escalation_inbox_client.api.escalations import (
    escalations_escalate_conversation,
    escalations_get_escalation,
    escalations_list_escalation_events,
    escalations_move_escalation,
    escalations_resolve_escalation,
)
from escalation_inbox_client.api.inboxes import inboxes_claim_batch, inboxes_create_inbox
from escalation_inbox_client.api.organisations import organisations_create_organisation
from escalation_inbox_client.models import (
    ApiKeyCreate,
    ApiKeyCreated,
    BearerResponse,
    BodyAuthAuthJwtLogin,
    CampaignCreate,
    CampaignRead,
    ClaimBatch,
    ClaimRequest,
    ContactIn,
    ConversationCreate,
    ConversationRead,
    EscalationCreate,
    EscalationRead,
    EscalationResult,
    EscalationStatus,
    FirstMessage,
    Handoff,
    InboxCreate,
    InboxRead,
    MoveRequest,
    NoteIn,
    OrganisationCreate,
    OrganisationRead,
    PageConversationRead,
    PageEventRead,
    Problem,
    Scope,
    UserCreate,
    ValidationProblem,
)
from escalation_inbox_client.types import Response

T = TypeVar("T")


def ok(response: Response[Any], kind: type[T], status: int = 200) -> T:
    assert response.status_code == status, (response.status_code, response.content)
    assert isinstance(response.parsed, kind), response.parsed
    return response.parsed


async def _set_up(base: str) -> tuple[uuid.UUID, uuid.UUID, ApiKeyCreated, list[uuid.UUID]]:
    """A person's one-off setup: the organisation, a campaign, the key and its two inboxes."""
    email, password = f"lead-{uuid.uuid4().hex[:8]}@example.com", "a long lifecycle password"
    anonymous = Client(base_url=base)
    r = await auth_register_register.asyncio_detailed(
        client=anonymous, body=UserCreate(email=email, password=password)
    )
    assert r.status_code == HTTPStatus.CREATED, r.content
    token = ok(
        await auth_auth_jwt_login.asyncio_detailed(
            client=anonymous, body=BodyAuthAuthJwtLogin(username=email, password=password)
        ),
        BearerResponse,
    ).access_token
    person = AuthenticatedClient(base_url=base, token=token)
    org = ok(
        await organisations_create_organisation.asyncio_detailed(
            client=person, body=OrganisationCreate(name="Parcel Co")
        ),
        OrganisationRead,
        201,
    )
    campaign = ok(
        await campaigns_create_campaign.asyncio_detailed(
            org.id, client=person, body=CampaignCreate(name="Deliveries")
        ),
        CampaignRead,
        201,
    )
    key = ok(
        await api_keys_create_api_key.asyncio_detailed(
            org.id,
            client=person,
            body=ApiKeyCreate(
                name="Helpdesk bridge",
                scopes=[Scope.READ, Scope.CONVERSATIONS, Scope.ESCALATE, Scope.CLAIM],
            ),
        ),
        ApiKeyCreated,
        201,
    )
    inboxes = []
    for name in ("Billing", "Logistics"):
        inbox = ok(
            await inboxes_create_inbox.asyncio_detailed(
                org.id, client=person, body=InboxCreate(name=name, owner_ids=[key.id])
            ),
            InboxRead,
            201,
        )
        inboxes.append(inbox.id)
    return org.id, campaign.id, key, inboxes


async def test_lifecycle_with_an_api_key(live_api: str) -> None:
    org_id, campaign_id, key, (billing, logistics) = await _set_up(live_api)
    helpdesk = AuthenticatedClient(base_url=live_api, token=key.secret)

    conversation = ok(
        await conversations_create_conversation.asyncio_detailed(
            org_id,
            client=helpdesk,
            body=ConversationCreate(
                campaign_id=campaign_id,
                contact=ContactIn(name="Ann Example", email="ann@example.com"),
                message=FirstMessage(body="My parcel never arrived"),
            ),
        ),
        ConversationRead,
        201,
    )

    # Escalate, and retry as a client would after a lost answer: one escalation, same answer.
    escalate = EscalationCreate(
        inbox_id=billing,
        handoff=Handoff(
            reason="Refund over the agent's limit",
            steps_taken="Checked the tracking",
            help_needed="Approve a refund",
        ),
    )
    attempt = str(uuid.uuid4())
    answers = [
        await escalations_escalate_conversation.asyncio_detailed(
            org_id, conversation.id, client=helpdesk, body=escalate, idempotency_key=attempt
        )
        for _ in range(2)
    ]
    first, retry = (ok(a, EscalationResult, 201) for a in answers)
    assert retry.escalation.id == first.escalation.id
    assert "idempotent-replayed" not in answers[0].headers
    assert answers[1].headers["idempotent-replayed"] == "true"
    escalation_id = first.escalation.id
    assert first.escalation.escalated_by == key.id
    # The same key for another request is refused, not acted on.
    other = await escalations_escalate_conversation.asyncio_detailed(
        org_id,
        conversation.id,
        client=helpdesk,
        body=EscalationCreate(inbox_id=logistics, handoff=escalate.handoff),
        idempotency_key=attempt,
    )
    assert ok(other, ValidationProblem, 422).type_.endswith("/idempotency-key-reused")

    claimed = ok(
        await inboxes_claim_batch.asyncio_detailed(
            org_id, billing, client=helpdesk, body=ClaimRequest(count=1)
        ),
        ClaimBatch,
        201,
    )
    assert [e.id for e in claimed.items] == [escalation_id]
    assert claimed.items[0].claimed_by == key.id

    moved = ok(
        await escalations_move_escalation.asyncio_detailed(
            org_id,
            escalation_id,
            client=helpdesk,
            body=MoveRequest(inbox_id=logistics, note="Carrier issue"),
            idempotency_key=str(uuid.uuid4()),
        ),
        EscalationRead,
    )
    assert moved.inbox_id == logistics

    resolved = ok(
        await escalations_resolve_escalation.asyncio_detailed(
            org_id, escalation_id, client=helpdesk, body=NoteIn(note="Refunded")
        ),
        EscalationRead,
    )
    assert resolved.status is EscalationStatus.RESOLVED
    current = ok(
        await escalations_get_escalation.asyncio_detailed(org_id, escalation_id, client=helpdesk),
        EscalationRead,
    )
    assert current.status is EscalationStatus.RESOLVED

    trail = ok(
        await escalations_list_escalation_events.asyncio_detailed(
            org_id, escalation_id, client=helpdesk
        ),
        PageEventRead,
    )
    assert [(e.type_, e.actor_id) for e in trail.items] == [
        ("escalation.created", key.id),
        ("escalation.claimed", key.id),
        ("escalation.moved", key.id),
        ("escalation.resolved", key.id),
    ]


async def test_key_scopes_and_other_organisations_through_the_client(live_api: str) -> None:
    org_id, _, key, (billing, _) = await _set_up(live_api)
    helpdesk = AuthenticatedClient(base_url=live_api, token=key.secret)
    other_org, *_ = await _set_up(live_api)
    r = await inboxes_create_inbox.asyncio_detailed(
        org_id, client=helpdesk, body=InboxCreate(name="Mine", owner_ids=[key.id])
    )
    assert ok(r, Problem, 403).type_.endswith("/missing-scope")
    one = ClaimRequest(count=1)
    r = await inboxes_claim_batch.asyncio_detailed(other_org, billing, client=helpdesk, body=one)
    assert ok(r, Problem, 404).type_.endswith("/organisation-not-found")
    forged = AuthenticatedClient(base_url=live_api, token=key.secret + "x")
    r = await inboxes_claim_batch.asyncio_detailed(org_id, billing, client=forged, body=one)
    assert ok(r, Problem, 401).status == 401


async def test_concurrent_repeats_act_once(live_api: str) -> None:
    """Eight copies of one request at once with one Idempotency-Key, against the real server:
    one acts, the others are answered 409 (still running) or with its stored answer."""
    org_id, campaign_id, key, _ = await _set_up(live_api)
    helpdesk = AuthenticatedClient(base_url=live_api, token=key.secret)
    body = ConversationCreate(campaign_id=campaign_id, contact=ContactIn(name="Ann Example"))
    attempt = str(uuid.uuid4())
    answers = await asyncio.gather(
        *(
            conversations_create_conversation.asyncio_detailed(
                org_id, client=helpdesk, body=body, idempotency_key=attempt
            )
            for _ in range(8)
        )
    )
    created = [a for a in answers if a.status_code == 201]
    fresh = [a for a in created if "idempotent-replayed" not in a.headers]
    assert len(fresh) == 1, [(a.status_code, a.headers.get("idempotent-replayed")) for a in answers]
    assert {a.status_code for a in answers} <= {201, 409}
    assert all(a.content == fresh[0].content for a in created)
    for refused in (a for a in answers if a.status_code == 409):
        assert ok(refused, Problem, 409).type_.endswith("/idempotency-request-in-progress")
    listed = ok(
        await conversations_list_conversations.asyncio_detailed(org_id, client=helpdesk),
        PageConversationRead,
    )
    assert [c.id for c in listed.items] == [ok(fresh[0], ConversationRead, 201).id]
