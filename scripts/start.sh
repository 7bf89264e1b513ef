#!/usr/bin/env bash
# Installs everything, starts the native local stack and runs the CRM (every service), seeds demo
# data for the demo tenant and prints the gateway URL and demo credentials. Ctrl-C stops the services;
# `deploy/local/stack.sh down` stops the stack.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh
PW_COMPONENT=crm

: "${GATEWAY_PORT:=8080}"
: "${LEADS_CONTACTS_GRPC_PORT:=50051}"
: "${LEADS_CONTACTS_HTTP_PORT:=8081}"
: "${DEALS_PIPELINES_GRPC_PORT:=50052}"
: "${DEALS_PIPELINES_HTTP_PORT:=8082}"
: "${DIRECTORY_GRPC_PORT:=50053}"
: "${DIRECTORY_HTTP_PORT:=8083}"
: "${SYNC_GRPC_PORT:=50054}"
: "${SYNC_HTTP_PORT:=8084}"
: "${CALENDAR_TASKS_GRPC_PORT:=50055}"
: "${CALENDAR_TASKS_HTTP_PORT:=8085}"
: "${NOTIFICATIONS_GRPC_PORT:=50056}"
: "${NOTIFICATIONS_HTTP_PORT:=8086}"

bash deploy/local/stack.sh up
eval "$(bash deploy/local/stack.sh env)"
node dist/libs/kafka/src/ensure-topics.cli.js

db_url() { echo "postgres://$1:$1@127.0.0.1:$PG_PORT/${2:-crm_leads_contacts}"; }
export KAFKA_BROKERS
LC_ENV=(DB_URL="$(db_url crm_leads_contacts_app)" GRPC_HOST=127.0.0.1 GRPC_PORT="$LEADS_CONTACTS_GRPC_PORT" HTTP_PORT="$LEADS_CONTACTS_HTTP_PORT"
  DIRECTORY_GRPC_URL="127.0.0.1:$DIRECTORY_GRPC_PORT"
  STORAGE_DRIVER=s3 S3_ENDPOINT="$S3_ENDPOINT" S3_BUCKET="$S3_BUCKET" S3_ACCESS_KEY_ID=local S3_SECRET_ACCESS_KEY=local-secret)
env "${LC_ENV[@]}" DB_MIGRATION_URL="$(db_url crm_leads_contacts_owner)" DB_RUNTIME_ROLE=crm_leads_contacts_app \
  node dist/services/leads-contacts/src/main.js migrate
DP_ENV=(DB_URL="$(db_url crm_deals_pipelines_app crm_deals_pipelines)" GRPC_HOST=127.0.0.1 GRPC_PORT="$DEALS_PIPELINES_GRPC_PORT" HTTP_PORT="$DEALS_PIPELINES_HTTP_PORT"
  LEADS_CONTACTS_GRPC_URL="127.0.0.1:$LEADS_CONTACTS_GRPC_PORT" DIRECTORY_GRPC_URL="127.0.0.1:$DIRECTORY_GRPC_PORT")
env "${DP_ENV[@]}" DB_MIGRATION_URL="$(db_url crm_deals_pipelines_owner crm_deals_pipelines)" DB_RUNTIME_ROLE=crm_deals_pipelines_app \
  node dist/services/deals-pipelines/src/main.js migrate
DIR_ENV=(DB_URL="$(db_url crm_directory_app crm_directory)" GRPC_HOST=127.0.0.1 GRPC_PORT="$DIRECTORY_GRPC_PORT" HTTP_PORT="$DIRECTORY_HTTP_PORT"
  STORAGE_DRIVER=s3 S3_ENDPOINT="$S3_ENDPOINT" S3_BUCKET="$S3_BUCKET" S3_ACCESS_KEY_ID=local S3_SECRET_ACCESS_KEY=local-secret
  KEYCLOAK_URL="$KEYCLOAK_URL" KEYCLOAK_REALM="$KEYCLOAK_REALM" KEYCLOAK_DIRECTORY_CLIENT_SECRET=crm-directory-dev-secret)
