#!/usr/bin/env bash
# Event-to-inbox latency of notifications at a steady event rate, next to Kafka's own
# produce-to-consume latency of the same records on the same broker in the same run; then the
# fan-out of a team subscription to 1,000 members (notifications stored per second).
# Needs: the local stack (deploy/local/stack.sh up) and a build (source scripts/bootstrap.sh).
# Starts, and stops at the end: notifications on ports 28690 and 50690, against a MongoDB database
# of its own on the local FerretDB, with sends off (the inbox is what is measured).
#   BENCH_RATE (50)      task-assignment events per second
#   BENCH_SECONDS (20)   how long they are sent
#   BENCH_FANOUT_USERS (1000), BENCH_FANOUT_EVENTS (10)   the fan-out of a team subscription
set -euo pipefail
PW_COMPONENT=bench-notifications
source "$(dirname "$0")/lib.sh"
: "${BENCH_RATE:=50}"
: "${BENCH_SECONDS:=20}"

RUN="$(date +%s)"
DB_NAME="crm_bench_notifications_$RUN"
GROUP="crm.notifications.bench.$RUN"
NT_ENV=(MONGO_URL="$MONGO_URL" MONGO_DB_NAME="$DB_NAME" GRPC_HOST=127.0.0.1 GRPC_PORT=50690 HTTP_PORT=28690
  DOMAIN_EVENTS_CONSUMER_GROUP="$GROUP" DOMAIN_EVENTS_START=latest DELIVERY_ENABLED=false
  UNSUBSCRIBE_SIGNING_KEY=bench-unsubscribe-key-not-a-secret-0123456789)

log "creating the collections of $DB_NAME"
env "${NT_ENV[@]}" node dist/services/notifications/src/main.js migrate > "$OUT/notifications-migrate.log" 2>&1 \
  || die "migrate failed: $OUT/notifications-migrate.log"
start_service notifications notifications.log "${NT_ENV[@]}"
wait_until notifications 60 curl -sf http://127.0.0.1:28690/readyz || die "notifications did not start: $OUT/notifications.log"

node bench/notifications.mjs "$KAFKA_BROKERS" "$MONGO_URL" "$DB_NAME" "$GROUP"
