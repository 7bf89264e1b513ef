#!/usr/bin/env bash
# The dashboard and the activity feed, measured next to their baselines in the same run:
#  - GET /v2/dashboard (p50/p99) next to each of its parts called alone through the gateway with the
#    same filters (deal summary, activities, overdue tasks, upcoming tasks, upcoming appointments);
#    goal: the dashboard's p99 within 2x of the slowest part's;
#  - feed pages of GET /v2/activities over BENCH_ACTIVITIES activities (admin, manager, user, one
#    record), next to the same find() run directly on the database.
# Reuses the bench databases of deals.sh and tasks.sh as they are (1,000,000 deals and tasks when
# those ran first) and adds a few records of acme-user1 through the API; activities are inserted
# directly into a MongoDB database of its own (once per BENCH_ACTIVITIES; later runs reuse them).
# Needs: the local stack (deploy/local/stack.sh up) and a build (source scripts/bootstrap.sh).
# Starts, and stops at the end: leads-contacts, deals-pipelines, calendar-tasks, notifications, the
# directory and the gateway on ports 28480-28489 and 50651-50654, 50489.
#   BENCH_ACTIVITIES (1000000)  BENCH_SAMPLES (100)
set -euo pipefail
PW_COMPONENT=bench-dashboard
source "$(dirname "$0")/lib.sh"
: "${BENCH_ACTIVITIES:=1000000}"
NT_DB="crm_bench_activities_$BENCH_ACTIVITIES"

log "migrating crm_bench, crm_bench_deals, crm_bench_calendar and $NT_DB"
migrate_bench_db leads-contacts crm_bench
migrate_bench_db deals-pipelines crm_bench_deals
migrate_bench_db calendar-tasks crm_bench_calendar
NT_ENV=(MONGO_URL="$MONGO_URL" MONGO_DB_NAME="$NT_DB" GRPC_HOST=127.0.0.1 GRPC_PORT=50654 HTTP_PORT=28484
  DOMAIN_EVENTS_CONSUMER_GROUP="crm.notifications.bench-dashboard.$(date +%s)" DOMAIN_EVENTS_START=latest DELIVERY_ENABLED=false
  UNSUBSCRIBE_SIGNING_KEY=bench-unsubscribe-key-not-a-secret-0123456789)
env "${NT_ENV[@]}" node dist/services/notifications/src/main.js migrate > "$OUT/dashboard-notifications-migrate.log" 2>&1 \
  || die "migrate failed: $OUT/dashboard-notifications-migrate.log"

log "starting the services and the gateway"
start_service leads-contacts dashboard-leads-contacts.log DB_URL="$(bench_db crm_bench crm_bench_app)" GRPC_HOST=127.0.0.1 GRPC_PORT=50652 HTTP_PORT=28482 \
  OUTBOX_RELAY_ENABLED=false JOB_RUNNER_ENABLED=false
start_service deals-pipelines dashboard-deals-pipelines.log DB_URL="$(bench_db crm_bench_deals crm_bench_deals_app)" GRPC_HOST=127.0.0.1 GRPC_PORT=50651 HTTP_PORT=28481 \
  CONVERSION_CONSUMER_ENABLED=false LEADS_CONTACTS_GRPC_URL=127.0.0.1:50652 OUTBOX_RELAY_ENABLED=false
start_service calendar-tasks dashboard-calendar-tasks.log DB_URL="$(bench_db crm_bench_calendar crm_bench_calendar_app)" GRPC_HOST=127.0.0.1 GRPC_PORT=50653 HTTP_PORT=28483 \
  RECORD_EVENTS_CONSUMER_ENABLED=false REMINDER_SCHEDULER_ENABLED=false INVITATION_SENDER_ENABLED=false LEADS_CONTACTS_GRPC_URL=127.0.0.1:50652 \
  DIRECTORY_GRPC_URL=127.0.0.1:50489 OUTBOX_RELAY_ENABLED=false
start_service notifications dashboard-notifications.log "${NT_ENV[@]}"
start_gateway 28480 dashboard-gateway.log LEADS_CONTACTS_GRPC_URL=127.0.0.1:50652 DEALS_PIPELINES_GRPC_URL=127.0.0.1:50651 \
  CALENDAR_TASKS_GRPC_URL=127.0.0.1:50653 NOTIFICATIONS_GRPC_URL=127.0.0.1:50654 LIVE_NOTIFICATIONS_ENABLED=false GRPC_TIMEOUT_MS=60000
for port in 28480 28481 28482 28483 28484; do
  wait_until "port $port" 90 curl -sf "http://127.0.0.1:$port/readyz" || die "a service did not start; see $OUT/dashboard-*.log"
done

node bench/dashboard.mjs http://127.0.0.1:28480 "$KEYCLOAK_URL" "$MONGO_URL" "$NT_DB"
