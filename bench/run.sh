#!/usr/bin/env bash
# Measures the leads API through the gateway next to two baselines taken in the same run on the same
# machine: pgbench running the same SQL, and a bare Fastify + pg endpoint running the same SQL.
#
# Needs: the local stack (deploy/local/stack.sh up) and a build (source scripts/bootstrap.sh).
# Starts, and stops at the end: leads-contacts, the gateway and the baseline server, on ports
# 28080-28082 and 50251, against the crm_bench database (its leads table is emptied first).
#   BENCH_CONNECTIONS (16)  concurrent connections / pgbench clients
#   BENCH_SECONDS (15)      duration of each measurement
#   BENCH_ROUNDS (3)        rounds of gateway and bare measurements; ratios are the median round's
set -euo pipefail
PW_COMPONENT=bench
source "$(dirname "$0")/lib.sh"
: "${BENCH_CONNECTIONS:=16}"
: "${BENCH_SECONDS:=15}"
: "${BENCH_ROUNDS:=3}"
PGBENCH="$(ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | sort -V | tail -1)"
[ -x "$PGBENCH" ] || die "pgbench not found (Debian package postgresql)"

db() { bench_db crm_bench "$1"; }

log "migrating crm_bench and emptying its leads"
migrate_bench_db leads-contacts crm_bench
psql -q "$(db crm_bench_owner)" -c "truncate leads, outbox, search_terms restart identity cascade" >/dev/null

log "starting leads-contacts, gateway and the baseline server"
start_service leads-contacts leads-contacts.log DB_URL="$(db crm_bench_app)" DB_POOL_SIZE=10 GRPC_HOST=127.0.0.1 GRPC_PORT=50251 HTTP_PORT=28081
leads_pid=$!
start_gateway 28080 gateway.log LEADS_CONTACTS_GRPC_URL=127.0.0.1:50251
gateway_pid=$!
NODE_OPTIONS="$SERVICE_NODE_OPTIONS" node bench/baseline-server.mjs "$(db crm_bench_app)" 28082 > "$OUT/baseline.log" 2>&1 & pids+=($!)
baseline_pid=$!
wait_until gateway 60 curl -sf http://127.0.0.1:28080/readyz || die "gateway did not start: $OUT/gateway.log"
wait_until baseline 30 curl -sf http://127.0.0.1:28082/leads || die "baseline did not start: $OUT/baseline.log"

TOKEN="$(curl -sf -d grant_type=password -d client_id=crm-cli -d username=acme-user1 -d password=pipewright \
  "$KEYCLOAK_URL/realms/crm/protocol/openid-connect/token" | node -pe 'JSON.parse(require("fs").readFileSync(0)).access_token')"

load() { node bench/load.mjs "$1" "$2" "$BENCH_CONNECTIONS" "$BENCH_SECONDS" "${3:-}"; }
pgb() { "$PGBENCH" -n -M prepared -c "$BENCH_CONNECTIONS" -j 2 -T "$BENCH_SECONDS" -f "bench/pgbench/$1" "$(db crm_bench_app)" 2>/dev/null; }

# CPU time (clock ticks) of a process, and of all PostgreSQL processes.
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# PostgreSQL's processes come and go (pooled connections close when idle): a process started during
# a measurement counts whole, one that ended during it is left out (an underestimate, never negative).
pg_snapshot() { local p; for p in $(pgrep -u postgres postgres); do awk -v p="$p" '{print p, $14 + $15}' "/proc/$p/stat" 2>/dev/null || true; done; }
pg_ticks_since() { awk 'NR == FNR { before[$1] = $2; next } { t += ($1 in before) ? $2 - before[$1] : $2 } END { print t + 0 }' "$1" <(pg_snapshot); }
# measure SIDE URL METHOD [TOKEN]: one load, as a JSON line with the CPU ticks each process spent.
measure() {
  local g0 l0 b0 out
  g0=$(ticks "$gateway_pid"); l0=$(ticks "$leads_pid"); b0=$(ticks "$baseline_pid"); pg_snapshot > "$OUT/pg-ticks"
  out="$(load "$2" "$3" "${4:-}")"
  echo "{\"round\":$round,\"side\":\"$1\",\"r\":$out,\"ticks\":{\"gateway\":$(( $(ticks "$gateway_pid") - g0 )),\"leads-contacts\":$(( $(ticks "$leads_pid") - l0 )),\"bare\":$(( $(ticks "$baseline_pid") - b0 )),\"postgres\":$(pg_ticks_since "$OUT/pg-ticks")}}" >> "$results"
}
TICK_US=$(( 1000000 / $(getconf CLK_TCK) ))

