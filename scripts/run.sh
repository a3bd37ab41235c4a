#!/usr/bin/env bash
# Install and run the whole product: API + worker + the built SPA, with the demo organisation.
#
#   ./scripts/run.sh                  # http://127.0.0.1:8000, demo login printed on start
#   ./scripts/run.sh --port 8080 --no-demo --reload   # any `escalations serve` option
#
# Needs Python 3.11+ (and Node 20 for the SPA). DATABASE_URL / REDIS_URL are used when set;
# otherwise embedded PostgreSQL and Redis start under the user data dir. SKIP_FRONTEND_BUILD=1
# skips the SPA build.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/_common.sh
. scripts/_common.sh

ensure_venv .

if has_frontend && [ -z "${SKIP_FRONTEND_BUILD:-}" ]; then
  if command -v npm >/dev/null 2>&1; then
    ensure_node_modules
    step "npm run build (frontend)"
    if ! (cd frontend && npm run build); then
      echo "error: the SPA build failed; fix it, or start without the SPA: SKIP_FRONTEND_BUILD=1 $0" >&2
      exit 1
    fi
  else
    echo "warning: npm not found, so the SPA is not built; the API still runs (Node 20 needed)" >&2
  fi
fi

step "escalations serve --demo $*"
exec .venv/bin/escalations serve --demo "$@"
