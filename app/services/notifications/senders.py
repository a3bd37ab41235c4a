"""The transports of one delivery run, and which one each channel goes out by."""

import httpx

from app.config import get_settings
from app.models.notifications import Channel, Notification, WebhookEndpoint
from app.services.notifications import webhook_sender
from app.services.notifications._outcome import Outcome
from app.services.notifications.mailer import Mailer

# Sends in flight per run; also the most one crash can make us send twice (see delivery.py).
CONCURRENCY = 16


class Senders:
    """The transports of one worker run: one HTTP client (made on first use), one SMTP pool."""

    def __init__(self, *, concurrency: int = CONCURRENCY) -> None:
        settings = get_settings()
        self.concurrency = concurrency
        # Read once: the client's transport and each send's pre-check must agree on it.
        self.allow_private = settings.webhook_allow_private
        self.mailer = Mailer(settings.smtp_url, settings.smtp_from, size=min(concurrency, 8))
        self._http: httpx.AsyncClient | None = None

    @property
    def http(self) -> httpx.AsyncClient:
        if self._http is None:
            self._http = webhook_sender.new_client(
                self.concurrency, allow_private=self.allow_private
            )
        return self._http

    async def send(self, row: Notification, endpoint: WebhookEndpoint | None) -> Outcome:
        settings = get_settings()
        if row.channel is Channel.email:
            return await self.mailer.send(row)
        if row.channel is Channel.webhook and endpoint is not None:
            return await webhook_sender.send_webhook(
                self.http, row, endpoint, allow_private=self.allow_private
            )
        if row.channel is Channel.slack:
            return await webhook_sender.send_slack(
                self.http,
                row,
                allow_private=self.allow_private,
                base_url=settings.base_url,
            )
        return Outcome.dead(f"Nothing delivers {row.channel.value} notifications")

    async def aclose(self) -> None:
        await self.mailer.aclose()
        if self._http is not None:
            await self._http.aclose()

    async def __aenter__(self) -> "Senders":
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()
