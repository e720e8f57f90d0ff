#!/usr/bin/env bash
# Runs the whole suite. Uses PostgreSQL and Redis on 127.0.0.1 when they answer (starting them when
# they are installed but stopped), the embedded default (SQLite, filesystem broker) otherwise.
# REQUIRE_SERVICES=1 (CI) turns a missing service into a failure instead of a fallback.
set -euo pipefail
cd "$(dirname "$0")/.."

answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if ! answers 5432 && command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start 2>/dev/null || true
  sleep 2
fi
if ! answers 6379 && command -v redis-server >/dev/null 2>&1; then
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null 2>&1 || true
  sleep 1
fi

if answers 5432; then
  export DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}"
  echo "test.sh: PostgreSQL at 127.0.0.1:5432"
else
  unset DATABASE_URL
  echo "test.sh: no PostgreSQL answering; using SQLite"
fi
if answers 6379; then
  export REDIS_URL="${TEST_REDIS_URL:-redis://127.0.0.1:6379/15}"
  echo "test.sh: Redis at 127.0.0.1:6379"
else
  unset REDIS_URL CELERY_BROKER_URL
  echo "test.sh: no Redis answering; using the filesystem broker"
fi
if [ "${REQUIRE_SERVICES:-0}" = "1" ] && { [ -z "${DATABASE_URL:-}" ] || [ -z "${REDIS_URL:-}" ]; }; then
  echo "test.sh: REQUIRE_SERVICES=1 but PostgreSQL or Redis is not reachable on 127.0.0.1" >&2
  exit 1
fi

.venv/bin/ruff check .
.venv/bin/ruff format --check . >/dev/null || { echo "test.sh: ruff format would change files (run: .venv/bin/ruff format .)" >&2; exit 1; }
.venv/bin/python manage.py makemigrations --check --dry-run >/dev/null \
  || { echo "test.sh: models changed without a migration (run manage.py makemigrations)" >&2; exit 1; }
exec .venv/bin/pytest "$@"
