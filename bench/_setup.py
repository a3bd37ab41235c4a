"""Shared setup for benchmarks: a fresh, migrated database on the configured or embedded server."""

import asyncio
import os
import socket
import sys
import uuid
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg
import httpx
from alembic import command
from alembic.config import Config
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from app import access_tokens
from app.config import get_settings
from app.embedded import embedded_postgres_url

ROOT = Path(__file__).resolve().parent.parent


def server_url() -> str:
    return os.environ.get("DATABASE_URL") or embedded_postgres_url(
        get_settings().data_dir / "bench", "postgres"
    )


async def _recreate(name: str) -> None:
    admin = make_url(server_url()).set(database="postgres").render_as_string(False)
    engine = create_async_engine(admin, isolation_level="AUTOCOMMIT")
    async with engine.connect() as conn:
        await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await conn.execute(text(f'CREATE DATABASE "{name}"'))
    await engine.dispose()


def fresh_database(name: str) -> str:
    asyncio.run(_recreate(name))
    url = make_url(server_url()).set(database=name).render_as_string(False)
    config = Config(str(ROOT / "alembic.ini"))
    config.attributes["url"] = url
    config.attributes["configure_logger"] = False
    command.upgrade(config, "head")
    return url


def asyncpg_dsn(url: str) -> str:
    """SQLAlchemy's URL in the form asyncpg.connect() takes."""
    return make_url(url).set(drivername="postgresql").render_as_string(False)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@asynccontextmanager
async def serve_api(url: str, workers: int = 1, *, app: str = "app.main:app") -> AsyncIterator[int]:
    """`uvicorn app.main:app` (or `app`, e.g. the baseline `bench._baseline:app`) on a free port
    of 127.0.0.1 in a process of its own, once it answers /healthz; yields the port. The per-user
    request limit is off: load from a few users is far over it, and it is not what these
    benchmarks measure."""
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": url, "LOG_LEVEL": "WARNING", "RATE_LIMIT_ENABLED": "false"}
    env.setdefault("REDIS_URL", "redis://127.0.0.1:6379/15")
    server = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "uvicorn",
        app,
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--no-access-log",
        "--log-level",
        "warning",
        env=env,
    )
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=5) as client:
            for _ in range(300):
                try:
                    if (await client.get("/healthz")).status_code == 200:
                        break
                except httpx.TransportError:
                    await asyncio.sleep(0.1)
                if server.returncode is not None:
                    raise RuntimeError(f"the API exited at start-up ({server.returncode})")
            else:
                raise RuntimeError("the API did not answer /healthz within 30 s")
        yield port
    finally:
        if server.returncode is None:
            server.terminate()
        await asyncio.wait_for(server.wait(), timeout=10)


async def bearer_tokens(dsn: str, user_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, str]:
    """A signed-in bearer session for each user (a row in auth_session, as a password sign-in
    opens), and its access token: what a benchmark's callers authenticate with."""
    expires_at = datetime.now(UTC) + timedelta(seconds=get_settings().access_token_lifetime_seconds)
    conn = await asyncpg.connect(dsn)
    try:
        tokens = {}
        for user_id in user_ids:
            session_id = uuid.uuid4()
            await conn.execute(
                "INSERT INTO auth_session (id, user_id, transport, created_at, last_seen_at,"
                " expires_at) VALUES ($1, $2, 'bearer', now(), now(), $3)",
                session_id,
                user_id,
                expires_at,
            )
            tokens[user_id] = access_tokens.mint(
                user_id=user_id, session_id=session_id, expires_at=expires_at
            )
        return tokens
    finally:
        await conn.close()
