#!/usr/bin/env bash
# CSV import throughput: imports generated lead files (10,000 and 100,000 rows by default) through
# /v2/imports into the acme tenant of the crm_bench database, next to COPY of the same file in the
# same run, and reports rows per second to `succeeded` and to the last event on Kafka, the peak
# resident memory of leads-contacts, and how the time grows with the file.
# Needs: the local stack (deploy/local/stack.sh up) and a build (source scripts/bootstrap.sh).
# Starts, and stops at the end: leads-contacts (outbox relay on) and the gateway on ports 28580,
# 28581 and 50551.
#   BENCH_IMPORT_SIZES ("10000 100000")  LEADS_NODE_OPTIONS (the chart's heap settings)
set -euo pipefail
PW_COMPONENT=bench-import
source "$(dirname "$0")/lib.sh"

db() { bench_db crm_bench "$1"; }

log "migrating crm_bench"
migrate_bench_db leads-contacts crm_bench

LEADS_NODE_OPTIONS="${LEADS_NODE_OPTIONS:-$SERVICE_NODE_OPTIONS}"
log "starting leads-contacts and the gateway"
env NODE_OPTIONS="$LEADS_NODE_OPTIONS" DB_URL="$(db crm_bench_app)" DB_POOL_SIZE=10 GRPC_HOST=127.0.0.1 GRPC_PORT=50551 HTTP_PORT=28581 KAFKA_BROKERS="$KAFKA_BROKERS" LOG_LEVEL=warn METRICS_PORT=0 \
  STORAGE_DRIVER=s3 S3_ENDPOINT="$S3_ENDPOINT" S3_BUCKET="$S3_BUCKET" S3_KEY_PREFIX=bench/ S3_ACCESS_KEY_ID=bench S3_SECRET_ACCESS_KEY=bench-secret \
  node dist/services/leads-contacts/src/main.js > "$OUT/import-leads-contacts.log" 2>&1 & pids+=($!)
leads_pid=$!
env NODE_OPTIONS="$SERVICE_NODE_OPTIONS" HTTP_HOST=127.0.0.1 HTTP_PORT=28580 KEYCLOAK_URL="$KEYCLOAK_URL" KEYCLOAK_GATEWAY_CLIENT_SECRET=crm-gateway-dev-secret \
  LEADS_CONTACTS_GRPC_URL=127.0.0.1:50551 RATE_LIMIT_PER_SECOND=1000000 RATE_LIMIT_BURST=1000000 LOG_LEVEL=warn METRICS_PORT=0 GRPC_TIMEOUT_MS=60000 \
  node dist/services/gateway/src/main.js > "$OUT/import-gateway.log" 2>&1 & pids+=($!)
wait_until gateway 60 curl -sf http://127.0.0.1:28580/readyz || die "gateway did not start: $OUT/import-gateway.log"
wait_until leads-contacts 60 curl -sf http://127.0.0.1:28581/readyz || die "leads-contacts did not start: $OUT/import-leads-contacts.log"

LEADS_PID="$leads_pid" BENCH_OUT="$OUT" node bench/import.mjs http://127.0.0.1:28580 "$(db crm_bench_owner)" "$(db crm_bench_app)" "$KEYCLOAK_URL"
