#!/usr/bin/env bash
# The whole test suite: lint, types, then pytest on SQLite and on PostgreSQL.
# With CI=true an unreachable PostgreSQL is a failure, not a skip.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.venv
PG_URL="${KERJASAMA_TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"

echo "== ruff"; $VENV/bin/ruff check backend tests migrations bench
echo "== mypy"; $VENV/bin/mypy

echo "== pytest on SQLite"
KERJASAMA_TEST_BACKEND=sqlite $VENV/bin/python -m pytest "$@"
ran="SQLite"

if $VENV/bin/python - "$PG_URL" <<'PY'
import sys, psycopg
try:
    psycopg.connect(sys.argv[1], connect_timeout=3).close()
except Exception as exc:
    print(f"PostgreSQL not reachable at {sys.argv[1]}: {exc}", file=sys.stderr)
    sys.exit(1)
PY
then
  echo "== pytest on PostgreSQL"
  KERJASAMA_TEST_BACKEND=postgres KERJASAMA_TEST_POSTGRES_URL="$PG_URL" $VENV/bin/python -m pytest "$@"
  ran="$ran and PostgreSQL"
elif [ "${CI:-}" = "true" ]; then
  echo "FAIL: CI=true requires PostgreSQL for the test suite" >&2
  exit 1
else
  echo "!! WARNING: PostgreSQL unreachable; only SQLite was tested !!" >&2
fi
if [ -f frontend/package.json ]; then
  echo "== frontend: typecheck, lint, unit tests"
  [ -d frontend/node_modules ] || (cd frontend && npm ci --no-audit --no-fund)
  (cd frontend && npm run --silent typecheck && npm run --silent lint && npm test --silent)
fi
echo "== tests passed on: $ran"