env "${DIR_ENV[@]}" DB_MIGRATION_URL="$(db_url crm_directory_owner crm_directory)" DB_RUNTIME_ROLE=crm_directory_app \
  node dist/services/directory/src/main.js migrate
SYNC_ENV=(DB_URL="$(db_url crm_sync_app crm_sync)" GRPC_HOST=127.0.0.1 GRPC_PORT="$SYNC_GRPC_PORT" HTTP_PORT="$SYNC_HTTP_PORT")
env "${SYNC_ENV[@]}" DB_MIGRATION_URL="$(db_url crm_sync_owner crm_sync)" DB_RUNTIME_ROLE=crm_sync_app \
  node dist/services/sync/src/main.js migrate
CT_ENV=(DB_URL="$(db_url crm_calendar_tasks_app crm_calendar_tasks)" GRPC_HOST=127.0.0.1 GRPC_PORT="$CALENDAR_TASKS_GRPC_PORT" HTTP_PORT="$CALENDAR_TASKS_HTTP_PORT"
  LEADS_CONTACTS_GRPC_URL="127.0.0.1:$LEADS_CONTACTS_GRPC_PORT" DEALS_PIPELINES_GRPC_URL="127.0.0.1:$DEALS_PIPELINES_GRPC_PORT" DIRECTORY_GRPC_URL="127.0.0.1:$DIRECTORY_GRPC_PORT"
  SMTP_URL="smtp://$MAIL_SMTP_HOST:$MAIL_SMTP_PORT" PUBLIC_BASE_URL="http://127.0.0.1:$GATEWAY_PORT" RSVP_SIGNING_KEY=local-rsvp-key-not-a-secret-0123456789abcdef
  ITIP_IMAP_URL="imap://calendar%40pipewright.local:$MAIL_PASSWORD@127.0.0.1:$MAIL_IMAP_PORT"
  CALDAV_CREDENTIALS_KEY=bG9jYWwtY2FsZGF2LWtleS1ub3QtYS1zZWNyZXQtMDE= CALDAV_ALLOW_PRIVATE_ADDRESSES=true)
env "${CT_ENV[@]}" DB_MIGRATION_URL="$(db_url crm_calendar_tasks_owner crm_calendar_tasks)" DB_RUNTIME_ROLE=crm_calendar_tasks_app \
  node dist/services/calendar-tasks/src/main.js migrate
NT_ENV=(MONGO_URL="$MONGO_URL" GRPC_HOST=127.0.0.1 GRPC_PORT="$NOTIFICATIONS_GRPC_PORT" HTTP_PORT="$NOTIFICATIONS_HTTP_PORT"
  SMTP_URL="smtp://$MAIL_SMTP_HOST:$MAIL_SMTP_PORT" PUBLIC_BASE_URL="http://127.0.0.1:$GATEWAY_PORT" UNSUBSCRIBE_SIGNING_KEY=local-unsubscribe-key-not-a-secret-0123456789)
env "${NT_ENV[@]}" node dist/services/notifications/src/main.js migrate

# Each service runs under a supervisor that restarts it with back-off when it exits, as Kubernetes would.
pids=()
stop_services() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait; }
trap stop_services EXIT INT TERM
supervised() { local name="$1"; shift; bash deploy/local/supervise.sh "$name" "$(log_file "$name")" "$@" & pids+=($!); }

