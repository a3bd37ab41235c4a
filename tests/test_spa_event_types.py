"""The SPA names every event type the API records.

An EventSource only hears the event names it subscribed to, so an event type missing from the
SPA's list is an event its screens never refresh on (auto-assignment once went unseen this way);
the webhook form offers the same list.
"""

import re
from pathlib import Path

from app.models.escalations import EventType

TYPES_TS = Path(__file__).resolve().parent.parent / "frontend" / "src" / "api" / "types.ts"


def spa_event_types() -> list[str]:
    source = TYPES_TS.read_text()
    block = re.search(r"export const EVENT_TYPES = \[(.*?)\] as const;", source, re.S)
    assert block, f"no EVENT_TYPES list in {TYPES_TS}"
    return re.findall(r"'([^']+)'", block.group(1))


def test_the_spa_lists_every_event_type_once() -> None:
    listed = spa_event_types()
    assert len(listed) == len(set(listed))
    assert set(listed) == {t.value for t in EventType}
