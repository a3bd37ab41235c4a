# Shared by scripts/run.sh and scripts/test.sh (sourced, not run). Assumes the repository root as cwd.

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

# A Python >= 3.11: $PYTHON if set, else the newest python3.x on PATH.
find_python() {
  local candidate
  for candidate in "${PYTHON:-}" python3.13 python3.12 python3.11 python3 python; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      command -v "$candidate"
      return 0
    fi
  done
  echo "error: Python 3.11 or newer is needed (or set PYTHON=/path/to/python3.11)" >&2
  return 1
}

# Create .venv when missing, then install the project into it (editable), e.g. `ensure_venv .[dev]`.
ensure_venv() {
  if [ ! -x .venv/bin/python ]; then
    local python
    python=$(find_python)
    step "creating .venv with $python ($("$python" --version))"
    "$python" -m venv .venv
  fi
  step "pip install -e '$1'"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e "$1"
}

has_frontend() { [ -f frontend/package.json ]; }

# Whether frontend/package.json declares an npm script of this name (needs .venv).
frontend_has_script() {
  .venv/bin/python - "$1" <<'PY'
import json, sys
scripts = json.load(open("frontend/package.json")).get("scripts") or {}
sys.exit(0 if sys.argv[1] in scripts else 1)
PY
}

# npm ci (or npm install when there is no lock file), skipped when node_modules is already current.
ensure_node_modules() {
  local stamp=frontend/node_modules/.package-lock.json
  if [ -f "$stamp" ] && [ "$stamp" -nt frontend/package.json ] &&
    { [ ! -f frontend/package-lock.json ] || [ "$stamp" -nt frontend/package-lock.json ]; }; then
    echo "frontend/node_modules is up to date"
  elif [ -f frontend/package-lock.json ]; then
    step "npm ci (frontend)"
    (cd frontend && npm ci --no-audit --no-fund)
  else
    step "npm install (frontend)"
    (cd frontend && npm install --no-audit --no-fund)
  fi
}

# The browser tests drive Debian's chromium ($CHROMIUM, default /usr/bin/chromium; Playwright's own
# download does not work everywhere). When it is missing, install the `chromium` package with apt-get
# as root or through passwordless sudo; when that is not possible (or fails), print one line saying
# what to install and return 1.
ensure_chromium() {
  local browser=${CHROMIUM:-/usr/bin/chromium} sudo=""
  [ -x "$browser" ] && return 0
  local advice="install Debian's chromium (apt-get update && apt-get install -y chromium) or set CHROMIUM to a Chromium binary"
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "error: $browser is missing and there is no apt-get here: $advice" >&2
    return 1
  fi
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo="sudo -n"
    else
      echo "error: $browser is missing and installing it needs root or passwordless sudo: $advice" >&2
      return 1
    fi
  fi
  step "installing Debian's chromium for the browser tests (apt-get)"
  if ! $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q ||
    ! $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; then
    echo "error: installing chromium with apt-get failed: $advice" >&2
    return 1
  fi
  if [ ! -x "$browser" ]; then
    echo "error: apt-get installed chromium but $browser is still missing: $advice" >&2
    return 1
  fi
}

# Whether frontend/package.json declares an e2e script (no .venv needed).
frontend_has_e2e() { has_frontend && grep -q '"e2e"[[:space:]]*:' frontend/package.json; }
