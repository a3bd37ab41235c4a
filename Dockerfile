# syntax=docker/dockerfile:1
# The API image; the worker runs the same image with `arq app.workers.settings.WorkerSettings`.
#   docker build -t escalation-inbox .
#   docker run -e DATABASE_URL=... -e REDIS_URL=... -e SECRET_KEY=... -p 8000:8000 escalation-inbox

# --- 1. The SPA (only when frontend/ has a package.json) -----------------------------------------
FROM node:20-bookworm-slim AS frontend
WORKDIR /build
# A bind mount of the build context, so a checkout without frontend/ still builds (COPY would fail).
# openapi/ comes along because the SPA's client types are generated from openapi/openapi.json.
RUN --mount=type=bind,source=.,target=/context \
    mkdir -p frontend/dist \
    && if [ -f /context/frontend/package.json ]; then \
         cp -r /context/frontend /context/openapi . \
         && cd frontend && npm ci --no-audit --no-fund && npm run build; \
       else \
         echo "no frontend/package.json: building the API without the SPA"; \
       fi

# --- 2. The Python environment (no dev extras) ---------------------------------------------------
FROM python:3.11-slim AS python-build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
WORKDIR /src
COPY pyproject.toml README.md ./
COPY app ./app
RUN /opt/venv/bin/pip install .

# --- 3. The runtime image ------------------------------------------------------------------------
FROM python:3.11-slim
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    FRONTEND_DIST=/app/frontend/dist \
    DATA_DIR=/home/app/data
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --create-home --home-dir /home/app app
COPY --from=python-build /opt/venv /opt/venv
WORKDIR /app
COPY alembic.ini ./
COPY migrations ./migrations
COPY --from=frontend /build/frontend/dist ./frontend/dist
USER app
EXPOSE 8000
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]
