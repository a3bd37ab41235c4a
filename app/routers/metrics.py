"""`GET /metrics` for Prometheus: not part of the API (no /api/v1, not in OpenAPI), and off
unless METRICS_ENABLED is true (see app/metrics.py and the README's scrape config)."""

from fastapi import APIRouter, HTTPException, Response

from app import metrics
from app.config import get_settings
from app.deps import Session

router = APIRouter(include_in_schema=False)


@router.get("/metrics")
async def scrape_metrics(session: Session) -> Response:
    if not get_settings().metrics_enabled:
        raise HTTPException(status_code=404)
    return Response(await metrics.render(session), media_type=metrics.CONTENT_TYPE)
