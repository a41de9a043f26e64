#!/usr/bin/env bash
# CI's second half: the workflow, replay, API and fault tests again, this time on a
# production-shaped Temporal cluster (frontend, history, matching and worker as four processes on
# PostgreSQL) that the suite brings up on ports and databases of its own and removes at the end;
# and the service-fault tests, which kill and restart that kind of cluster's services. Unit,
# database and console tests do not touch Temporal's persistence and run once, in `npm test`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
# The CLI's dev server still runs in the fault file that restarts a whole dev server.
bash infra/temporal/install-cli.sh
bash infra/temporal/install-server.sh
if ! pg_isready -q -h "${PGHOST:-127.0.0.1}" -p "${PGPORT:-5432}" 2>/dev/null && command -v pg_ctlcluster >/dev/null; then
  echo "test:cluster: starting the local PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
fi
mkdir -p test-artifacts
status=0
COURTRELAY_TEST_TEMPORAL=cluster npx vitest run --reporter=default --reporter=json --outputFile.json=test-artifacts/vitest-cluster.json \
  test/workflows test/api test/fault "$@" || status=$?
node -e 'const r=require("./test-artifacts/vitest-cluster.json"); console.log(`tests on the cluster: ${r.numPassedTests} passed, ${r.numFailedTests} failed`)' || true
exit $status
