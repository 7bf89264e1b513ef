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

# The services run with the heap settings their charts give them (charts/*/values.yaml).
SERVICE_NODE_OPTIONS="${SERVICE_NODE_OPTIONS---max-old-space-size=256 --max-semi-space-size=32}"

# bench_db DATABASE ROLE: the URL of a bench database for one of its roles (password = role name).
bench_db() { echo "postgres://$2:$2@127.0.0.1:$PG_PORT/$1"; }

# migrate_bench_db SERVICE DATABASE: applies the service's migrations to the database.
migrate_bench_db() {
  env DB_URL="$(bench_db "$2" "$2_app")" DB_MIGRATION_URL="$(bench_db "$2" "$2_owner")" DB_RUNTIME_ROLE="$2_app" \
    node "dist/services/$1/src/main.js" migrate >/dev/null
}
