#!/usr/bin/env bash
# Command one: install what is missing, then run the engine (Temporal dev server, migrations,
# worker, API and console) on its embedded defaults. Ctrl-C stops it all; data is kept.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "up: installing npm packages (npm ci)"
  npm ci --no-audit --no-fund
fi
bash infra/temporal/install-cli.sh
exec node --import tsx infra/start.ts
