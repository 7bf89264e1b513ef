#!/usr/bin/env bash
# Leads at scale: seeds 1,000,000 leads with 10 custom fields in one tenant of the crm_bench
# database (once; later runs reuse them), then measures through the gateway, next to the same
# query run directly in PostgreSQL in the same run:
#   - list latency (p50/p99) filtered by a default field, by a custom field, sorted by a custom field;
#   - search-as-you-type latency.
# Import throughput has its own bench: import.sh.
# Needs: the local stack (deploy/local/stack.sh up) and a build (source scripts/bootstrap.sh).
# Starts, and stops at the end: leads-contacts and the gateway on ports 28180, 28181 and 50351.
#   BENCH_LEADS (1000000)  BENCH_SAMPLES (50)
set -euo pipefail
PW_COMPONENT=bench-scale
source "$(dirname "$0")/lib.sh"

db() { bench_db crm_bench "$1"; }

log "migrating crm_bench"
migrate_bench_db leads-contacts crm_bench

log "starting leads-contacts and the gateway"
start_service leads-contacts scale-leads-contacts.log DB_URL="$(db crm_bench_app)" DB_POOL_SIZE=10 GRPC_HOST=127.0.0.1 GRPC_PORT=50351 HTTP_PORT=28181
start_gateway 28180 scale-gateway.log LEADS_CONTACTS_GRPC_URL=127.0.0.1:50351 GRPC_TIMEOUT_MS=60000
wait_until gateway 60 curl -sf http://127.0.0.1:28180/readyz || die "gateway did not start: $OUT/scale-gateway.log"
wait_until leads-contacts 60 curl -sf http://127.0.0.1:28181/readyz || die "leads-contacts did not start: $OUT/scale-leads-contacts.log"

node bench/scale.mjs http://127.0.0.1:28180 "$(db crm_bench_owner)" "$(db crm_bench_app)" "$KEYCLOAK_URL"
