"""Admin command line: `escalations --help` (or `python -m app.cli`).

`serve` runs the whole product on one machine: embedded PostgreSQL/Redis when DATABASE_URL /
REDIS_URL are unset, migrations, optional demo data, then the API and the worker as two child
processes with the same environment (as production runs them).
"""

import asyncio
import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType
from typing import Annotated, TypeVar

import typer
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.config import get_settings
from app.demo import DEMO_ORG_NAME, DEMO_PASSWORD, DEMO_PEOPLE, DemoResult, load_demo, logins

cli = typer.Typer(help="Escalation inbox service: admin tasks.", no_args_is_help=True)

ROOT = Path(__file__).resolve().parent.parent
OPENAPI_PATH = ROOT / "openapi" / "openapi.json"
PYTHON_CLIENT_PATH = ROOT / "clients" / "python"
PYTHON_CLIENT_CONFIG = ROOT / "clients" / "openapi-python-client.yml"
# The generator pins typer and httpx below ours, so it lives in a tool venv of its own (as pipx
# would keep it), installed from clients/requirements.txt on first use.
GENERATOR_VENV = ROOT / ".venv-client"

T = TypeVar("T")


class CliProblem(Exception):
    """A failure to report in one line, without a traceback."""


@cli.callback()
def main() -> None:
    """Escalation inbox service: admin tasks."""


# --- openapi ------------------------------------------------------------------------------------


def render_openapi() -> str:
    from app.main import app

    return json.dumps(app.openapi(), indent=2, sort_keys=False) + "\n"


@cli.command()
def openapi(output: Path = OPENAPI_PATH, check: bool = False) -> None:
    """Write the OpenAPI document (or, with --check, fail when the committed one is stale)."""
    rendered = render_openapi()
    if check:
        if not output.exists() or output.read_text() != rendered:
            typer.echo(f"{output} is out of date: run `python -m app.cli openapi`", err=True)
            raise typer.Exit(1)
        typer.echo("openapi.json is up to date")
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(rendered)
    typer.echo(f"wrote {output}")


def _generator_bin() -> Path:
    bin_dir = GENERATOR_VENV / "bin"
    if not (bin_dir / "openapi-python-client").exists():
        typer.echo(f"installing openapi-python-client into {GENERATOR_VENV}", err=True)
        subprocess.run([sys.executable, "-m", "venv", str(GENERATOR_VENV)], check=True)
        requirements = ROOT / "clients" / "requirements.txt"
        pip = [str(bin_dir / "python"), "-m", "pip", "install", "--quiet", "-r", str(requirements)]
        subprocess.run(pip, check=True)
    return bin_dir


def _generate_python_client(output: Path) -> None:
    bin_dir = _generator_bin()  # openapi-python-client, and the ruff its post-hooks call
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    command = [
        str(bin_dir / "openapi-python-client"),
        "generate",
        "--path",
        str(OPENAPI_PATH),
        "--output-path",
        str(output),
        "--config",
        str(PYTHON_CLIENT_CONFIG),
        "--meta",
        "setup",
        "--overwrite",
    ]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise CliProblem(f"openapi-python-client failed:\n{done.stdout}{done.stderr}")


def _tree(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and not {"__pycache__", ".ruff_cache"} & set(path.parts)
    }


@cli.command("python-client")
def python_client(check: bool = False) -> None:
    """Generate clients/python from openapi.json with openapi-python-client (or, with --check,
    fail when the committed client is not what it generates)."""
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "python"
        try:
            _generate_python_client(fresh)
        except CliProblem as exc:
            typer.echo(str(exc), err=True)
            raise typer.Exit(2) from exc
        if check:
            committed = _tree(PYTHON_CLIENT_PATH) if PYTHON_CLIENT_PATH.exists() else {}
            stale = sorted(set(committed.items()) ^ set(_tree(fresh).items()))
            if stale:
                names = sorted({name for name, _ in stale})
                typer.echo(
                    f"{PYTHON_CLIENT_PATH} is out of date ({', '.join(names[:5])}...): "
                    "run `python -m app.cli python-client`",
                    err=True,
                )
                raise typer.Exit(1)
            typer.echo("the Python client is up to date")
            return
        shutil.rmtree(PYTHON_CLIENT_PATH, ignore_errors=True)
        shutil.copytree(
            fresh, PYTHON_CLIENT_PATH, ignore=shutil.ignore_patterns("__pycache__", ".ruff_cache")
        )
    typer.echo(f"wrote {PYTHON_CLIENT_PATH}")


