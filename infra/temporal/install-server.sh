#!/usr/bin/env bash
# Installs the Temporal server and its SQL schema tool into the project's git-ignored .tools/bin,
# built from the server's Go module at the version the CLI's dev server embeds, with the module's
# PostgreSQL schema beside them (.tools/share/temporal-schema). Reused once built.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
version="v1.29.1"
bin="$root/.tools/bin"
schema="$root/.tools/share/temporal-schema"
stamp="$bin/temporal-server.version"
if [ -x "$bin/temporal-server" ] && [ -x "$bin/temporal-sql-tool" ] && [ -d "$schema/postgresql/v12" ] \
  && [ "$(cat "$stamp" 2>/dev/null)" = "$version" ]; then
  exit 0
fi
command -v go >/dev/null || { echo "install-server: Go is needed to build the Temporal server (https://go.dev/dl)" >&2; exit 1; }
echo "install-server: building Temporal server $version and temporal-sql-tool into .tools/bin (first run only, several minutes)" >&2
mkdir -p "$bin"
# `go install` names a binary after its folder (server, sql); build beside, then rename.
work="$(mktemp -d "$bin/.install-server.XXXXXX")"
trap 'rm -rf "$work"' EXIT
GOBIN="$work" GOFLAGS=-mod=mod go install "go.temporal.io/server/cmd/server@$version" "go.temporal.io/server/cmd/tools/sql@$version"
mv -f "$work/server" "$bin/temporal-server"
mv -f "$work/sql" "$bin/temporal-sql-tool"
module_dir="$(GOFLAGS=-mod=mod go mod download -json "go.temporal.io/server@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
[ -d "$module_dir/schema/postgresql/v12" ] || { echo "install-server: no PostgreSQL schema in $module_dir" >&2; exit 1; }
rm -rf "$schema" && mkdir -p "$schema/postgresql"
cp -R "$module_dir/schema/postgresql/v12" "$schema/postgresql/v12"
chmod -R u+w "$schema"
echo "$version" > "$stamp"
echo "install-server: temporal-server $version ready" >&2
