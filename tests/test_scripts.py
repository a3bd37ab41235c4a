"""scripts/_common.sh's ensure_chromium: how the test command gets the browser the e2e tests drive.

The machine's own chromium and apt-get are never touched: each case runs the function in a bash
whose PATH holds only stand-ins (`apt-get`, `sudo`, `id`) that log their arguments, with CHROMIUM
pointing at a path in a temporary directory that the stand-in apt-get creates, as the real package
creates /usr/bin/chromium.
"""

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

COMMON = Path(__file__).resolve().parent.parent / "scripts" / "_common.sh"


def _tool(bin_dir: Path, name: str, body: str) -> None:
    path = bin_dir / name
    path.write_text("#!/bin/bash\n" + body + "\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


@pytest.fixture
def sandbox(tmp_path: Path) -> Path:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    # `env` runs apt-get with DEBIAN_FRONTEND set; `sudo -n true` runs `true`; apt-get needs chmod.
    for real in ("env", "chmod", "true"):
        found = shutil.which(real)
        assert found, real
        (bin_dir / real).symlink_to(found)
    return tmp_path


def _apt_get(sandbox: Path, *, installs: bool = True) -> None:
    creates = (
        'if [ "$1" = install ]; then printf "#!/bin/sh\\n" > "$BROWSER"; chmod +x "$BROWSER"; fi'
        if installs
        else ""
    )
    _tool(
        sandbox / "bin",
        "apt-get",
        f'echo "apt-get $* DEBIAN_FRONTEND=$DEBIAN_FRONTEND" >> "$LOG"\n{creates}',
    )


def _id(sandbox: Path, uid: int) -> None:
    _tool(sandbox / "bin", "id", f'[ "$1" = -u ] && echo {uid}')


def _sudo(sandbox: Path, *, passwordless: bool) -> None:
    # `sudo -n true` probes; `sudo -n cmd…` runs cmd when no password is needed.
    body = 'echo "sudo $*" >> "$LOG"\n'
    body += '[ "$1" = -n ] && shift\n' + ('exec "$@"' if passwordless else "exit 1")
    _tool(sandbox / "bin", "sudo", body)


def _ensure(sandbox: Path) -> tuple[subprocess.CompletedProcess[str], list[str], Path]:
    browser = sandbox / "usr-bin" / "chromium"
    browser.parent.mkdir(exist_ok=True)
    log = sandbox / "calls.log"
    env = {
        "PATH": str(sandbox / "bin"),
        "CHROMIUM": str(browser),
        "BROWSER": str(browser),
        "LOG": str(log),
        "HOME": str(sandbox),
    }
    result = subprocess.run(
        ["/bin/bash", "-c", f'. "{COMMON}" && ensure_chromium'],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        cwd=sandbox,
    )
    calls = log.read_text().splitlines() if log.exists() else []
    return result, calls, browser


def test_present_browser_installs_nothing(sandbox: Path) -> None:
    _apt_get(sandbox)
    _id(sandbox, 0)
    browser = sandbox / "usr-bin" / "chromium"
    browser.parent.mkdir()
    browser.write_text("#!/bin/sh\n")
    browser.chmod(0o755)
    result, calls, _ = _ensure(sandbox)
    assert result.returncode == 0, result.stderr
    assert calls == []


def test_as_root_it_installs_debians_chromium(sandbox: Path) -> None:
    _apt_get(sandbox)
    _id(sandbox, 0)
    result, calls, browser = _ensure(sandbox)
    assert result.returncode == 0, result.stderr
    assert calls == [
        "apt-get update -q DEBIAN_FRONTEND=noninteractive",
        "apt-get install -y -q chromium DEBIAN_FRONTEND=noninteractive",
    ]
    assert os.access(browser, os.X_OK)


def test_with_passwordless_sudo_it_installs_through_sudo(sandbox: Path) -> None:
    _apt_get(sandbox)
    _id(sandbox, 1000)
    _sudo(sandbox, passwordless=True)
    result, calls, browser = _ensure(sandbox)
    assert result.returncode == 0, result.stderr
    assert calls == [
        "sudo -n true",
        "sudo -n env DEBIAN_FRONTEND=noninteractive apt-get update -q",
        "apt-get update -q DEBIAN_FRONTEND=noninteractive",
        "sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium",
        "apt-get install -y -q chromium DEBIAN_FRONTEND=noninteractive",
    ]
    assert os.access(browser, os.X_OK)


@pytest.mark.parametrize(
    ("setup", "reason"),
    [
        ("no-apt", "there is no apt-get here"),
        ("no-sudo", "needs root or passwordless sudo"),
        ("sudo-asks-password", "needs root or passwordless sudo"),
        ("apt-installs-elsewhere", "is still missing"),
    ],
)
def test_when_it_cannot_install_it_stops_with_one_line(
    sandbox: Path, setup: str, reason: str
) -> None:
    _id(sandbox, 0 if setup == "apt-installs-elsewhere" else 1000)
    if setup != "no-apt":
        _apt_get(sandbox, installs=setup != "apt-installs-elsewhere")
    if setup == "sudo-asks-password":
        _sudo(sandbox, passwordless=False)
    result, calls, _ = _ensure(sandbox)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert reason in lines[0]
    assert "apt-get install -y chromium" in lines[0]
    if setup in ("no-sudo", "sudo-asks-password"):
        assert not any(c.startswith("apt-get") for c in calls)