supervised leads-contacts env "${LC_ENV[@]}" node --enable-source-maps dist/services/leads-contacts/src/main.js
supervised deals-pipelines env "${DP_ENV[@]}" node --enable-source-maps dist/services/deals-pipelines/src/main.js
supervised directory env "${DIR_ENV[@]}" node --enable-source-maps dist/services/directory/src/main.js
supervised sync env "${SYNC_ENV[@]}" node --enable-source-maps dist/services/sync/src/main.js
supervised calendar-tasks env "${CT_ENV[@]}" node --enable-source-maps dist/services/calendar-tasks/src/main.js
supervised notifications env "${NT_ENV[@]}" node --enable-source-maps dist/services/notifications/src/main.js
supervised gateway env HTTP_PORT="$GATEWAY_PORT" KEYCLOAK_URL="$KEYCLOAK_URL" KEYCLOAK_REALM="$KEYCLOAK_REALM" \
  LEADS_CONTACTS_GRPC_URL="127.0.0.1:$LEADS_CONTACTS_GRPC_PORT" \
  DEALS_PIPELINES_GRPC_URL="127.0.0.1:$DEALS_PIPELINES_GRPC_PORT" DIRECTORY_GRPC_URL="127.0.0.1:$DIRECTORY_GRPC_PORT" \
  SYNC_GRPC_URL="127.0.0.1:$SYNC_GRPC_PORT" CALENDAR_TASKS_GRPC_URL="127.0.0.1:$CALENDAR_TASKS_GRPC_PORT" \
  NOTIFICATIONS_GRPC_URL="127.0.0.1:$NOTIFICATIONS_GRPC_PORT" RATE_LIMIT_PER_SECOND=50 RATE_LIMIT_BURST=100 \
  node --enable-source-maps dist/services/gateway/src/main.js

wait_until "leads-contacts" 60 curl -sf "http://127.0.0.1:$LEADS_CONTACTS_HTTP_PORT/readyz" || die "leads-contacts did not start; see $(log_file leads-contacts)"
wait_until "deals-pipelines" 60 curl -sf "http://127.0.0.1:$DEALS_PIPELINES_HTTP_PORT/readyz" || die "deals-pipelines did not start; see $(log_file deals-pipelines)"
wait_until "directory" 60 curl -sf "http://127.0.0.1:$DIRECTORY_HTTP_PORT/readyz" || die "directory did not start; see $(log_file directory)"
wait_until "sync" 60 curl -sf "http://127.0.0.1:$SYNC_HTTP_PORT/readyz" || die "sync did not start; see $(log_file sync)"
wait_until "calendar-tasks" 60 curl -sf "http://127.0.0.1:$CALENDAR_TASKS_HTTP_PORT/readyz" || die "calendar-tasks did not start; see $(log_file calendar-tasks)"
wait_until "notifications" 60 curl -sf "http://127.0.0.1:$NOTIFICATIONS_HTTP_PORT/readyz" || die "notifications did not start; see $(log_file notifications)"
wait_until "gateway" 60 curl -sf "http://127.0.0.1:$GATEWAY_PORT/readyz" || die "gateway did not start; see $(log_file gateway)"

GATEWAY_URL="http://127.0.0.1:$GATEWAY_PORT" KEYCLOAK_URL="$KEYCLOAK_URL" node tools/seed-demo.mjs

cat <<INFO

Pipewright CRM is running.
  API (Sell v2 compatible):  http://127.0.0.1:$GATEWAY_PORT/v2/leads
  OpenAPI document:          http://127.0.0.1:$GATEWAY_PORT/openapi.json
  Keycloak (admin / admin):  $KEYCLOAK_URL/admin/
  Logs:                      $PW_STATE/logs

Demo users (password: pipewright), tenant "acme": acme-admin, acme-manager, acme-user1, acme-user2 (report to
acme-manager), acme-user3; tenant "globex": globex-admin, globex-manager, globex-user1..3.

Get a token and call the API:
  TOKEN=\$(curl -s -d grant_type=password -d client_id=crm-cli -d username=acme-user1 -d password=pipewright \\
    $KEYCLOAK_URL/realms/crm/protocol/openid-connect/token | node -pe 'JSON.parse(require("fs").readFileSync(0)).access_token')
  curl -H "Authorization: Bearer \$TOKEN" http://127.0.0.1:$GATEWAY_PORT/v2/leads

Press Ctrl-C to stop the services (the local stack keeps running; deploy/local/stack.sh down stops it).
INFO
wait
