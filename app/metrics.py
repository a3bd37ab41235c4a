"""Prometheus metrics: `/metrics` (prometheus-client), off unless `METRICS_ENABLED=true`.

Several uvicorn workers, or the API and the worker on one host, share their counters through
prometheus-client's multiprocess mode: set `PROMETHEUS_MULTIPROC_DIR` to an empty directory,
the same for every process, before they start (see the README). Without it each process counts
for itself, and the worker's delivery counters are not seen by the API's scrape.

* Request count and latency by route template and status: counted at the edge (app/edge.py).
* Claims, escalations created and resolved, SLA warnings and breaches by priority: a reaction
  to recorded events (app.services.events), counted once their transaction has committed.
* Delivery outcomes by channel: the delivery pass (services.notifications.delivery).
* Outbox depth by channel, SLA backlog and worker heartbeat age: read from the database at
  each scrape, so every process answers the same.
"""

import os
from collections import Counter as Tally
from collections.abc import Iterable
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector
from sqlalchemy import event, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session
from starlette.types import Scope

from app.models.base import utcnow
from app.models.escalations import Escalation, EscalationEvent, EventType
from app.models.notifications import DeliveryStatus, Notification
from app.services import health
from app.services._recorded import Recorded

CONTENT_TYPE = CONTENT_TYPE_LATEST
PENDING = "metrics_events"  # session.info key: event tallies awaiting the commit

REQUESTS = Counter(
    "http_requests_total",
    "HTTP requests by route template and status",
    ["method", "route", "status"],
)
LATENCY = Histogram(
    "http_request_duration_seconds",
    "HTTP request latency by route template (the event stream is left out)",
    ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
LIVE_LAG = Histogram(
    "live_stream_lag_seconds",
    "From an event's time to its API process handing it to the open streams",
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30),
)
CLAIMS = Counter("escalation_claims_total", "Escalations claimed")
CREATED = Counter("escalations_created_total", "Escalations created")
RESOLVED = Counter("escalations_resolved_total", "Escalations resolved")
DE_ESCALATED = Counter("escalations_de_escalated_total", "Escalations de-escalated")
SLA_WARNINGS = Counter("sla_warnings_total", "SLA warnings by priority", ["priority"])
SLA_BREACHES = Counter("sla_breaches_total", "SLA breaches by priority", ["priority"])
DELIVERIES = Counter(
    "notification_deliveries_total",
    "Delivery attempts by channel and outcome (sent, retry, dead, gone)",
    ["channel", "outcome"],
)

_PLAIN = {
    EventType.claimed.value: CLAIMS,
    EventType.created.value: CREATED,
    EventType.resolved.value: RESOLVED,
    EventType.de_escalated.value: DE_ESCALATED,
}
_BY_PRIORITY = {
    EventType.sla_warning.value: SLA_WARNINGS,
    EventType.sla_breached.value: SLA_BREACHES,
}
COUNTED = (*_PLAIN, *_BY_PRIORITY)


async def react(session: AsyncSession, recorded: Recorded) -> None:
    """Tally the events on the session; they are counted when (and if) it commits."""
    tally: Tally[tuple[str, str]] = session.info.setdefault(PENDING, Tally())
    sla = [r for r in recorded.rows if r["type"] in _BY_PRIORITY]
    priorities: dict[Any, str] = {}
    if sla:
        # The priority the clock runs for: a breach raises the escalation's own priority.
        rows = await session.execute(
            select(Escalation.id, Escalation.sla, Escalation.priority).where(
                Escalation.id.in_({r["escalation_id"] for r in sla})
            )
        )
        priorities = {row.id: (row.sla or {}).get("priority", row.priority.value) for row in rows}
    for row in recorded.rows:
        tally[row["type"], priorities.get(row["escalation_id"], "")] += 1


@event.listens_for(Session, "after_commit")
def _committed(session: Session) -> None:
    tally: Tally[tuple[str, str]] = session.info.pop(PENDING, None) or Tally()
    for (type_, priority), count in tally.items():
        if type_ in _PLAIN:
            _PLAIN[type_].inc(count)
        elif type_ in _BY_PRIORITY:
            _BY_PRIORITY[type_].labels(priority=priority).inc(count)


@event.listens_for(Session, "after_rollback")
def _rolled_back(session: Session) -> None:
    session.info.pop(PENDING, None)


def count_deliveries(outcomes: Iterable[tuple[str, str]]) -> None:
    for (channel, outcome), count in Tally(outcomes).items():
        DELIVERIES.labels(channel=channel, outcome=outcome).inc(count)


def route_template(scope: Scope, api_prefix: str) -> str:
    """The matched route's template (`/api/v1/orgs/{org_id}/...`): never the raw path, whose
    values would make the label set unbounded."""
    path: str | None = getattr(scope.get("route"), "path", None)
    if path is None:
        return "unmatched"
    # Routes included under the prefix know their path without it.
    under_prefix = str(scope.get("path", "")).startswith(api_prefix + "/")
    return api_prefix + path if under_prefix and not path.startswith(api_prefix) else path


def count_request(method: str, route: str, status: int, seconds: float | None) -> None:
    """One HTTP request (app/edge.py); `seconds` None: not a latency (a live stream)."""
    REQUESTS.labels(method=method, route=route, status=str(status)).inc()
    if seconds is not None:
        LATENCY.labels(method=method, route=route).observe(seconds)


class _Snapshot(Collector):
    """What the database says at this scrape."""

    def __init__(self, families: list[Metric]) -> None:
        self.families = families

    def collect(self) -> Iterable[Metric]:
        return self.families


async def _database_gauges(session: AsyncSession) -> list[Metric]:
    status = await health.worker_status(session, now=utcnow())
    age = GaugeMetricFamily(
        "worker_heartbeat_age_seconds", "Seconds since the last worker heartbeat (NaN: never)"
    )
    age.add_metric([], float("nan") if status.lag_seconds is None else status.lag_seconds)
    backlog = GaugeMetricFamily(
        "sla_backlog_seconds", "How long the oldest due SLA check has waited for the worker"
    )
    backlog.add_metric([], status.sla_backlog_seconds or 0.0)
    depth = GaugeMetricFamily(
        "outbox_depth",
        "Notifications waiting for delivery (pending or retrying)",
        labels=["channel"],
    )
    rows = await session.execute(
        select(Notification.channel, func.count())
        .where(Notification.status.in_((DeliveryStatus.pending, DeliveryStatus.failed)))
        .group_by(Notification.channel)
    )
    for channel, count in rows.tuples():
        depth.add_metric([channel.value], count)
    unstamped = await session.execute(
        select(func.count(), func.min(EscalationEvent.created_at)).where(
            EscalationEvent.stream_position.is_(None)
        )
    )
    waiting, oldest = unstamped.one()
    stream_backlog = GaugeMetricFamily(
        "live_stream_backlog_seconds",
        "How long the oldest committed event has waited for its stream position",
    )
    stream_backlog.add_metric([], (utcnow() - oldest).total_seconds() if oldest else 0.0)
    stream_waiting = GaugeMetricFamily(
        "live_stream_unstamped_events", "Committed events not yet in the live stream"
    )
    stream_waiting.add_metric([], waiting)
    return [age, backlog, depth, stream_backlog, stream_waiting]


async def render(session: AsyncSession) -> bytes:
    """The exposition text: this host's processes' counters, then the database's gauges."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    snapshot = CollectorRegistry()
    snapshot.register(_Snapshot(await _database_gauges(session)))
    return generate_latest(registry) + generate_latest(snapshot)
