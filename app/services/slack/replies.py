"""What we tell Slack after a button press, sent to the interaction's `response_url` through the
outbox (as every notification goes out: after the commit, retried, SSRF-checked at each attempt).

`response_url` must be Slack's own (https://hooks.slack.com/...) unless private targets are
allowed (WEBHOOK_ALLOW_PRIVATE: tests, closed networks), where any http(s) URL is taken.
"""

import hashlib
import uuid
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import RuleViolation
from app.models.notifications import Channel
from app.services.notifications import fanout

SLACK_HOST = "hooks.slack.com"


class SlackResponseUrlRefused(RuleViolation):
    code = "slack-response-url-refused"
    title = "The response_url is not Slack's"


def check_response_url(url: str, *, allow_private: bool) -> None:
    parts = urlsplit(url)
    if allow_private and parts.scheme in ("http", "https") and parts.hostname:
        return
    if parts.scheme != "https" or parts.hostname != SLACK_HOST or parts.port not in (None, 443):
        raise SlackResponseUrlRefused(f"response_url must be https://{SLACK_HOST}/...")


def _mrkdwn(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def ephemeral(text: str) -> dict[str, Any]:
    """A note only the presser sees; the message itself stays as it was."""
    return {"response_type": "ephemeral", "replace_original": False, "text": text}


def claimed(original: dict[str, Any] | None, *, who: str, until: datetime) -> dict[str, Any]:
    """The message as it was, without its Claim button, and who claimed it (for everyone)."""
    # Slack shows the time in each reader's own zone; the fallback is the UTC timestamp.
    when = f"<!date^{int(until.timestamp())}^{{date_short_pretty}} {{time}}|{until.isoformat()}>"
    line = f":white_check_mark: Claimed by *{_mrkdwn(who)}* until {when}"
    return _updated(original, "claim", line, f"Claimed by {who}")


def acknowledged(original: dict[str, Any] | None, *, who: str) -> dict[str, Any]:
    """The message as it was, without its Acknowledge button, and who has the breach in hand."""
    line = f":eyes: Breach acknowledged by *{_mrkdwn(who)}*"
    return _updated(original, "acknowledge", line, f"Breach acknowledged by {who}")


def _updated(original: dict[str, Any] | None, done: str, line: str, text: str) -> dict[str, Any]:
    blocks = [b for b in (original or {}).get("blocks") or [] if isinstance(b, dict)]
    kept = [b for b in (_without(b, done) for b in blocks) if b]
    context = {"type": "context", "elements": [{"type": "mrkdwn", "text": line}]}
    return {"replace_original": True, "text": text, "blocks": [*kept, context]}


def _without(block: dict[str, Any], action_id: str) -> dict[str, Any] | None:
    if block.get("type") != "actions":
        return block
    elements = [e for e in block.get("elements") or [] if e.get("action_id") != action_id]
    return {**block, "elements": elements} if elements else None


async def send(
    session: AsyncSession,
    *,
    org_id: uuid.UUID,
    escalation_id: uuid.UUID | None,
    response_url: str,
    kind: str,
    body: dict[str, Any],
    request_key: str,
    now: datetime,
) -> None:
    """One outbox row to `response_url` (its key is the request's: a retried request adds none)."""
    digest = hashlib.sha256(request_key.encode()).hexdigest()
    base = {
        "org_id": org_id,
        "event_id": None,
        "event_type": f"slack.{kind}",
        "escalation_id": escalation_id,
        "title": str(body.get("text", ""))[:300],
        "body": str(body.get("text", "")),
        "created_at": now,
    }
    row = fanout.outbox_row(
        base,
        Channel.slack,
        f"slack:{response_url}",
        "slack_action",
        f"slack-response:{digest}",
        {},
        now=now,
        payload={"slack_response": body},
    )
    await fanout.write_rows(session, [row])