# --- database helpers ---------------------------------------------------------------------------


def database_url() -> str:
    """DATABASE_URL, else the embedded PostgreSQL (started if needed, exported for children)."""
    from app.embedded import DATABASE_NAME, embedded_postgres_url

    settings = get_settings()
    if not settings.database_url:
        settings.database_url = embedded_postgres_url(settings.data_dir, DATABASE_NAME)
        os.environ["DATABASE_URL"] = settings.database_url
    return settings.database_url


def _alembic_ini() -> Path:
    # The repository root in a checkout; the working directory in the container image.
    for candidate in (ROOT / "alembic.ini", Path.cwd() / "alembic.ini"):
        if candidate.is_file():
            return candidate
    raise CliProblem("alembic.ini not found (run from the repository root)")


def upgrade_database(url: str) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config(str(_alembic_ini()))
    config.attributes["url"] = url
    command.upgrade(config, "head")


async def with_database(
    url: str, job: Callable[[async_sessionmaker[AsyncSession]], Awaitable[T]]
) -> T:
    from app.db import dispose_engine, get_sessionmaker, init_engine

    init_engine(url)
    try:
        return await job(get_sessionmaker())
    finally:
        await dispose_engine()


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    if url.startswith("postgresql") and make_url(url).password:
        return make_url(url).render_as_string(hide_password=True)
    return url


def _fail(problem: CliProblem) -> typer.Exit:
    typer.secho(f"error: {problem}", err=True, fg=typer.colors.RED)
    return typer.Exit(1)


@cli.command()
def migrate() -> None:
    """Apply every migration (alembic upgrade head) to the configured or embedded database."""
    try:
        url = database_url()
        typer.echo(f"database: {_safe_url(url)}")
        upgrade_database(url)
    except CliProblem as problem:
        raise _fail(problem) from None
    typer.echo("database is at the latest migration")


# --- create-admin -------------------------------------------------------------------------------


@dataclass
class AdminResult:
    created: bool
    email: str
    user_id: uuid.UUID | None = None
    org_id: uuid.UUID | None = None
    org_name: str | None = None


async def create_admin(
    sessionmaker: async_sessionmaker[AsyncSession], *, email: str, password: str, org_name: str
) -> AdminResult:
    """A verified superuser made through fastapi-users (validated, hashed), owning a new org."""
    from fastapi_users import InvalidPasswordException
    from fastapi_users.exceptions import UserAlreadyExists
    from fastapi_users_db_sqlalchemy import SQLAlchemyUserDatabase
    from pydantic import ValidationError

    from app.auth import UserManager
    from app.db import unit_of_work
    from app.models.users import User
    from app.schemas.organisations import OrganisationCreate
    from app.schemas.users import UserCreate
    from app.services import organisations

    try:
        user_create = UserCreate(
            email=email, password=password, is_superuser=True, is_verified=True
        )
        org = OrganisationCreate(name=org_name)
    except ValidationError as exc:
        issues = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise CliProblem(issues) from None
    async with sessionmaker() as session:
        manager = UserManager(SQLAlchemyUserDatabase(session, User))
        try:
            # fastapi-users commits the user itself; the organisation is a second unit of work.
            user = await manager.create(user_create, safe=False)
        except UserAlreadyExists:
            return AdminResult(created=False, email=email)
        except InvalidPasswordException as exc:
            raise CliProblem(f"password rejected: {exc.reason}") from None
        async with unit_of_work(session):
            view = await organisations.create(session, user_id=user.id, name=org.name)
    return AdminResult(True, user.email, user.id, view.id, view.name)


