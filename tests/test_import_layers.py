"""The service modules import one way: no cycles, and no function-local import to hide one.

An escalation's side effects follow its events (app/services/events.py), so no state module
imports its listeners while they import it back (STYLE.md section 9)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in APP.rglob("*.py")}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _targets(module: str, node: ast.Import | ast.ImportFrom) -> set[str]:
    """The app modules an import statement loads (a submodule loads its packages too)."""
    names: list[str] = []
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    elif node.module is not None:
        base = node.module
        if node.level:
            package = module.split(".")[: -node.level] if node.level else []
            base = ".".join([*package, node.module])
        names = [base] + [f"{base}.{alias.name}" for alias in node.names]
    found = set()
    for name in names:
        parts = name.split(".")
        for i in range(1, len(parts) + 1):
            if ".".join(parts[:i]) in MODULES:
                found.add(".".join(parts[:i]))
    return found - {module}


def _module_level_imports(module: str, tree: ast.Module) -> set[str]:
    found: set[str] = set()

    def walk(body: list[ast.stmt]) -> None:
        for node in body:
            if isinstance(node, ast.Import | ast.ImportFrom):
                found.update(_targets(module, node))
            elif isinstance(node, ast.If) and not _is_type_checking(node):
                walk(node.body)
                walk(node.orelse)
            elif isinstance(node, ast.Try):
                walk(node.body)

    walk(tree.body)
    return found


def _graph() -> dict[str, set[str]]:
    graph = {}
    for module, path in MODULES.items():
        graph[module] = _module_level_imports(module, ast.parse(path.read_text()))
        parent = module.rsplit(".", 1)[0]
        if path.name != "__init__.py" and parent in MODULES:
            graph[module].add(parent)  # importing a submodule runs its package first
    return graph


def _cycle_through(graph: dict[str, set[str]], start: str) -> list[str] | None:
    stack = [(start, [start])]
    seen = set()
    while stack:
        node, path = stack.pop()
        for nxt in graph.get(node, ()):
            if nxt == start:
                return [*path, start]
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, [*path, nxt]))
    return None


SERVICES = sorted(m for m in MODULES if m.startswith("app.services."))


@pytest.mark.parametrize("module", SERVICES)
def test_no_import_cycle_through_service_module(module: str) -> None:
    graph = _graph()
    # A package's __init__ re-exporting its own submodules is not a cycle of meaning.
    pruned = {
        m: {t for t in targets if not (m.startswith(t + ".") and MODULES[t].name == "__init__.py")}
        for m, targets in graph.items()
    }
    assert _cycle_through(pruned, module) is None


@pytest.mark.parametrize("module", SERVICES)
def test_no_function_local_import_of_app_modules(module: str) -> None:
    tree = ast.parse(MODULES[module].read_text())
    local = [
        node.lineno
        for fn in ast.walk(tree)
        if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef)
        for node in ast.walk(fn)
        if isinstance(node, ast.Import | ast.ImportFrom) and _targets(module, node)
    ]
    assert local == []


class TestTheCheckItself:
    def test_finds_a_cycle_when_there_is_one(self) -> None:
        graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}}
        assert _cycle_through(graph, "a") == ["a", "b", "c", "a"]
        assert _cycle_through({"a": {"b"}, "b": set()}, "a") is None

    def test_sees_the_escalation_services_reach_the_events_module(self) -> None:
        graph = _graph()
        assert "app.services.events" in graph["app.services.escalations._common"]
        assert "app.services.notifications.fanout" in graph["app.services.events"]
