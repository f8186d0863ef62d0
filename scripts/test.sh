#!/usr/bin/env bash
# The whole test suite: lint, types, then pytest on SQLite and on PostgreSQL.
# With CI=true an unreachable PostgreSQL is a failure, not a skip.
# The two backends run at the same time (each suite is single-threaded Python and the machine has
# more than one core); KERJASAMA_TEST_SERIAL=1 runs them one after the other.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.venv
PG_URL="${KERJASAMA_TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== ruff"; $VENV/bin/ruff check backend tests migrations bench docs/examples
echo "== mypy"; $VENV/bin/mypy

pg_reachable() {
  $VENV/bin/python - "$PG_URL" <<'PY'
import sys, psycopg
try:
    psycopg.connect(sys.argv[1], connect_timeout=3).close()
except Exception as exc:
    print(f"PostgreSQL not reachable at {sys.argv[1]}: {exc}", file=sys.stderr)
    sys.exit(1)
PY
}

# pytest exits 5 when it collected no tests: any non-zero status fails the run.
suite() {  # suite <backend> [pytest args…]
  local backend=$1; shift
  KERJASAMA_TEST_BACKEND=$backend KERJASAMA_TEST_POSTGRES_URL="$PG_URL" \
    $VENV/bin/python -m pytest --basetemp="$work/$backend" "$@"
}

backends=(sqlite)
if pg_reachable; then
  backends+=(postgres)
elif [ "${CI:-}" = "true" ]; then
  echo "FAIL: CI=true requires PostgreSQL for the test suite" >&2
  exit 1
else
  echo "!! WARNING: PostgreSQL unreachable; only SQLite was tested !!" >&2
fi

failed=()
if [ "${#backends[@]}" -eq 1 ] || [ "${KERJASAMA_TEST_SERIAL:-}" = "1" ]; then
  for b in "${backends[@]}"; do
    echo "== pytest on $b"
    suite "$b" "$@" || failed+=("$b")
  done
else
  echo "== pytest on ${backends[*]} (in parallel; each one's output follows when it ends)"
  declare -A pids
  for b in "${backends[@]}"; do
    ( start=$(date +%s); rc=0; suite "$b" "$@" >"$work/$b.log" 2>&1 || rc=$?
      echo "($b: exit $rc after $(( $(date +%s) - start )) s)" >>"$work/$b.log"; exit $rc ) &
    pids[$b]=$!
  done
  for b in "${backends[@]}"; do
    rc=0; wait "${pids[$b]}" || rc=$?
    echo "== pytest on $b"; cat "$work/$b.log"
    [ "$rc" -eq 0 ] || failed+=("$b")
  done
fi
if [ "${#failed[@]}" -gt 0 ]; then
  echo "FAIL: pytest failed on: ${failed[*]}" >&2
  exit 1
fi

if [ -f frontend/package.json ]; then
  echo "== frontend: typecheck, lint, unit tests"
  [ -d frontend/node_modules ] || (cd frontend && npm ci --no-audit --no-fund)
  (cd frontend && npm run --silent typecheck && npm run --silent lint && npm test --silent)
fi
names=(); for b in "${backends[@]}"; do [ "$b" = sqlite ] && names+=(SQLite) || names+=(PostgreSQL); done
echo "== tests passed on: ${names[0]}${names[1]:+ and ${names[1]}}"
