"""Structured logs: every line JSON, with the request id of the request it belongs to."""

import logging
import sys
from collections.abc import MutableMapping
from typing import Any

import structlog
from asgi_correlation_id import correlation_id


def _add_request_id(_: Any, __: str, event: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    request_id = correlation_id.get()
    if request_id:
        event["request_id"] = request_id
    return event


class RoutineJobsToDebug(logging.Filter):
    """arq logs the start and the end of every job at info. The worker's crons run every one to
    five seconds, so at info that is a few lines a second that bury everything else (and scroll
    `escalations serve`'s banner away): those two lines go to debug. Failures, retries and
    everything else arq says keep their level; our jobs log what they did at debug too."""

    ROUTINE = frozenset({"%6.2fs → %s(%s)%s", "%6.2fs ← %s ● %s"})

    def filter(self, record: logging.LogRecord) -> bool:
        if record.msg not in self.ROUTINE:
            return True
        record.levelno, record.levelname = logging.DEBUG, "DEBUG"
        # A propagated record meets no other logger's level: decide here, by the root's.
        return logging.getLogger().isEnabledFor(logging.DEBUG)


def configure_logging(level: str = "INFO", as_json: bool = True) -> None:
    shared: list[structlog.types.Processor] = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        _add_request_id,
    ]
    renderer: structlog.types.Processor = (
        structlog.processors.JSONRenderer() if as_json else structlog.dev.ConsoleRenderer()
    )
    structlog.configure(
        processors=[*shared, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        cache_logger_on_first_use=True,
    )
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            foreign_pre_chain=shared,
            processors=[
                structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                structlog.processors.format_exc_info,
                renderer,
            ],
        )
    )
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access", "arq"):
        logging.getLogger(name).handlers = []
        logging.getLogger(name).propagate = True
    jobs = logging.getLogger("arq.worker")
    if not any(isinstance(f, RoutineJobsToDebug) for f in jobs.filters):
        jobs.addFilter(RoutineJobsToDebug())
