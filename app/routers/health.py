import logging
from dataclasses import asdict

from fastapi import APIRouter, Response, status
from redis.exceptions import RedisError
from sqlalchemy.exc import SQLAlchemyError

from app.deps import Now, Redis, Session
from app.schemas.health import Liveness, Readiness, WorkerRead
from app.services import health

logger = logging.getLogger(__name__)
router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Liveness, summary="The process is up")
async def healthz():
    return Liveness(status="ok")


@router.get(
    "/readyz",
    response_model=Readiness,
    summary="PostgreSQL and Redis answer; worker lag",
    responses={503: {"model": Readiness, "description": "A dependency does not answer"}},
)
async def readyz(response: Response, session: Session, redis: Redis, now: Now):
    worker = health.WorkerStatus(last_heartbeat_at=None, lag_seconds=None)
    try:
        database = await health.database_answers(session)
        worker = await health.worker_status(session, now=now)
    except (SQLAlchemyError, OSError):
        logger.warning("readiness: database unreachable", exc_info=True)
        database = False
    try:
        redis_ok = bool(await redis.ping())
    except (RedisError, OSError):
        logger.warning("readiness: redis unreachable", exc_info=True)
        redis_ok = False
    if not (database and redis_ok):
        response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    return Readiness(database=database, redis=redis_ok, worker=WorkerRead(**asdict(worker)))
