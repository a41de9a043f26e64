#!/usr/bin/env bash
# `npm run cluster [up|status|stop]`: installs what is missing (npm packages, the Temporal server
# and SQL tool built from their Go module), then brings up the local production-shaped cluster.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "cluster: installing npm packages (npm ci)"
  npm ci --no-audit --no-fund
fi
# Only bringing the cluster up needs the server binaries: status and stop work without Go.
case "${1:-up}" in
  status | stop) ;;
  *) bash infra/temporal/install-server.sh ;;
esac
exec node --import tsx infra/temporal/cluster-cli.ts "$@"
