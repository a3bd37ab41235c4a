"""Security headers on every kind of response: the SPA, the API, problems (413 included), docs."""

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from httpx import ASGITransport, AsyncClient, Response

from app.config import get_settings
from app.main import create_app
from app.security_headers import API_POLICY, DOCS_POLICY, SPA_POLICY


def _assert_secured(response: Response, policy: str) -> None:
    headers = response.headers
    assert headers["content-security-policy"] == policy
    assert "frame-ancestors 'none'" in policy
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in headers["permissions-policy"]
    assert headers["x-frame-options"] == "DENY"


@pytest.fixture
async def spa_client(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[AsyncClient]:
    """The app as built for production, serving a (tiny) built SPA, reached over https."""
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text('<script type="module" src="/assets/app.js"></script>')
    (tmp_path / "assets" / "app.js").write_text("console.log('hi')")
    settings = get_settings()
    monkeypatch.setattr(settings, "frontend_dist", tmp_path)
    monkeypatch.setattr(settings, "base_url", "https://escalations.example.com")
    app = create_app()
    transport = ASGITransport(app=app, raise_app_exceptions=False)
    async with AsyncClient(transport=transport, base_url="https://test") as http:
        yield http


async def test_the_spa_its_assets_and_deep_links(spa_client: AsyncClient) -> None:
    for path in ("/", "/orgs/123/reports", "/assets/app.js"):
        r = await spa_client.get(path)
        assert r.status_code == 200, path
        _assert_secured(r, SPA_POLICY)
        directives = dict(d.strip().split(" ", 1) for d in SPA_POLICY.split(";"))
        assert directives["script-src"] == "'self'"  # no inline or foreign script
        assert r.headers["strict-transport-security"].startswith("max-age=")


async def test_api_answers_and_problems(client: AsyncClient) -> None:
    responses = [
        await client.get("/healthz"),  # a plain answer
        await client.get("/api/v1/orgs"),  # 401 problem
        await client.get("/api/v1/nowhere"),  # 404 problem
        await client.post(  # 413 problem, made by the outermost body-limit layer
            "/api/v1/orgs",
            content=b"x" * (get_settings().max_body_bytes + 1),
            headers={"Content-Type": "application/json"},
        ),
    ]
    assert [r.status_code for r in responses] == [200, 401, 404, 413]
    for r in responses:
        _assert_secured(r, API_POLICY)
        # Served over plain http here: no promise of https to remember.
        assert "strict-transport-security" not in r.headers


async def test_the_api_docs_get_a_policy_that_lets_them_load(client: AsyncClient) -> None:
    r = await client.get("/docs")
    assert r.status_code == 200
    _assert_secured(r, DOCS_POLICY)
    assert "https://cdn.jsdelivr.net" in r.text  # where Swagger UI comes from: allowed
