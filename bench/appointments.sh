#!/usr/bin/env bash
# Appointments at scale, measured next to their baselines in the same run:
#  - a week of one user's calendar through the gateway (10,000 appointments, 100 of them weekly
#    series expanded in the range), next to the same SQL in PostgreSQL (runtime role, row-level
#    security on);
#  - the initial sync of a 5,000-event CalDAV calendar on the local Radicale (connect to done), next
#    to a plain REPORT fetch of the same calendar with the same client (tsdav).
# Needs: the local stack (deploy/local/stack.sh up) and a build (source scripts/bootstrap.sh).
# Starts, and stops at the end: calendar-tasks, leads-contacts and the gateway on ports 28380-28382,
# 50551 and 50552.
#   BENCH_APPOINTMENTS (10000)  BENCH_SERIES (100)  BENCH_CALDAV_EVENTS (5000)  BENCH_SAMPLES (50)
set -euo pipefail
PW_COMPONENT=bench-appointments
source "$(dirname "$0")/lib.sh"

db() { bench_db crm_bench_calendar "$1"; }

log "migrating crm_bench_calendar and crm_bench"
migrate_bench_db calendar-tasks crm_bench_calendar
migrate_bench_db leads-contacts crm_bench

log "starting calendar-tasks, leads-contacts and the gateway"
start_service leads-contacts appointments-leads-contacts.log DB_URL="$(bench_db crm_bench crm_bench_app)" GRPC_HOST=127.0.0.1 GRPC_PORT=50552 HTTP_PORT=28382 \
  OUTBOX_RELAY_ENABLED=false JOB_RUNNER_ENABLED=false
start_service calendar-tasks appointments-calendar-tasks.log DB_URL="$(db crm_bench_calendar_app)" GRPC_HOST=127.0.0.1 GRPC_PORT=50551 HTTP_PORT=28381 \
  RECORD_EVENTS_CONSUMER_ENABLED=false REMINDER_SCHEDULER_ENABLED=false INVITATION_SENDER_ENABLED=false LEADS_CONTACTS_GRPC_URL=127.0.0.1:50552 \
  DIRECTORY_GRPC_URL=127.0.0.1:50389 CALDAV_ALLOW_PRIVATE_ADDRESSES=true CALDAV_SYNC_POLL_MS=100 OUTBOX_RELAY_ENABLED=false
start_gateway 28380 appointments-gateway.log CALENDAR_TASKS_GRPC_URL=127.0.0.1:50551 LEADS_CONTACTS_GRPC_URL=127.0.0.1:50552
wait_until gateway 60 curl -sf http://127.0.0.1:28380/readyz || die "gateway did not start: $OUT/appointments-gateway.log"
wait_until calendar-tasks 60 curl -sf http://127.0.0.1:28381/readyz || die "calendar-tasks did not start: $OUT/appointments-calendar-tasks.log"

node bench/appointments.mjs http://127.0.0.1:28380 "$(db crm_bench_calendar_owner)" "$(db crm_bench_calendar_app)" "$KEYCLOAK_URL" "$CALDAV_URL" "$CALDAV_PASSWORD"
