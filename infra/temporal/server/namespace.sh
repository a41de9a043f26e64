#!/bin/sh
# The namespace courtrelay runs in, created when missing and given the configured retention —
# the same one `npm run cluster` and `npm start` give theirs (TEMPORAL_RETENTION_DAYS, default 3650
# days; README "Retention"). Run by docker-compose's temporal-namespace job (admin-tools image);
# it first waits, bounded, for the frontend to report SERVING, since a port that accepts
# connections is not yet a server that serves. Safe to run again: an existing namespace only has
# its retention set to the configured value.
set -eu
: "${TEMPORAL_ADDRESS:=127.0.0.1:7233}"
: "${TEMPORAL_NAMESPACE:=default}"
: "${TEMPORAL_RETENTION_DAYS:=3650}"
: "${TEMPORAL_CLI:=temporal}"
: "${TEMPORAL_HEALTH_WAIT_SECONDS:=120}"
export TEMPORAL_ADDRESS

# The same bounds as infra/config.ts: 1 to 36500 days (0 would be refused by the server only
# after the namespace exists; a hundred years and more is a typo, not a policy).
case "$TEMPORAL_RETENTION_DAYS" in
  '' | *[!0-9]*) echo "namespace: TEMPORAL_RETENTION_DAYS must be a whole number of days from 1 to 36500, got '$TEMPORAL_RETENTION_DAYS'" >&2; exit 64 ;;
esac
# Leading zeros dropped, and length checked before any arithmetic (sh integers overflow).
TEMPORAL_RETENTION_DAYS=$(echo "$TEMPORAL_RETENTION_DAYS" | sed 's/^0*//')
if [ -z "$TEMPORAL_RETENTION_DAYS" ] || [ "${#TEMPORAL_RETENTION_DAYS}" -gt 5 ] || [ "$TEMPORAL_RETENTION_DAYS" -lt 1 ] || [ "$TEMPORAL_RETENTION_DAYS" -gt 36500 ]; then
  echo "namespace: TEMPORAL_RETENTION_DAYS must be a whole number of days from 1 to 36500, got '$TEMPORAL_RETENTION_DAYS'" >&2
  exit 64
fi
# Go durations have no day unit.
retention="$((TEMPORAL_RETENTION_DAYS * 24))h"

waited=0
until "$TEMPORAL_CLI" operator cluster health 2>/dev/null | grep -q SERVING; do
  if [ "$waited" -ge "$TEMPORAL_HEALTH_WAIT_SECONDS" ]; then
    echo "namespace: Temporal at $TEMPORAL_ADDRESS not SERVING after ${waited} s" >&2
    exit 1
  fi
  sleep 2
  waited=$((waited + 2))
done

current="$("$TEMPORAL_CLI" operator namespace describe -n "$TEMPORAL_NAMESPACE" -o json 2>/dev/null \
  | sed -n 's/.*"workflowExecutionRetentionTtl": *"\([0-9]*\)s".*/\1/p')" || current=''
if [ -z "$current" ]; then
  "$TEMPORAL_CLI" operator namespace create -n "$TEMPORAL_NAMESPACE" --retention "$retention" \
    --description 'courtrelay court processes' >/dev/null
  echo "namespace: $TEMPORAL_NAMESPACE created, retention $TEMPORAL_RETENTION_DAYS days"
elif [ "$current" -eq "$((TEMPORAL_RETENTION_DAYS * 86400))" ]; then
  echo "namespace: $TEMPORAL_NAMESPACE unchanged, retention $TEMPORAL_RETENTION_DAYS days"
else
  # A namespace created moments ago reaches the frontend's namespace cache within seconds;
  # until then an update answers "not found".
  tries=0
  until "$TEMPORAL_CLI" operator namespace update -n "$TEMPORAL_NAMESPACE" --retention "$retention" >/dev/null; do
    tries=$((tries + 1))
    [ "$tries" -lt 30 ] || { echo "namespace: could not set the retention of $TEMPORAL_NAMESPACE" >&2; exit 1; }
    sleep 2
  done
  echo "namespace: $TEMPORAL_NAMESPACE retention $((current / 86400)) → $TEMPORAL_RETENTION_DAYS days"
fi
