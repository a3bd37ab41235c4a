from datetime import datetime

from pydantic import BaseModel


class Liveness(BaseModel):
    status: str


class WorkerRead(BaseModel):
    last_heartbeat_at: datetime | None
    lag_seconds: float | None


class Readiness(BaseModel):
    database: bool
    redis: bool
    worker: WorkerRead
