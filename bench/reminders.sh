#!/usr/bin/env bash
# Durable reminders under load: for 1 and then 2 replicas of calendar-tasks on the crm_bench_calendar
# database, seeds BENCH_REMINDERS tasks whose reminders fall due evenly over BENCH_SPREAD_SECONDS,
# waits until every one fired, and reports lateness (fired_at - remind_at) p50/p99/max; then seeds
# BENCH_BURST reminders due at once and reports how many fire per second.
# Needs: the local stack (deploy/local/stack.sh up) and a build (source scripts/bootstrap.sh).
# Starts, and stops at the end: the replicas on ports 28391/28392 and 50561/50562.
#   BENCH_REMINDERS (100000)  BENCH_SPREAD_SECONDS (600)  BENCH_BURST (20000)  BENCH_POLL_MS (1000)
set -euo pipefail
PW_COMPONENT=bench-reminders
source "$(dirname "$0")/lib.sh"
: "${BENCH_REMINDERS:=100000}"
: "${BENCH_SPREAD_SECONDS:=600}"
: "${BENCH_BURST:=20000}"
: "${BENCH_POLL_MS:=1000}"

db() { bench_db crm_bench_calendar "$1"; }
log "migrating crm_bench_calendar"
migrate_bench_db calendar-tasks crm_bench_calendar

replica() {
  start_service calendar-tasks "reminders-$1.log" DB_URL="$(db crm_bench_calendar_app)" GRPC_HOST=127.0.0.1 GRPC_PORT="$((50560 + $1))" HTTP_PORT="$((28390 + $1))" \
    RECORD_EVENTS_CONSUMER_ENABLED=false REMINDER_POLL_MS="$BENCH_POLL_MS"
  wait_until "replica $1" 60 curl -sf "http://127.0.0.1:$((28390 + $1))/readyz" || die "replica $1 did not start: $OUT/reminders-$1.log"
}

for replicas in 1 2; do
  log "$replicas replica(s)"
  if [ "$replicas" = 1 ]; then replica 1; else replica 2; fi
  node bench/reminders.mjs "$(db crm_bench_calendar_owner)" "$replicas" "$BENCH_REMINDERS" "$BENCH_SPREAD_SECONDS" "$BENCH_BURST"
done
