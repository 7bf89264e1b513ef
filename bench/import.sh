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
start_service leads-contacts import-leads-contacts.log NODE_OPTIONS="$LEADS_NODE_OPTIONS" DB_URL="$(db crm_bench_app)" DB_POOL_SIZE=10 \
  GRPC_HOST=127.0.0.1 GRPC_PORT=50551 HTTP_PORT=28581 "${BENCH_S3_ENV[@]}"
leads_pid=$!
start_gateway 28580 import-gateway.log LEADS_CONTACTS_GRPC_URL=127.0.0.1:50551 GRPC_TIMEOUT_MS=60000
wait_until gateway 60 curl -sf http://127.0.0.1:28580/readyz || die "gateway did not start: $OUT/import-gateway.log"
wait_until leads-contacts 60 curl -sf http://127.0.0.1:28581/readyz || die "leads-contacts did not start: $OUT/import-leads-contacts.log"

LEADS_PID="$leads_pid" BENCH_OUT="$OUT" node bench/import.mjs http://127.0.0.1:28580 "$(db crm_bench_owner)" "$(db crm_bench_app)" "$KEYCLOAK_URL"
