"""HTTP delivery: signed Standard Webhooks POSTs, and Slack incoming-webhook messages.

Every target is checked against the SSRF rules at each attempt (a name can start resolving
somewhere else after it was saved): literal addresses and `localhost` before sending, names as the
connection is made, by `pinned_network`, which connects to the very address it approved. A refused
target is dead at once. Redirects are not followed, responses are read only up to 1 KB, and each
attempt times out after 10 s.
"""

import json
import sys
from datetime import UTC, datetime
from typing import Any

import httpx
from standardwebhooks import Webhook

from app.models.notifications import Notification, WebhookEndpoint
from app.services.notifications import pinned_network, ssrf
from app.services.notifications._outcome import Outcome, Result

# httpcore 1.0 tries `import sniffio` whenever it makes a lock; since anyio 4.11 stopped depending
# on sniffio it is usually absent, Python does not cache a failed import, and each attempt walks
# sys.path again: here that was ~40 % of a webhook's CPU (encode/httpcore#1103, not yet released).
# Recording the absence once makes that import fail at once, exactly as it would have anyway.
try:
    import sniffio  # noqa: F401
except ImportError:
    sys.modules.setdefault("sniffio", None)  # type: ignore[arg-type]

TIMEOUT_SECONDS = 10.0
_KEEP_BYTES = 1024
USER_AGENT = "escalation-inbox-webhooks/1"


def new_client(concurrency: int, *, allow_private: bool) -> httpx.AsyncClient:
    """The client for one delivery run; send with the same `allow_private` it was made with."""
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    transport = (
        httpx.AsyncHTTPTransport(limits=limits, trust_env=False)
        if allow_private
        else pinned_network.PinnedTransport(limits=limits)
    )
    return httpx.AsyncClient(
        transport=transport,
        timeout=TIMEOUT_SECONDS,
        follow_redirects=False,
        trust_env=False,
        headers={"user-agent": USER_AGENT},
    )


def encode(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()


def signed_headers(
    msg_id: str, secret: str, body: bytes, *, at: datetime, previous_secret: str | None = None
) -> dict[str, str]:
    """Standard Webhooks headers; the signature covers `id.timestamp.body` (the spec's own code).

    With a previous secret (a rotation's grace period) the header carries both signatures,
    space-separated, the new one first: the spec lets a receiver accept any one that matches, so
    it verifies with either secret while it moves to the new one."""
    secrets = [secret] if previous_secret is None else [secret, previous_secret]
    return {
        "content-type": "application/json",
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(at.timestamp())),
        "webhook-signature": " ".join(Webhook(s).sign(msg_id, at, body.decode()) for s in secrets),
    }


async def _post(
    http: httpx.AsyncClient, url: str, body: bytes, headers: dict[str, str], *, allow_private: bool
) -> Outcome:
    try:
        # No lookup here: the client's transport judges what a name resolves to as it connects.
        await ssrf.check(url, allow_private=allow_private, resolve=False)
        async with http.stream("POST", url, content=body, headers=headers) as response:
            kept = b""
            async for chunk in response.aiter_bytes():
                kept += chunk
                if len(kept) >= _KEEP_BYTES:
                    break
    except ssrf.UnsafeTarget as exc:
        return Outcome.dead(f"Refused target (SSRF): {exc.detail}")
    except httpx.TimeoutException:
        return Outcome.retry(f"No answer within {TIMEOUT_SECONDS:.0f} s")
    except httpx.HTTPError as exc:
        return Outcome.retry(f"{type(exc).__name__}: {exc}")
    code = response.status_code
    if 200 <= code < 300:
        return Outcome.sent(code)
    if code == 410:
        return Outcome(Result.gone, code, "410 Gone")
    snippet = kept[:_KEEP_BYTES].decode(errors="replace")
    return Outcome.retry(f"HTTP {code}: {snippet}".strip(), code)


async def send_webhook(
    http: httpx.AsyncClient,
    row: Notification,
    endpoint: WebhookEndpoint,
    *,
    allow_private: bool,
) -> Outcome:
    body = encode(row.payload)
    # The receiver checks this timestamp against its own clock: always the real time. The
    # previous secret's expiry is judged by the same clock (as WebhookRead shows it).
    now = datetime.now(UTC)
    expires_at = endpoint.previous_secret_expires_at
    previous = endpoint.previous_secret if expires_at is not None and now < expires_at else None
    headers = signed_headers(str(row.id), endpoint.secret, body, at=now, previous_secret=previous)
    return await _post(http, endpoint.url, body, headers, allow_private=allow_private)


def _mrkdwn(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# Events after which the escalation is usually there to be claimed: their messages offer Claim.
CLAIMABLE_EVENTS = frozenset(
    {
        "escalation.created",
        "escalation.moved",
        "escalation.level_raised",
        "escalation.sla_warning",
        "escalation.sla_breached",
        "escalation.claim_expired",
        "escalation.claim_returned_no_reply",
    }
)


def _buttons(row: Notification, label: str, link: str) -> list[dict[str, Any]]:
    """Open (a URL button), Claim for a claimable escalation and Acknowledge for a breach: Slack
    sends a press to our interactivity endpoint (app/services/slack/interactions.py) with the
    escalation as value."""
    buttons: list[dict[str, Any]] = []
    if row.escalation_id is not None and row.event_type in CLAIMABLE_EVENTS:
        buttons.append(
            {
                "type": "button",
                "action_id": "claim",
                "style": "primary",
                "text": {"type": "plain_text", "text": "Claim"},
                "value": str(row.escalation_id),
            }
        )
    if row.escalation_id is not None and row.event_type == "escalation.sla_breached":
        buttons.append(
            {
                "type": "button",
                "action_id": "acknowledge",
                "text": {"type": "plain_text", "text": "Acknowledge"},
                "value": str(row.escalation_id),
            }
        )
    buttons.append(
        {
            "type": "button",
            "action_id": "open",
            "text": {"type": "plain_text", "text": label},
            "url": link[:3000],
        }
    )
    return buttons


def slack_message(row: Notification, *, base_url: str) -> dict[str, Any]:
    payload = row.payload or {}
    if "slack_response" in payload:  # an answer to a button press, sent to its response_url
        response: dict[str, Any] = payload["slack_response"]
        return response
    link = (payload.get("context") or {}).get("link") or base_url
    if "digest" in payload:
        text = "\n".join(f"• <{i['link']}|{_mrkdwn(i['title'])}>" for i in payload["digest"])
        label = "Open escalations"
    else:
        lines = [line for line in row.body.splitlines() if not line.startswith("Open: ")]
        text, label = _mrkdwn("\n".join(lines)), "Open escalation"
    return {
        "text": row.title,
        "blocks": [
            {
                "type": "section",
                "text": {"type": "mrkdwn", "text": f"*{_mrkdwn(row.title)}*\n{text}"[:3000]},
            },
            {"type": "actions", "elements": _buttons(row, label, link)},
        ],
    }


async def send_slack(
    http: httpx.AsyncClient, row: Notification, *, allow_private: bool, base_url: str
) -> Outcome:
    body = encode(slack_message(row, base_url=base_url))
    url = row.recipient.removeprefix("slack:")
    outcome = await _post(
        http, url, body, {"content-type": "application/json"}, allow_private=allow_private
    )
    if outcome.result is Result.gone:  # a revoked Slack webhook; there is no endpoint to disable
        return Outcome.dead("410 Gone from Slack", outcome.status_code)
    return outcome
