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
# The console's end-to-end test drives Debian's Chromium; Chinese pages need CJK fonts.
# (grep without -q: with pipefail, -q would close the pipe early and fail the test.)
if ! command -v chromium >/dev/null || ! fc-list 2>/dev/null | grep -i cjk >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "test: installing chromium and CJK fonts from Debian"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
  else
    echo "test: chromium is missing; the console end-to-end test will be skipped" >&2
  fi
fi
npx tsc --noEmit
npx eslint .
npx tsx infra/bundle-check.ts
mkdir -p test-artifacts
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=test-artifacts/vitest.json "$@" || status=$?
# One plain closing line for whoever reads the log: "tests: N passed, N failed".
node -e 'const r=require("./test-artifacts/vitest.json"); console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed`)' || true
exit $status
