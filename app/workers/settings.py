"""arq worker: `arq app.workers.settings.WorkerSettings`.

PostgreSQL is the source of truth; jobs only wake the worker up, so every job is safe to run twice.
"""

import os
import socket
from typing import Any

from arq import cron
from arq.connections import RedisSettings
from arq.worker import func

from app.config import get_settings
from app.db import dispose_engine, init_engine
from app.embedded import resolve_urls
from app.live import disable_publishing, enable_publishing
from app.logging import configure_logging
from app.services.rules import reactions as rule_reactions  # noqa: F401  (registers them)
from app.workers import assignment, heartbeat, idempotency, outbox, reports, sla

_settings = resolve_urls(get_settings())
_redis_url: str = _settings.redis_url or ""


async def startup(ctx: dict[str, Any]) -> None:
    configure_logging(_settings.log_level, _settings.log_json)
    assert _settings.database_url
    init_engine(_settings.database_url)
    enable_publishing(_redis_url)  # rings for what the worker records, so streams hear at once
    ctx["worker_id"] = f"{socket.gethostname()}:{os.getpid()}"


async def shutdown(ctx: dict[str, Any]) -> None:
    await disable_publishing()
    await dispose_engine()


class WorkerSettings:
    redis_settings = RedisSettings.from_dsn(_redis_url)
    on_startup = startup
    on_shutdown = shutdown
    # The API enqueues `outbox.deliver` after committing outbox rows (a nudge; see
    # app/services/notifications/nudge.py). No result kept: the fixed nudge job id stays free.
    functions: list[Any] = [func(outbox.deliver, name="outbox.deliver", keep_result=0, timeout=60)]
    cron_jobs = [
        # Every 5 s: a breach is acted on within seconds of its deadline (p99 target: 30 s).
        cron(
            sla.tick, name="sla.tick", second=set(range(0, 60, 5)), run_at_startup=True, timeout=60
        ),
        # Every second: auto inboxes hand out what waits (an owner who comes on shift or frees
        # capacity is offered work within a second or two).
        cron(
            assignment.tick,
            name="assignment.tick",
            second=set(range(60)),
            run_at_startup=True,
            timeout=60,
            keep_result=0,
        ),
        # Every 2 s: delivers whatever is due even when no nudge arrived (or Redis lost it).
        cron(
            outbox.deliver,
            name="outbox.tick",
            second=set(range(0, 60, 2)),
            run_at_startup=True,
            timeout=60,
            keep_result=0,
        ),
        cron(
            heartbeat.beat,
            name="worker.heartbeat",
            second=set(range(0, 60, 5)),
            run_at_startup=True,
        ),
        # Every quarter of an hour: Monday's digests as each recipient's 09:00 comes round (one
        # key per member and week: a rerun or a second worker writes nothing twice).
        cron(
            reports.weekly_digest,
            name="reports.weekly_digest",
            minute={0, 15, 30, 45},
            second=30,
            timeout=300,
            keep_result=0,
        ),
        # Hourly: Idempotency-Key answers are kept 24 h (the lookup ignores expired ones anyway).
        cron(idempotency.purge, name="idempotency.purge", minute=17, second=0, timeout=300),
    ]
