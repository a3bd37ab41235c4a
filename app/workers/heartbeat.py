from typing import Any

from app.db import worker_session
from app.models.base import utcnow
from app.services import health


async def beat(ctx: dict[str, Any]) -> None:
    async with worker_session(ctx.get("sessionmaker")) as session:
        await health.beat(session, worker_id=ctx["worker_id"], now=utcnow())
