"""The API and the worker as real processes, for the fault tests (faults lie between them)."""

import asyncio
import os
import signal
import socket
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def environment(**overrides: str) -> dict[str, str]:
    return {**os.environ, "LOG_LEVEL": "WARNING", **overrides}


@asynccontextmanager
async def api_process(env: dict[str, str], *, ready_within: float = 60) -> AsyncIterator[str]:
    """`uvicorn app.main:app` on a free port; yields its base URL once /healthz answers."""
    port = free_port()
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "uvicorn",
        "app.main:app",
        "--port",
        str(port),
        "--no-access-log",
        "--log-level",
        "warning",
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        async with httpx.AsyncClient(base_url=base, timeout=2) as client:
            deadline = asyncio.get_running_loop().time() + ready_within
            while True:
                assert process.returncode is None, "the API exited at start-up"
                try:
                    if (await client.get("/healthz")).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert asyncio.get_running_loop().time() < deadline, "the API never answered"
                await asyncio.sleep(0.1)
        yield base
    finally:
        await stop(process)


async def worker_process(env: dict[str, str]) -> asyncio.subprocess.Process:
    """`arq app.workers.settings.WorkerSettings`, as production starts it."""
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "arq",
        "app.workers.settings.WorkerSettings",
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )


async def stop(process: asyncio.subprocess.Process) -> None:
    if process.returncode is None:
        process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(process.wait(), timeout=10)
        except TimeoutError:
            process.kill()
            await process.wait()
