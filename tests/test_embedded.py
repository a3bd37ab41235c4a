"""Embedded Redis: concurrent starters (xdist workers, the API and the worker) share one server."""

import contextlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import redis

from app.embedded import embedded_redis_url


def _servers_on(socket: Path) -> int:
    count = 0
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        with contextlib.suppress(OSError):
            if str(socket).encode() in cmdline.read_bytes():
                count += 1
    return count


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="counts processes through /proc")
def test_concurrent_starts_share_one_server(tmp_path: Path) -> None:
    with ThreadPoolExecutor(4) as pool:
        urls = set(pool.map(lambda _: embedded_redis_url(tmp_path), range(4)))
    socket = tmp_path / "redis" / "redis.sock"
    try:
        assert urls == {f"unix://{socket}"}
        client = redis.Redis(unix_socket_path=str(socket))
        assert client.ping()
        assert _servers_on(socket) == 1
        assert embedded_redis_url(tmp_path) == f"unix://{socket}"  # reused, not restarted
        assert _servers_on(socket) == 1
    finally:
        with contextlib.suppress(redis.RedisError):
            redis.Redis(unix_socket_path=str(socket)).shutdown(nosave=True)
