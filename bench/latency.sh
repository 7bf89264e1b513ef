#!/usr/bin/env bash
# Commit-to-consumer latency: creates leads one at a time through the gateway and times each until
# a Kafka consumer receives its lead.created event, next to Kafka's own end-to-end latency tool
# (org.apache.kafka.tools.EndToEndLatency, acks=all) on the same broker in the same run.
# Needs: the local stack (deploy/local/stack.sh up) and a build (source scripts/bootstrap.sh).
# Starts, and stops at the end: leads-contacts (outbox relay on) and the gateway on ports 28680,
# 28681 and 50651, against the crm_bench database.
#   BENCH_EVENTS (500)  number of leads, and of records sent by Kafka's tool
set -euo pipefail
PW_COMPONENT=bench-latency
source "$(dirname "$0")/lib.sh"
: "${BENCH_EVENTS:=500}"

db() { bench_db crm_bench "$1"; }

log "migrating crm_bench"
migrate_bench_db leads-contacts crm_bench

log "Kafka's end-to-end latency tool: $BENCH_EVENTS records of 512 bytes, acks=all"
JAVA_TIMEOUT=300 bash deploy/local/components/kafka.sh tool org.apache.kafka.tools.EndToEndLatency \
  --bootstrap-server "$KAFKA_BROKERS" --topic bench.e2e-latency --num-records "$BENCH_EVENTS" --producer-acks all --record-size 512 \
  > "$OUT/kafka-e2e-latency.txt" 2> "$OUT/kafka-e2e-latency.log" || die "Kafka's latency tool failed: $OUT/kafka-e2e-latency.log"

log "starting leads-contacts and the gateway"
start_service leads-contacts latency-leads-contacts.log DB_URL="$(db crm_bench_app)" DB_POOL_SIZE=10 GRPC_HOST=127.0.0.1 GRPC_PORT=50651 HTTP_PORT=28681 JOB_RUNNER_ENABLED=false
start_gateway 28680 latency-gateway.log LEADS_CONTACTS_GRPC_URL=127.0.0.1:50651
wait_until gateway 60 curl -sf http://127.0.0.1:28680/readyz || die "gateway did not start: $OUT/latency-gateway.log"
wait_until leads-contacts 60 curl -sf http://127.0.0.1:28681/readyz || die "leads-contacts did not start: $OUT/latency-leads-contacts.log"

node bench/latency.mjs http://127.0.0.1:28680 "$KAFKA_BROKERS" "$KEYCLOAK_URL" "$OUT/kafka-e2e-latency.txt"
