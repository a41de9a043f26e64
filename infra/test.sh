#!/usr/bin/env bash
# Command two: the whole test suite on a fresh machine. Installs npm packages and the Temporal
# CLI when missing; the suite's global setup starts its own Temporal dev server and makes fresh
# databases on the local PostgreSQL (or uses testcontainers where a Docker engine runs), and
# stops and drops them at the end.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
bash infra/temporal/install-cli.sh
if ! pg_isready -q -h "${PGHOST:-127.0.0.1}" -p "${PGPORT:-5432}" 2>/dev/null && command -v pg_ctlcluster >/dev/null; then
  echo "test: starting the local PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
fi
npx tsc --noEmit
npx eslint .
npx vitest run "$@"
