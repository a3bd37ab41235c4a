"""Shared setup for benchmarks: a fresh, migrated database on the configured or embedded server."""

import asyncio
import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

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
