"""Optimistic concurrency for what people edit side by side: a row's version is its `updated_at`,
which every change to it moves. A client that read version V sends `If-Match: "V"` with its
change, and gets 409 instead of silently overwriting what someone else changed meanwhile."""

from collections.abc import Sequence
from datetime import datetime

from app.errors import Conflict


class StaleVersion(Conflict):
    code = "stale-if-match"
    title = "It changed since you read it"


def version_of(updated_at: datetime | None) -> str:
    """None: a document never saved (still its defaults)."""
    if updated_at is None:
        return "0"
    return format(round(updated_at.timestamp() * 1_000_000), "x")


def check_version(updated_at: datetime | None, expected: Sequence[str] | None) -> None:
    """`expected` is the If-Match list (None: no condition; "*": any version will do). The
    caller holds the row locked, so the version cannot move between this check and its write."""
    if expected is None or "*" in expected:
        return
    current = version_of(updated_at)
    if current not in expected:
        raise StaleVersion(
            "Someone changed it after you read it: load it again and redo your change.",
            current_version=current,
        )
