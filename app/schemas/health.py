from datetime import datetime

from pydantic import BaseModel, Field


class Liveness(BaseModel):
    status: str


class WorkerRead(BaseModel):
    last_heartbeat_at: datetime | None = Field(description="The newest beat of any worker")
    lag_seconds: float | None = Field(
        description="Seconds since that beat; it grows while no worker runs (null: never ran)"
    )
    sla_backlog_seconds: float | None = Field(
        default=None,
        description="How long the oldest due SLA check has waited (0: none overdue; null: the "
        "database did not answer). It grows when workers run but cannot keep up or their SLA "
        "tick fails, which the heartbeat alone does not show.",
    )


class Readiness(BaseModel):
    database: bool
    redis: bool
    worker: WorkerRead
