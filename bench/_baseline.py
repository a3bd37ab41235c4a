"""The baseline every HTTP benchmark runs beside the API: the same stack with none of our code.

FastAPI, the app's own engine settings (`app.db.make_engine`), one AsyncSession per request with
one transaction that reads the same escalation row through the ORM, and a small dict back: what
FastAPI + SQLAlchemy + asyncpg + uvicorn do on this machine at this moment. Served as
`uvicorn bench._baseline:app` (bench._setup.serve_api), so it goes through the same load
generator, the same uvicorn and the same PostgreSQL as the API in the same run, and every API
figure can be printed as a ratio to it.
"""

import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, HTTPException
from sqlalchemy.ext.asyncio import async_sessionmaker

from app.db import make_engine
from app.models import Escalation

PATH = "/baseline/escalations/{escalation_id}"
_state: dict[str, Any] = {}


@asynccontextmanager
async def lifespan(_: FastAPI) -> AsyncIterator[None]:
    engine = make_engine(os.environ["DATABASE_URL"])
    _state["sessionmaker"] = async_sessionmaker(engine, expire_on_commit=False)
    yield
    await engine.dispose()


app = FastAPI(lifespan=lifespan)


@app.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@app.get(PATH)
async def get_escalation(escalation_id: uuid.UUID) -> dict[str, Any]:
    async with _state["sessionmaker"]() as session, session.begin():
        escalation = await session.get(Escalation, escalation_id)
    if escalation is None:
        raise HTTPException(404)
    return {
        "id": escalation.id,
        "status": escalation.status,
        "priority": escalation.priority,
        "updated_at": escalation.updated_at,
    }
