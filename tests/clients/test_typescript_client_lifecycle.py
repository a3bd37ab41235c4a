"""The same lifecycle through the TypeScript client (frontend/src/api/lifecycle.live.test.ts, on
openapi-fetch and the generated schema.d.ts), run by vitest in node against the live server."""

import os
import shutil
import subprocess

import pytest

from tests._servers import ROOT

FRONTEND = ROOT / "frontend"
SPEC = "src/api/lifecycle.live.test.ts"


def test_typescript_client_lifecycle(live_api: str) -> None:
    npx = shutil.which("npx")
    if npx is None:
        pytest.skip("Node is not installed")
    assert (FRONTEND / "node_modules").is_dir(), "run `npm ci` in frontend/ first"
    done = subprocess.run(
        [npx, "vitest", "run", SPEC, "--reporter=verbose"],
        cwd=FRONTEND,
        env={**os.environ, "LIFECYCLE_BASE_URL": live_api, "CI": "true"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "2 passed" in output and "skipped" not in output, output
