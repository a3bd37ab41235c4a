"""Logging: the worker's routine job lines go to debug, so a local run's output stays readable."""

import inspect
import logging
from collections.abc import Iterator

import pytest
from arq.worker import Worker

from app.logging import RoutineJobsToDebug, configure_logging

START, END = sorted(RoutineJobsToDebug.ROUTINE, key=lambda m: "←" in m)


def _record(msg: str, args: tuple[object, ...], level: int = logging.INFO) -> logging.LogRecord:
    return logging.LogRecord("arq.worker", level, __file__, 1, msg, args, None)


@pytest.fixture
def root_level() -> Iterator[logging.Logger]:
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    yield root
    root.setLevel(level)
    root.handlers = handlers


class TestRoutineJobsToDebug:
    def test_they_are_the_lines_arq_writes_for_every_job(self) -> None:
        source = inspect.getsource(Worker.run_job)
        assert START in source and END in source

    def test_start_and_end_of_a_job_are_debug(self, root_level: logging.Logger) -> None:
        quiet = RoutineJobsToDebug()
        root_level.setLevel(logging.INFO)
        start = _record(START, (0.01, "sla.tick", "", ""))
        end = _record(END, (0.02, "sla.tick", "{'sla_checks': 0}"))
        assert not quiet.filter(start) and not quiet.filter(end)
        assert (start.levelname, end.levelname) == ("DEBUG", "DEBUG")
        root_level.setLevel(logging.DEBUG)
        assert quiet.filter(_record(START, (0.01, "sla.tick", "", "")))

    def test_failures_keep_their_level(self, root_level: logging.Logger) -> None:
        root_level.setLevel(logging.INFO)
        failed = _record("%6.2fs ! %s failed, %s: %s", (1.0, "sla.tick", "E", "x"), logging.ERROR)
        assert RoutineJobsToDebug().filter(failed)
        assert failed.levelno == logging.ERROR

    def test_configured_once_on_the_arq_worker_logger(self, root_level: logging.Logger) -> None:
        configure_logging("INFO", as_json=True)
        configure_logging("INFO", as_json=True)
        filters = logging.getLogger("arq.worker").filters
        assert len([f for f in filters if isinstance(f, RoutineJobsToDebug)]) == 1
