"""Where the tests' PostgreSQL and Redis are: the configured URLs, else embedded servers."""

import asyncio
import os
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from alembic import command
from alembic.config import Config
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from app.config import get_settings
from app.embedded import embedded_postgres_url, embedded_redis_url

ROOT = Path(__file__).resolve().parent.parent


def base_database_url() -> str:
    return os.environ.get("DATABASE_URL") or embedded_postgres_url(
        get_settings().data_dir / "test", "postgres"
    )


def base_redis_url() -> str:
    return os.environ.get("REDIS_URL") or embedded_redis_url(get_settings().data_dir / "test")


async def _recreate(admin_url: str, name: str) -> None:
    await _drop(admin_url, name)
    engine = create_async_engine(admin_url, isolation_level="AUTOCOMMIT")
    async with engine.connect() as conn:
        await conn.execute(text(f'CREATE DATABASE "{name}"'))
    await engine.dispose()


def redis_url_with_db(url: str, db: int) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "db"]
    if parts.scheme == "unix":
        return urlunsplit(parts._replace(query=urlencode([*query, ("db", str(db))])))
    return urlunsplit(parts._replace(path=f"/{db}", query=urlencode(query)))


def _admin_url() -> str:
    return make_url(base_database_url()).set(database="postgres").render_as_string(False)


def drop_database(name: str) -> None:
    asyncio.run(_drop(_admin_url(), name))


async def _drop(admin_url: str, name: str) -> None:
    engine = create_async_engine(admin_url, isolation_level="AUTOCOMMIT")
    async with engine.connect() as conn:
        await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    await engine.dispose()


def fresh_migrated_database(name: str) -> str:
    """A new, empty database at `alembic upgrade head`; returns its URL."""
    asyncio.run(_recreate(_admin_url(), name))
    url = make_url(base_database_url()).set(database=name).render_as_string(hide_password=False)
    migrate(url, "head")
    return url


def migrate(url: str, target: str, *, down: bool = False) -> None:
    config = Config(str(ROOT / "alembic.ini"))
    config.attributes["url"] = url
    config.attributes["configure_logger"] = False
    (command.downgrade if down else command.upgrade)(config, target)