@cli.command("create-admin")
def create_admin_command(
    email: Annotated[str, typer.Option(help="The admin's email (their login)")],
    password: Annotated[
        str,
        typer.Option(
            prompt=True,
            hide_input=True,
            confirmation_prompt=True,
            help="At least 8 characters, not containing the email",
        ),
    ],
    org_name: Annotated[str, typer.Option(help="Organisation they will own")] = "My Helpdesk",
) -> None:
    """Create a superuser account and an organisation it owns (nothing changes if it exists)."""
    try:
        url = database_url()
        result = asyncio.run(
            with_database(
                url,
                lambda sm: create_admin(sm, email=email, password=password, org_name=org_name),
            )
        )
    except CliProblem as problem:
        raise _fail(problem) from None
    if not result.created:
        typer.echo(f"A user with email {email} already exists; nothing changed.")
        return
    typer.echo(f"Created admin {result.email} (id {result.user_id})")
    typer.echo(f"Created organisation {result.org_name!r} (id {result.org_id}), owned by them")


# --- demo-data ----------------------------------------------------------------------------------


def _echo_demo(result: DemoResult) -> None:
    if not result.created:
        typer.echo(f"Demo organisation {DEMO_ORG_NAME!r} already exists; nothing changed.")
        return
    typer.echo(
        f"Created {DEMO_ORG_NAME!r} (id {result.org_id}): {result.users} people, "
        f"{result.campaigns} campaigns, {result.inboxes} escalation inboxes, "
        f"{result.conversations} conversations ({result.needs_response} need a response), "
        f"{result.messages} messages, {result.escalations} escalations "
        f"({result.resolved} resolved over the last month)"
    )
    typer.echo(logins())


@cli.command("demo-data")
def demo_data_command() -> None:
    """Load the 'Demo Helpdesk' organisation with people, campaigns and conversations."""
    try:
        url = database_url()
        result = asyncio.run(with_database(url, load_demo))
    except CliProblem as problem:
        raise _fail(problem) from None
    _echo_demo(result)


# --- serve --------------------------------------------------------------------------------------


def _die_with_parent() -> None:
    """In the child, before exec: get SIGTERM if `serve` itself is killed (Linux only)."""
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None).prctl(pr_set_pdeathsig, signal.SIGTERM)


def _start(name: str, args: list[str]) -> subprocess.Popen[bytes]:
    typer.echo(f"starting {name}: {' '.join(args)}")
    # A session of its own: Ctrl-C reaches only `serve`, which then stops each child exactly once.
    return subprocess.Popen(
        [sys.executable, "-m", *args],
        cwd=ROOT,
        env=os.environ.copy(),
        start_new_session=True,
        preexec_fn=_die_with_parent,
    )


def _signal_children(children: dict[str, subprocess.Popen[bytes]], signum: int) -> None:
    for child in children.values():
        if child.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(child.pid, signum)


