#!/usr/bin/env bash
# Deals at scale: seeds 1,000,000 deals across 5 pipelines in one tenant of the crm_bench_deals
# database (once; later runs reuse them), then measures through the gateway, next to the same query
# run directly in PostgreSQL in the same run:
#   - the per-stage summary of a pipeline (p50/p99);
#   - the dashboard's deal summary, whose 30-day outcome counts are also run alone as SQL;
#   - PUT /v2/deals/{id} stage moves per second.
# Needs: the local stack (deploy/local/stack.sh up) and a build (source scripts/bootstrap.sh).
# Starts, and stops at the end: deals-pipelines, leads-contacts (the gateway is ready only with it;
# on crm_bench) and the gateway on ports 28280-28282, 50451 and 50452.
#   BENCH_DEALS (1000000)  BENCH_SAMPLES (50)  BENCH_CONNECTIONS (16)  BENCH_SECONDS (15)
set -euo pipefail
PW_COMPONENT=bench-deals
source "$(dirname "$0")/lib.sh"

db() { bench_db crm_bench_deals "$1"; }
leads_db() { bench_db crm_bench "$1"; }

log "migrating crm_bench_deals and crm_bench"
migrate_bench_db deals-pipelines crm_bench_deals
migrate_bench_db leads-contacts crm_bench

log "starting deals-pipelines, leads-contacts and the gateway"
start_service leads-contacts deals-leads-contacts.log DB_URL="$(leads_db crm_bench_app)" GRPC_HOST=127.0.0.1 GRPC_PORT=50452 HTTP_PORT=28282 \
  OUTBOX_RELAY_ENABLED=false JOB_RUNNER_ENABLED=false
start_service deals-pipelines deals-pipelines.log DB_URL="$(db crm_bench_deals_app)" DB_POOL_SIZE=10 GRPC_HOST=127.0.0.1 GRPC_PORT=50451 HTTP_PORT=28281 \
  CONVERSION_CONSUMER_ENABLED=false LEADS_CONTACTS_GRPC_URL=127.0.0.1:50452
start_gateway 28280 deals-gateway.log DEALS_PIPELINES_GRPC_URL=127.0.0.1:50451 LEADS_CONTACTS_GRPC_URL=127.0.0.1:50452 GRPC_TIMEOUT_MS=60000
wait_until gateway 60 curl -sf http://127.0.0.1:28280/readyz || die "gateway did not start: $OUT/deals-gateway.log"
wait_until deals-pipelines 60 curl -sf http://127.0.0.1:28281/readyz || die "deals-pipelines did not start: $OUT/deals-pipelines.log"

BENCH_OUT="$OUT" node bench/deals.mjs http://127.0.0.1:28280 "$(db crm_bench_deals_owner)" "$(db crm_bench_deals_app)" "$KEYCLOAK_URL"
