"""A real OpenID Connect provider for the SSO tests (panva's oidc-provider, run with Node), and a
browser's way through its sign-in form."""

import json
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import httpx

HERE = Path(__file__).parent
CALLBACK = "http://test/api/v1/auth/sso/callback"  # the test app's base URL is http://test


@dataclass(frozen=True)
class Client:
    client_id: str
    client_secret: str


ALPHA = Client("alpha", "alpha-secret-for-the-sso-tests-0123456789")
BETA = Client("beta", "beta-secret-for-the-sso-tests-0123456789")
UNVERIFIED = "unverified@acme.example.com"


def _install() -> None:
    if (HERE / "node_modules" / "oidc-provider").is_dir():
        return
    npm = shutil.which("npm")
    assert npm, "the SSO tests run a real OpenID provider on Node: install Node 20 and npm"
    subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=HERE, check=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def running_provider() -> Iterator[str]:
    """The provider's issuer URL, while it runs on loopback."""
    _install()
    port = _free_port()
    config = {
        "clients": [
            {
                "client_id": c.client_id,
                "client_secret": c.client_secret,
                "redirect_uris": [CALLBACK],
            }
            for c in (ALPHA, BETA)
        ],
        "unverified": [UNVERIFIED],
    }
    node = shutil.which("node")
    assert node, "the SSO tests run a real OpenID provider on Node: install Node 20"
    process = subprocess.Popen(
        [node, "provider.mjs", str(port), json.dumps(config)],
        cwd=HERE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        assert process.stdout is not None
        line = process.stdout.readline()
        while not line.startswith("ready") and time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError("the OpenID provider exited before it was ready")
            line = process.stdout.readline()
        assert line.startswith("ready"), "the OpenID provider did not start"
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


_ACTION = re.compile(r'<form[^>]*action="([^"]+)"')
_PROMPT = re.compile(r'name="prompt" value="(\w+)"')


async def sign_in_at_provider(authorize_url: str, email: str) -> str:
    """What a person does at the provider: its sign-in form (the development one takes any
    password), then consent. Returns the redirect back to the app (the callback URL)."""
    async with httpx.AsyncClient(follow_redirects=False, timeout=10) as browser:
        url = authorize_url
        for _ in range(12):
            if url.startswith(CALLBACK):
                return url
            response = await browser.get(url)
            if response.is_redirect:
                url = urljoin(url, response.headers["location"])
                continue
            action = _ACTION.search(response.text)
            assert action, f"no form at {url}: {response.status_code} {response.text[:300]}"
            target = urljoin(url, action.group(1))
            prompt = _PROMPT.search(response.text)
            assert prompt, f"no prompt in the form at {url}"
            fields = {"prompt": prompt.group(1)}
            if prompt.group(1) == "login":
                fields |= {"login": email, "password": "anything"}
            response = await browser.post(target, data=fields)
            assert response.is_redirect, f"{target}: {response.status_code} {response.text[:300]}"
            url = urljoin(target, response.headers["location"])
        raise AssertionError(f"the provider never sent the browser back (last at {url})")