def _stop_children(children: dict[str, subprocess.Popen[bytes]], timeout: float = 20.0) -> None:
    _signal_children(children, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    for name, child in children.items():
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            typer.echo(f"{name} did not stop within {timeout:.0f}s; killing it", err=True)
            _signal_children({name: child}, signal.SIGKILL)
            child.wait()


def _answers(url: str) -> bool:
    import httpx

    try:
        return httpx.get(url, timeout=0.5).status_code == 200
    except httpx.HTTPError:
        return False


def _worker_beat_since(base: str, since: datetime) -> bool:
    """Whether /readyz shows a worker heartbeat from after `since`: the worker beats once it has
    started, so its start-up lines are out."""
    import httpx

    try:
        beat = httpx.get(f"{base}/readyz", timeout=0.5).json()["worker"]["last_heartbeat_at"]
        return beat is not None and datetime.fromisoformat(beat) >= since
    except (httpx.HTTPError, ValueError, KeyError, TypeError):
        return False


# Without a worker heartbeat (Redis down, say) the banner still comes, this long after the API.
BANNER_WAITS_FOR_WORKER = 20.0
# And once both are up, this much longer: a second API process may still be saying hello.
BANNER_SETTLE = 1.0


def _banner(base: str, demo: bool) -> str:
    settings = get_settings()
    lines = ["", "Escalation Inbox is running."]
    if (settings.frontend_dist / "index.html").is_file():
        lines.append(f"  Open:      {base}/")
    else:
        lines.append(f"  Open:      {base}/docs   (the SPA is not built: no frontend/dist)")
    lines += [f"  API docs:  {base}/docs", f"  Health:    {base}/readyz"]
    if demo:
        lines.append(f"  Demo:      sign in as any of these, password {DEMO_PASSWORD}")
        width = max(len(p.email) for p in DEMO_PEOPLE)
        lines += [f"    {p.email:<{width}}  {p.role:<10}  {p.name}: {p.does}" for p in DEMO_PEOPLE]
    lines += ["  Stop:      Ctrl-C", ""]
    return "\n".join(lines)


def _supervise(
    children: dict[str, subprocess.Popen[bytes]],
    base: str,
    demo: bool,
    started: datetime | None = None,
) -> int:
    """Wait on the children; print the banner once the API answers and the worker has started,
    so it is the last thing on the screen (the worker logs its routine work at debug)."""
    received: list[int] = []

    def on_signal(signum: int, _: FrameType | None) -> None:
        received.append(signum)

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
    since = started or datetime.now(UTC)
    api_up: float | None = None  # monotonic time the API first answered
    ready: float | None = None  # ... and the worker had started too
    announced = False
    try:
        while not received:
            for name, child in children.items():
                code = child.poll()
                if code is not None:
                    typer.secho(
                        f"{name} exited with code {code}; stopping the rest",
                        err=True,
                        fg=typer.colors.RED,
                    )
                    _stop_children(children)
                    # Killed by a signal (negative code): the shell's 128 + signal number.
                    return 128 - code if code < 0 else code or 1
            if not announced:
                clock = time.monotonic()
                if api_up is None and _answers(f"{base}/healthz"):
                    api_up = clock
                if api_up is not None and ready is None:
                    late = clock - api_up > BANNER_WAITS_FOR_WORKER
                    if late or _worker_beat_since(base, since):
                        ready = clock
                if ready is not None and clock - ready >= BANNER_SETTLE:
                    typer.secho(_banner(base, demo), fg=typer.colors.GREEN)
                    announced = True
            time.sleep(0.25)
        typer.echo(f"received {signal.Signals(received[0]).name}; stopping the API and the worker")
        _stop_children(children)
        typer.echo("stopped")
        return 0
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def api_processes(workers: int | None, *, reload: bool) -> int:
    """How many uvicorn processes serve the API. One process uses one core (the event loop is a
    single thread), so production runs one per CPU; --reload restarts a single process."""
    if reload:
        if workers not in (None, 1):
            raise _fail(CliProblem("--reload runs one API process: leave out --workers"))
        return 1
    return workers or os.cpu_count() or 1


@cli.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface for the API to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port for the API")] = 8000,
    demo: Annotated[
        bool, typer.Option("--demo/--no-demo", help="Load the demo organisation first")
    ] = False,
    reload: Annotated[
        bool, typer.Option(help="Restart the API and the worker when app/ changes")
    ] = False,
    workers: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="API processes (uvicorn workers). Default: the CPU count, or 1 with --reload",
        ),
    ] = None,
) -> None:
    """Run everything: migrations, optional demo data, the API (uvicorn) and the worker (arq)."""
    processes = api_processes(workers, reload=reload)
    from app.embedded import resolve_urls

    # Readable console logs for a local run; set LOG_JSON=true for JSON lines.
    os.environ.setdefault("LOG_JSON", "false")
    try:
        settings = resolve_urls(get_settings())  # exports DATABASE_URL / REDIS_URL for children
        assert settings.database_url and settings.redis_url
        typer.echo(f"database: {_safe_url(settings.database_url)}")
        typer.echo(f"redis:    {settings.redis_url}")
        typer.echo(f"api:      {processes} process{'es' if processes > 1 else ''}")
        upgrade_database(settings.database_url)
        if demo:
            _echo_demo(asyncio.run(with_database(settings.database_url, load_demo)))
    except CliProblem as problem:
        raise _fail(problem) from None
    api = ["uvicorn", "app.main:app", "--host", host, "--port", str(port)]
    if processes > 1:
        api += ["--workers", str(processes)]
    worker = ["arq", "app.workers.settings.WorkerSettings"]
    if reload:
        api += ["--reload", "--reload-dir", str(ROOT / "app")]
        worker += ["--watch", str(ROOT / "app")]
    started = datetime.now(UTC)
    children = {"api": _start("api", api), "worker": _start("worker", worker)}
    shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    if ":" in shown:
        shown = f"[{shown}]"
    raise typer.Exit(_supervise(children, f"http://{shown}:{port}", demo, started))


if __name__ == "__main__":
    cli()
