"""The one settings object, read from the environment (and an optional `.env`)."""

from functools import lru_cache
from pathlib import Path

from limits import parse
from platformdirs import user_data_dir
from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    # None means "start an embedded server" (app/embedded.py); production always sets both.
    database_url: str | None = None
    redis_url: str | None = None
    # Development default only: production must set its own (fastapi-users wants 32+ bytes).
    secret_key: SecretStr = SecretStr("dev-only-secret-key-change-me-0123456789abcdef")
    access_token_lifetime_seconds: int = 60 * 60 * 8
    smtp_url: str | None = None
    smtp_from: str = "Escalations <escalations@localhost>"
    base_url: str = "http://127.0.0.1:8000"
    webhook_allow_private: bool = False
    # Storm control for human channels (email, Slack), per organisation, recipient and channel:
    # past `notify_storm_limit` messages in `notify_storm_window_seconds` the rest go out as one
    # digest at the end of the window; identical notifications within `notify_dedupe_seconds` are
    # dropped as duplicates.
    notify_storm_limit: int = 10
    notify_storm_window_seconds: int = 300
    notify_dedupe_seconds: int = 60
    # How long a delivery worker holds the notifications it claimed before another may take them
    # (a crashed worker's claims come back after this); no send starts after 3/4 of it.
    notify_lease_seconds: int = 60
    # A member idle this long (no change made, no heartbeat from the SPA in use) counts as
    # offline for auto-assignment and shifts, whatever status they set.
    availability_idle_minutes: int = Field(default=15, ge=1, le=1440)
    # Largest request body accepted (413 beyond): bodies are read into memory before validation.
    max_body_bytes: int = 1024 * 1024
    # Rate limits (app/ratelimit.py), in `limits` notation ("10/minute", "100/hour"), counted in
    # Redis. Sign-in (login and register) per client IP and per submitted email; every
    # authenticated request per user.
    rate_limit_enabled: bool = True
    # Every Redis call of the API gives up after this long (connect, and each command's answer):
    # a Redis that accepts connections but never answers must not hang requests.
    redis_timeout_seconds: float = 0.5
    # GET /metrics (Prometheus); off by default: it tells anyone who asks how busy we are.
    metrics_enabled: bool = False
    rate_limit_sign_in_per_ip: str = "20/minute"
    rate_limit_sign_in_per_email: str = "10/minute"
    rate_limit_per_user: str = "600/minute"
    data_dir: Path = Field(default_factory=lambda: Path(user_data_dir("escalation-inbox")))
    log_level: str = "INFO"
    log_json: bool = True
    # Where the built SPA lives; served at / when it exists.
    frontend_dist: Path = Path(__file__).resolve().parent.parent / "frontend" / "dist"
    problem_base: str = "https://escalations.dev/problems"
    db_pool_size: int = 10
    # Connections a process may open beyond the pool under a burst (closed again when returned).
    db_max_overflow: int = 10
    # The API's read pool (app/db.py: the caller and the read-only routes), beside the main one.
    db_read_pool_size: int = 5

    @field_validator(
        "rate_limit_sign_in_per_ip", "rate_limit_sign_in_per_email", "rate_limit_per_user"
    )
    @classmethod
    def _rate_limit(cls, value: str) -> str:
        try:
            parse(value)
        except ValueError as exc:
            raise ValueError(f"not a rate limit like '10/minute': {value!r}") from exc
        return value

    @field_validator("secret_key")
    @classmethod
    def _long_enough(cls, value: SecretStr) -> SecretStr:
        if len(value.get_secret_value().encode()) < 32:
            raise ValueError("SECRET_KEY must be at least 32 bytes")
        return value


@lru_cache
def get_settings() -> Settings:
    return Settings()
