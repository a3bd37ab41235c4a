"""The committed OpenAPI document is the app's, and every operation is documented properly."""

import json
from typing import Any

from app.cli import OPENAPI_PATH
from app.main import app

REGENERATE = "run `python -m app.cli openapi` and commit openapi/openapi.json"
METHODS = {"get", "put", "post", "delete", "patch", "options", "head", "trace"}
# Probes take no input at all, so there is no client error for them to document.
NO_CLIENT_ERRORS = {("get", "/healthz"), ("get", "/readyz")}


def _operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method, path, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    ]


def test_committed_document_matches_the_app() -> None:
    committed = json.loads(OPENAPI_PATH.read_text())
    current = json.loads(json.dumps(app.openapi()))
    if committed == current:
        return
    changed = sorted(
        f"{section}.{key}"
        for section in ("paths", "components")
        for key in set(committed.get(section, {})) | set(current.get(section, {}))
        if committed.get(section, {}).get(key) != current.get(section, {}).get(key)
    )
    raise AssertionError(
        f"openapi/openapi.json is stale ({', '.join(changed) or 'info'}): {REGENERATE}"
    )


def test_every_operation_has_summary_tag_and_client_error() -> None:
    problems = []
    for method, path, operation in _operations(app.openapi()):
        name = f"{method.upper()} {path}"
        if not (operation.get("summary") or "").strip():
            problems.append(f"{name}: no summary")
        if not operation.get("tags"):
            problems.append(f"{name}: no tag")
        codes = [str(code) for code in operation.get("responses", {})]
        if (method, path) not in NO_CLIENT_ERRORS and not any(c.startswith("4") for c in codes):
            problems.append(f"{name}: documents no 4xx response (add responses=problems(...))")
    assert not problems, "\n".join(problems)


def test_operation_ids_are_unique() -> None:
    ids = [op["operationId"] for _, _, op in _operations(app.openapi())]
    assert len(ids) == len(set(ids))
