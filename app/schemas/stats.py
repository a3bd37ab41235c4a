import uuid
from datetime import date

from pydantic import BaseModel

from app.models.escalations import Priority


class OpenCount(BaseModel):
    inbox_id: uuid.UUID
    inbox_name: str
    priority: Priority
    count: int


class DailyFlow(BaseModel):
    day: date
    escalated: int
    claimed: int
    resolved: int
    de_escalated: int
    sla_breaches: int


class Attainment(BaseModel):
    met: int
    breached: int


class EscalationStats(BaseModel):
    days: int
    open_by_inbox: list[OpenCount]
    daily: list[DailyFlow]
    first_response: Attainment
    resolution: Attainment
