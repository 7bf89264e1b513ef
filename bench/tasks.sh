#!/usr/bin/env bash
# Tasks at scale: seeds 1,000,000 tasks of 5 owners in one tenant of the crm_bench_calendar database
# (once; later runs reuse them), then measures task lists by owner and due range through the gateway
# as acme-manager, next to the same query run directly in PostgreSQL (runtime role, row-level
# security on) in the same run.
# Needs: the local stack (deploy/local/stack.sh up) and a build (source scripts/bootstrap.sh).
# Starts, and stops at the end: calendar-tasks, leads-contacts (the gateway is ready only with it; on
# crm_bench) and the gateway on ports 28380-28382, 50551 and 50552.
#   BENCH_TASKS (1000000)  BENCH_SAMPLES (50)
set -euo pipefail
PW_COMPONENT=bench-tasks
source "$(dirname "$0")/lib.sh"

db() { bench_db crm_bench_calendar "$1"; }

log "migrating crm_bench_calendar and crm_bench"
migrate_bench_db calendar-tasks crm_bench_calendar
migrate_bench_db leads-contacts crm_bench

log "starting calendar-tasks, leads-contacts and the gateway"
start_service leads-contacts tasks-leads-contacts.log DB_URL="$(bench_db crm_bench crm_bench_app)" GRPC_HOST=127.0.0.1 GRPC_PORT=50552 HTTP_PORT=28382 \
  OUTBOX_RELAY_ENABLED=false JOB_RUNNER_ENABLED=false
start_service calendar-tasks calendar-tasks.log DB_URL="$(db crm_bench_calendar_app)" GRPC_HOST=127.0.0.1 GRPC_PORT=50551 HTTP_PORT=28381 \
  RECORD_EVENTS_CONSUMER_ENABLED=false REMINDER_SCHEDULER_ENABLED=false LEADS_CONTACTS_GRPC_URL=127.0.0.1:50552
start_gateway 28380 tasks-gateway.log CALENDAR_TASKS_GRPC_URL=127.0.0.1:50551 LEADS_CONTACTS_GRPC_URL=127.0.0.1:50552
wait_until gateway 60 curl -sf http://127.0.0.1:28380/readyz || die "gateway did not start: $OUT/tasks-gateway.log"
wait_until calendar-tasks 60 curl -sf http://127.0.0.1:28381/readyz || die "calendar-tasks did not start: $OUT/calendar-tasks.log"

node bench/tasks.mjs http://127.0.0.1:28380 "$(db crm_bench_calendar_owner)" "$(db crm_bench_calendar_app)" "$KEYCLOAK_URL"
