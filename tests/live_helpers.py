"""Real API processes (uvicorn) on the test database, and a reader for their event streams.

Streams need a real server: httpx's ASGI transport buffers a whole response before returning it.
"""

import asyncio
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from tests._servers import ROOT
from tests.escalation_helpers import HANDOFF, Desk, make_desk
from tests.factories import make_conversation


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class ApiProcess:
    process: subprocess.Popen[bytes]
    base_url: str

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_api(database_url: str, redis_url: str, **env: str) -> ApiProcess:
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "app.main:app",
            "--port",
            str(port),
            "--log-level=warning",
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "RATE_LIMIT_ENABLED": "false",
            "LOG_LEVEL": "WARNING",
            **env,
        },
    )
    api = ApiProcess(process, f"http://127.0.0.1:{port}")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"uvicorn exited with {process.returncode}")
        try:
            if httpx.get(f"{api.base_url}/healthz", timeout=1).status_code == 200:
                return api
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    api.stop()
    raise RuntimeError("uvicorn did not start")


@dataclass
class Message:
    event: str
    id: str | None
    data: Any


class Stream:
    """One open event stream, read message by message (comments such as pings skipped).

    A background task reads the response, so a wait that times out never interrupts a read: the
    stream can be read again after any timeout."""

    def __init__(self, response: httpx.Response) -> None:
        self.response = response
        self._messages: asyncio.Queue[Message | None] = asyncio.Queue()
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        fields: dict[str, str] = {}
        try:
            async for line in self.response.aiter_lines():
                if not line:
                    if fields:
                        data = fields.get("data", "")
                        self._messages.put_nowait(
                            Message(
                                fields.get("event", "message"),
                                fields.get("id"),
                                json.loads(data) if data else None,
                            )
                        )
                    fields = {}
                    continue
                if line.startswith(":"):
                    continue
                name, _, value = line.partition(":")
                fields[name] = value.removeprefix(" ")
        finally:
            self._messages.put_nowait(None)

    async def close(self) -> None:
        self._reader.cancel()
        await asyncio.gather(self._reader, return_exceptions=True)

    async def next(self, wait: float = 5.0) -> Message:
        async with asyncio.timeout(wait):
            message = await self._messages.get()
        if message is None:
            self._messages.put_nowait(None)
            raise EOFError("stream ended")
        return message

    async def until_ready(self, wait: float = 5.0) -> list[Message]:
        """The backfill, up to the `ready` event."""
        backfill = []
        while (message := await self.next(wait)).event != "ready":
            backfill.append(message)
        return backfill

    async def collect(self, seconds: float) -> list[Message]:
        """Everything that arrives within `seconds`."""
        got: list[Message] = []
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            try:
                got.append(await self.next(left))
            except TimeoutError:
                break
        return got


@asynccontextmanager
async def open_stream(http: httpx.AsyncClient, url: str, **kwargs: Any) -> AsyncIterator[Stream]:
    async with http.stream("GET", url, timeout=httpx.Timeout(30, read=None), **kwargs) as r:
        assert r.status_code == 200, (await r.aread()).decode()
        assert r.headers["content-type"].startswith("text/event-stream")
        stream = Stream(r)
        try:
            yield stream
        finally:
            await stream.close()


async def committed_desk(db: AsyncSession) -> Desk:
    desk = await make_desk(db)
    await db.commit()
    return desk


async def escalate(
    http: httpx.AsyncClient, db: AsyncSession, desk: Desk, inbox: dict[str, Any]
) -> str:
    """Escalate a new conversation into the inbox through the API; the escalation's id."""
    conversation = await make_conversation(db, desk.campaign, assignee=desk.agent)
    await db.commit()
    r = await http.post(
        desk.url(f"/conversations/{conversation.id}/escalate"),
        json={"inbox_id": inbox["id"], "priority": "normal", "handoff": HANDOFF},
        headers=desk.headers["agent"],
    )
    assert r.status_code == 201, r.text
    return str(r.json()["escalation"]["id"])


def created(messages: list[Message]) -> list[str]:
    return [m.data["escalation_id"] for m in messages if m.event == "escalation.created"]


def stream_url(desk: Desk) -> str:
    return desk.url("/events/stream")
