#!/usr/bin/env bash
# Installs the Temporal CLI (dev server + Web UI) into the project's git-ignored .tools/bin,
# built from its Go module; reused once built. Later tags carry a `replace` directive and
# cannot be `go install`ed, hence the pinned tag.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bin="$root/.tools/bin/temporal"
version="v1.5.1"
stamp="$root/.tools/bin/temporal.version"
# A module-built CLI reports itself as 0.0.0-DEV, so the built tag is kept in a stamp file.
if [ -x "$bin" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$version" ]; then
  exit 0
fi
command -v go >/dev/null || { echo "install-cli: Go is needed to build the Temporal CLI (https://go.dev/dl)" >&2; exit 1; }
echo "install-cli: building Temporal CLI $version into .tools/bin (first run only, a few minutes)" >&2
mkdir -p "$root/.tools/bin"
GOBIN="$root/.tools/bin" GOFLAGS=-mod=mod go install "github.com/temporalio/cli/cmd/temporal@$version"
"$bin" --version >&2
echo "$version" > "$stamp"
