#!/usr/bin/env bash
# Install everything and run every check and test: ruff (lint and format), mypy, the OpenAPI
# export check, the generated Python client's check, the frontend's tests (when it has them) and pytest on two processes.
#
#   ./scripts/test.sh                 # extra arguments go to pytest, e.g. -k claims
#
# With DATABASE_URL / REDIS_URL set the tests use those servers (a database per test process is
# created and dropped there); unset, they start embedded PostgreSQL and Redis. Every step runs
# even after a failure; the exit status is non-zero when any step failed.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/_common.sh
. scripts/_common.sh

# Before anything slow: the browser tests need chromium (installed here with apt-get when possible).
if frontend_has_e2e; then
  ensure_chromium || exit 1
fi
ensure_venv '.[dev]' || exit 1

failed=()
run() {
  local name=$1 started=$SECONDS status
  shift
  step "$name"
  "$@"
  status=$?
  if [ "$status" -eq 0 ]; then
    echo "ok: $name ($((SECONDS - started)) s)"
  else
    echo "FAILED: $name (exit $status, $((SECONDS - started)) s)" >&2
    failed+=("$name")
  fi
  return 0
}

frontend_tests() {
  if ! command -v npm >/dev/null 2>&1; then
    echo "npm not found, but frontend/package.json has tests: install Node 20" >&2
    return 1
  fi
  ensure_node_modules || return 1
  if frontend_has_script check:api; then
    (cd frontend && npm run check:api) || return 1
  fi
  if frontend_has_script test; then
    (cd frontend && npm test) || return 1
  fi
  if frontend_has_script e2e; then
    step "npm run e2e (frontend)"
    (cd frontend && npm run e2e) || return 1
  fi
}

pytest_all() {
  .venv/bin/python -m pytest -n 2 "$@"
  local status=$?
  if [ "$status" -eq 5 ]; then
    echo "pytest collected no tests: that is a failure here" >&2
  fi
  return "$status"
}

run "ruff check" .venv/bin/ruff check .
run "ruff format" .venv/bin/ruff format --check .
run "mypy" .venv/bin/mypy
run "openapi.json is current" .venv/bin/python -m app.cli openapi --check
run "Python client is current" .venv/bin/python -m app.cli python-client --check
if has_frontend && { frontend_has_script test || frontend_has_script e2e; }; then
  run "frontend tests" frontend_tests
fi
run "pytest" pytest_all "$@"

if [ "${#failed[@]}" -gt 0 ]; then
  printf '\n\033[31m%s failed: %s\033[0m\n' "${#failed[@]}" "$(IFS=,; echo "${failed[*]}")" >&2
  exit 1
fi
printf '\n\033[32mall checks passed\033[0m\n'
