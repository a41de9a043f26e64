#!/bin/sh
# Temporal's two PostgreSQL databases (history and visibility), created when missing, their schemas
# brought to the version of the server that ships TEMPORAL_SCHEMA_DIR. Every step skips what is
# done already (create ignores an existing database, setup-schema an existing version table,
# update-schema applies only newer versions), so it is safe to run at every start. Run by
# `npm run cluster` with the tool it built and by docker-compose's temporal-schema job (admin-tools
# image); it reads the same TEMPORAL_DB_* variables as courtrelay.yaml beside it.
set -eu
: "${TEMPORAL_SCHEMA_DIR:=/etc/temporal/schema/postgresql/v12}"
: "${TEMPORAL_SQL_TOOL:=temporal-sql-tool}"
export SQL_PLUGIN=postgres12
export SQL_HOST="${TEMPORAL_DB_HOST:-127.0.0.1}"
export SQL_PORT="${TEMPORAL_DB_PORT:-5432}"
export SQL_USER="${TEMPORAL_DB_USER:-postgres}"
export SQL_PASSWORD="${TEMPORAL_DB_PASSWORD:-}"

for store in temporal visibility; do
  if [ "$store" = temporal ]; then db="${TEMPORAL_DB_NAME:-temporal}"; else db="${TEMPORAL_VISIBILITY_DB_NAME:-temporal_visibility}"; fi
  "$TEMPORAL_SQL_TOOL" --db "$db" create-database >/dev/null
  "$TEMPORAL_SQL_TOOL" --db "$db" setup-schema -v 0.0 >/dev/null
  "$TEMPORAL_SQL_TOOL" --db "$db" update-schema -d "$TEMPORAL_SCHEMA_DIR/$store/versioned" >/dev/null
  echo "schema: $db ready"
done