# Each round measures the gateway and the bare endpoint back to back (alternating which goes first),
# so that a ratio compares two runs under the same conditions; the summary takes the median round.
results="$OUT/run-results.jsonl" && : > "$results"
# A short load of each endpoint first: JIT compilation and pool warm-up are not what is measured.
log "warming up"
for url in http://127.0.0.1:28080/v2/leads http://127.0.0.1:28082/leads; do
  for what in POST GET; do node bench/load.mjs "$url" "$what" "$BENCH_CONNECTIONS" 3 "$TOKEN" >/dev/null; done
done
for round in $(seq 1 "$BENCH_ROUNDS"); do
  log "round $round of $BENCH_ROUNDS (${BENCH_SECONDS}s per measurement, ${BENCH_CONNECTIONS} connections)"
  for what in POST GET; do
    if [ "$what" = POST ]; then gw=http://127.0.0.1:28080/v2/leads; base=http://127.0.0.1:28082/leads
    else gw='http://127.0.0.1:28080/v2/leads?page=1&per_page=25'; base=http://127.0.0.1:28082/leads; fi
    if [ $((round % 2)) = 1 ]; then measure gateway "$gw" "$what" "$TOKEN"; measure bare "$base" "$what"
    else measure bare "$base" "$what"; measure gateway "$gw" "$what" "$TOKEN"; fi
  done
done
log "pgbench, same SQL"
pg_post="$(pgb insert-lead.sql)"
pg_get="$(pgb list-leads.sql)"

node - "$results" "$pg_post" "$pg_get" "$TICK_US" <<'JS'
const fs = require('node:fs');
const [file, pgPost, pgGet, tickUs] = process.argv.slice(2);
const runs = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const pg = (t) => ({ tps: Number(/tps = ([\d.]+)/.exec(t)[1]), lat: Number(/latency average = ([\d.]+) ms/.exec(t)[1]) });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const f = (n, w = 8) => n.toFixed(0).padStart(w);
console.log(`${'measurement'.padEnd(40)}${'round'.padStart(6)}${'req/s'.padStart(8)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}  errors`);
const summary = [];
const cpu = [];
for (const [method, label, pgText] of [['POST', 'POST /v2/leads', pgPost], ['GET', 'GET /v2/leads?per_page=25', pgGet]]) {
  const rounds = [...new Set(runs.map((x) => x.round))];
  const ratios = [];
  for (const round of rounds) {
    const of = (side) => runs.find((x) => x.round === round && x.side === side && x.r.method === method).r;
    const [gw, bare] = [of('gateway'), of('bare')];
    console.log(`${`${label} (gateway)`.padEnd(40)}${f(round, 6)}${f(gw.rps)}${String(gw.p50).padStart(9)}${String(gw.p99).padStart(9)}  ${gw.non2xx + gw.errors}`);
    console.log(`${'  bare Fastify + pg'.padEnd(40)}${f(round, 6)}${f(bare.rps)}${String(bare.p50).padStart(9)}${String(bare.p99).padStart(9)}  ${bare.non2xx + bare.errors}`);
    ratios.push({ rps: gw.rps / bare.rps, p99: gw.p99 / bare.p99, gw: gw.rps });
    for (const side of ['gateway', 'bare']) {
      const run = runs.find((x) => x.round === round && x.side === side && x.r.method === method);
      const names = side === 'gateway' ? ['gateway', 'leads-contacts', 'postgres'] : ['bare', 'postgres'];
      cpu.push(`${method} round ${round}, ${side}: ${names.map((n) => `${n} ${Math.round((run.ticks[n] * Number(tickUs)) / run.r.ok)} µs`).join(', ')}`);
    }
  }
  const p = pg(pgText);
  console.log(`${'  pgbench same SQL'.padEnd(40)}${''.padStart(6)}${f(p.tps)}${('avg ' + p.lat.toFixed(2)).padStart(9)}`);
  summary.push(`${method}: ${(100 * median(ratios.map((r) => r.rps))).toFixed(0)}% of bare Fastify's throughput (rounds ${ratios.map((r) => `${(100 * r.rps).toFixed(0)}%`).join(', ')}), ` +
    `p99 ${median(ratios.map((r) => r.p99)).toFixed(1)}x (rounds ${ratios.map((r) => `${r.p99.toFixed(1)}x`).join(', ')}), ${(100 * median(ratios.map((r) => r.gw)) / p.tps).toFixed(0)}% of pgbench`);
}
console.log(`\nCPU time per request (all PostgreSQL processes together):\n  ${cpu.join('\n  ')}`);
console.log(`\nmedian of the rounds, gateway / bare:\n  ${summary.join('\n  ')}`);
JS
