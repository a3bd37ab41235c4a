"""Every migration applies, reverts and re-applies, and the models match what they build."""

import asyncio
import os

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.ext.asyncio import create_async_engine

from app.models import Base
from tests import _servers


def _diff(url: str) -> list[object]:
    async def run() -> list[object]:
        engine = create_async_engine(url)
        async with engine.connect() as conn:
            diff = await conn.run_sync(
                lambda sync: compare_metadata(MigrationContext.configure(sync), Base.metadata)
            )
        await engine.dispose()
        return list(diff)

    return asyncio.run(run())


def test_upgrade_downgrade_upgrade_and_models_match() -> None:
    name = f"escalations_roundtrip_{os.getpid()}"
    url = _servers.fresh_migrated_database(name)
    try:
        assert _diff(url) == [], "models and migrations disagree: write a migration"
        _servers.migrate(url, "base", down=True)
        _servers.migrate(url, "head")
        assert _diff(url) == []
    finally:
        _servers.drop_database(name)
