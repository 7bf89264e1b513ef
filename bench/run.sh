#!/usr/bin/env bash
# Measures the leads API through the gateway next to two baselines taken in the same run on the same
# machine: pgbench running the same SQL, and a bare Fastify + pg endpoint running the same SQL.
#
# Needs: the local stack (deploy/local/stack.sh up) and a build (source scripts/bootstrap.sh).
# Starts, and stops at the end: leads-contacts, the gateway and the baseline server, on ports
# 28080-28082 and 50251, against the crm_bench database (its leads table is emptied first).
#   BENCH_CONNECTIONS (16)  concurrent connections / pgbench clients
#   BENCH_SECONDS (15)      duration of each measurement
set -euo pipefail
PW_COMPONENT=bench
source "$(dirname "$0")/lib.sh"
: "${BENCH_CONNECTIONS:=16}"
: "${BENCH_SECONDS:=15}"
PGBENCH="$(ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | sort -V | tail -1)"
[ -x "$PGBENCH" ] || die "pgbench not found (Debian package postgresql)"

db() { bench_db crm_bench "$1"; }

log "migrating crm_bench and emptying its leads"
migrate_bench_db leads-contacts crm_bench
psql -q "$(db crm_bench_owner)" -c "truncate leads, outbox, search_terms restart identity cascade" >/dev/null

log "starting leads-contacts, gateway and the baseline server"
env DB_URL="$(db crm_bench_app)" DB_POOL_SIZE=10 GRPC_HOST=127.0.0.1 GRPC_PORT=50251 HTTP_PORT=28081 KAFKA_BROKERS="$KAFKA_BROKERS" LOG_LEVEL=warn METRICS_PORT=0 \
  node dist/services/leads-contacts/src/main.js > "$OUT/leads-contacts.log" 2>&1 & pids+=($!)
env HTTP_HOST=127.0.0.1 HTTP_PORT=28080 KEYCLOAK_URL="$KEYCLOAK_URL" KEYCLOAK_GATEWAY_CLIENT_SECRET=crm-gateway-dev-secret \
  LEADS_CONTACTS_GRPC_URL=127.0.0.1:50251 RATE_LIMIT_PER_SECOND=1000000 RATE_LIMIT_BURST=1000000 LOG_LEVEL=warn METRICS_PORT=0 \
  node dist/services/gateway/src/main.js > "$OUT/gateway.log" 2>&1 & pids+=($!)
node bench/baseline-server.mjs "$(db crm_bench_app)" 28082 > "$OUT/baseline.log" 2>&1 & pids+=($!)
wait_until gateway 60 curl -sf http://127.0.0.1:28080/readyz || die "gateway did not start: $OUT/gateway.log"
wait_until baseline 30 curl -sf http://127.0.0.1:28082/leads || die "baseline did not start: $OUT/baseline.log"

TOKEN="$(curl -sf -d grant_type=password -d client_id=crm-cli -d username=acme-user1 -d password=pipewright \
  "$KEYCLOAK_URL/realms/crm/protocol/openid-connect/token" | node -pe 'JSON.parse(require("fs").readFileSync(0)).access_token')"

load() { node bench/load.mjs "$1" "$2" "$BENCH_CONNECTIONS" "$BENCH_SECONDS" "${3:-}"; }
pgb() { "$PGBENCH" -n -M prepared -c "$BENCH_CONNECTIONS" -j 2 -T "$BENCH_SECONDS" -f "bench/pgbench/$1" "$(db crm_bench_app)" 2>/dev/null; }

log "measuring writes (${BENCH_SECONDS}s each, ${BENCH_CONNECTIONS} connections)"
gw_post="$(load http://127.0.0.1:28080/v2/leads POST "$TOKEN")"
base_post="$(load http://127.0.0.1:28082/leads POST)"
pg_post="$(pgb insert-lead.sql)"
log "measuring reads"
gw_get="$(load 'http://127.0.0.1:28080/v2/leads?page=1&per_page=25' GET "$TOKEN")"
base_get="$(load http://127.0.0.1:28082/leads GET)"
pg_get="$(pgb list-leads.sql)"

node - "$gw_post" "$base_post" "$pg_post" "$gw_get" "$base_get" "$pg_get" <<'JS'
const [gwPost, basePost, pgPost, gwGet, baseGet, pgGet] = process.argv.slice(2);
const j = JSON.parse;
const pg = (t) => ({ tps: Number(/tps = ([\d.]+)/.exec(t)[1]), lat: Number(/latency average = ([\d.]+) ms/.exec(t)[1]) });
const rows = [
  ['POST /v2/leads (gateway)', j(gwPost)], ['  bare Fastify + pg', j(basePost)], ['  pgbench same SQL', pg(pgPost)],
  ['GET /v2/leads?per_page=25 (gateway)', j(gwGet)], ['  bare Fastify + pg', j(baseGet)], ['  pgbench same SQL', pg(pgGet)],
];
const f = (n) => n.toFixed(0).padStart(8);
console.log(`${'measurement'.padEnd(40)}${'req/s'.padStart(8)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}  errors`);
for (const [name, r] of rows) {
  if ('tps' in r) console.log(`${name.padEnd(40)}${f(r.tps)}${('avg ' + r.lat.toFixed(2)).padStart(9)}${''.padStart(9)}`);
  else console.log(`${name.padEnd(40)}${f(r.rps)}${String(r.p50).padStart(9)}${String(r.p99).padStart(9)}  ${r.non2xx + r.errors}`);
}
console.log(`\nratios (gateway / baseline): POST ${(j(gwPost).rps / j(basePost).rps * 100).toFixed(0)}% of bare Fastify, ${(j(gwPost).rps / pg(pgPost).tps * 100).toFixed(0)}% of pgbench; ` +
  `GET ${(j(gwGet).rps / j(baseGet).rps * 100).toFixed(0)}% of bare Fastify, ${(j(gwGet).rps / pg(pgGet).tps * 100).toFixed(0)}% of pgbench`);
JS
