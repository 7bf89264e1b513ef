# Shared by the bench scripts (source it after setting PW_COMPONENT): the local stack's settings, the
# checks that it runs and that a build exists, the output folder, and the processes started by the
# script (appended to `pids`), stopped when it exits.
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source deploy/local/lib.sh
eval "$(bash deploy/local/stack.sh env)"
bash deploy/local/stack.sh status >/dev/null || die "the local stack is not running: deploy/local/stack.sh up"
[ -f dist/services/gateway/src/main.js ] || die "no build: source scripts/bootstrap.sh"
OUT="$PW_STATE/bench" && mkdir -p "$OUT"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

# calendar-tasks needs its keys (RSVP links, CalDAV passwords); none is a secret here.
export RSVP_SIGNING_KEY="${RSVP_SIGNING_KEY:-bench-rsvp-key-not-a-secret-0123456789abcdef}"
export CALDAV_CREDENTIALS_KEY="${CALDAV_CREDENTIALS_KEY:-YmVuY2gtY2FsZGF2LWtleS1ub3QtYS1zZWNyZXQtMDE=}"

# The services run with the heap settings of production: their charts' NODE_OPTIONS
# (charts/*/values.yaml) and the V8 flags of the image's entrypoint (deploy/docker/service.Dockerfile),
# which NODE_OPTIONS may not carry.
SERVICE_NODE_OPTIONS="${SERVICE_NODE_OPTIONS---max-old-space-size=256 --max-semi-space-size=32}"
SERVICE_NODE_FLAGS="${SERVICE_NODE_FLAGS---min-semi-space-size=16 --initial-old-space-size=128}"

# bench_db DATABASE ROLE: the URL of a bench database for one of its roles (password = role name).
bench_db() { echo "postgres://$2:$2@127.0.0.1:$PG_PORT/$1"; }

# migrate_bench_db SERVICE DATABASE [VAR=value ...]: applies the service's migrations to the database
# (the service's configuration must parse, so settings it requires are passed along).
migrate_bench_db() {
  local service=$1 database=$2
  shift 2
  env DB_URL="$(bench_db "$database" "${database}_app")" DB_MIGRATION_URL="$(bench_db "$database" "${database}_owner")" DB_RUNTIME_ROLE="${database}_app" "$@" \
    node "dist/services/$service/src/main.js" migrate >/dev/null
}

# start_service NAME LOG [VAR=value ...]: runs dist/services/NAME in the background with the bench's
# common settings (the local Kafka, quiet logs, no metrics port, the charts' heap settings) and the
# given ones, which win; its output goes to $OUT/LOG and `$!` is its pid. The benches' callers own
# what they write, so the record services need no copy of the directory's users (no consumer).
start_service() {
  local name=$1 log=$2
  shift 2
  env NODE_OPTIONS="$SERVICE_NODE_OPTIONS" KAFKA_BROKERS="$KAFKA_BROKERS" LOG_LEVEL=warn METRICS_PORT=0 TENANT_USERS_CONSUMER_ENABLED=false "$@" \
    node $SERVICE_NODE_FLAGS "dist/services/$name/src/main.js" > "$OUT/$log" 2>&1 &
  pids+=($!)
}

# start_gateway HTTP_PORT LOG [VAR=value ...]: the gateway on 127.0.0.1 against the local Keycloak,
# with a rate limit no load reaches, and the directory it asks who callers are (its own bench
# database, ports derived from HTTP_PORT), started first and waited for.
start_gateway() {
  local port=$1 log=$2
  shift 2
  local directory_grpc=$((port + 22009)) directory_http=$((port + 9))
  migrate_bench_db directory crm_bench_directory KEYCLOAK_DIRECTORY_CLIENT_SECRET=crm-directory-dev-secret
  start_service directory "${log%.log}-directory.log" DB_URL="$(bench_db crm_bench_directory crm_bench_directory_app)" \
    GRPC_HOST=127.0.0.1 GRPC_PORT="$directory_grpc" HTTP_PORT="$directory_http" KEYCLOAK_URL="$KEYCLOAK_URL" \
    KEYCLOAK_DIRECTORY_CLIENT_SECRET=crm-directory-dev-secret
  wait_until directory 60 curl -sf "http://127.0.0.1:$directory_http/readyz" || die "the directory did not start; see $OUT/${log%.log}-directory.log"
  start_service gateway "$log" HTTP_HOST=127.0.0.1 HTTP_PORT="$port" KEYCLOAK_URL="$KEYCLOAK_URL" \
    DIRECTORY_GRPC_URL="127.0.0.1:$directory_grpc" RATE_LIMIT_PER_SECOND=1000000 RATE_LIMIT_BURST=1000000 "$@"
}

# Object storage of leads-contacts in the local S3-compatible store (imports upload files).
BENCH_S3_ENV=(STORAGE_DRIVER=s3 S3_ENDPOINT="$S3_ENDPOINT" S3_BUCKET="$S3_BUCKET" S3_KEY_PREFIX=bench/ S3_ACCESS_KEY_ID=bench S3_SECRET_ACCESS_KEY=bench-secret)
