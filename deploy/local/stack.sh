#!/usr/bin/env bash
# The native local stack: PostgreSQL, FerretDB, Kafka, Keycloak, an S3-compatible store, a mail
# server (Dovecot with an SMTP relay) and a CalDAV server (Radicale) on 127.0.0.1.
#
#   stack.sh up       install what is missing, start everything, wait until each piece answers
#   stack.sh down     stop everything
#   stack.sh status   one line per component; exit 1 if any is down
#   stack.sh env      connection settings as shell exports
#   stack.sh reset    stop everything and delete all local data
#
# Downloads are cached in $PIPEWRIGHT_CACHE (default ~/.cache/pipewright); data and logs live in
# $PIPEWRIGHT_STATE (default <repo>/.local-stack). Ports: see deploy/local/lib.sh.
PW_COMPONENT=stack
source "$(dirname "$0")/lib.sh"

C="$PW_ROOT/deploy/local/components"
COMPONENTS=(postgres ferretdb kafka keycloak s3 mail radicale)

run_parallel() {
  local action="$1"; shift
  local pids=() names=() failed=()
  for c in "$@"; do
    bash "$C/$c.sh" "$action" > >(sed "s/^/[$c] /") 2>&1 &
    pids+=($!); names+=("$c")
  done
  for i in "${!pids[@]}"; do wait "${pids[$i]}" || failed+=("${names[$i]}"); done
  [ ${#failed[@]} -eq 0 ] || die "$action failed for: ${failed[*]} (logs in $PW_STATE/logs)"
}

case "${1:-}" in
  up)
    started=$SECONDS
    # Installs download and build independently; starts need PostgreSQL before FerretDB.
    run_parallel install "${COMPONENTS[@]}"
    bash "$C/postgres.sh" start
    run_parallel start ferretdb kafka keycloak s3 mail radicale
    log "local stack is up in $((SECONDS - started)) s; logs in $PW_STATE/logs"
    ;;
  down)
    for c in radicale mail s3 keycloak kafka ferretdb postgres; do bash "$C/$c.sh" stop || true; done
    ;;
  status)
    rc=0
    for c in "${COMPONENTS[@]}"; do
      if bash "$C/$c.sh" status >/dev/null 2>&1; then echo "$c: up"; else echo "$c: down"; rc=1; fi
    done
    exit $rc
    ;;
  env)
    for c in "${COMPONENTS[@]}"; do bash "$C/$c.sh" env; done
    ;;
  reset)
    for c in radicale mail s3 keycloak kafka ferretdb postgres; do bash "$C/$c.sh" stop || true; done
    rm -rf "$PW_STATE"
    log "removed $PW_STATE"
    ;;
  *)
    echo "usage: $0 up|down|status|env|reset" >&2
    exit 2
    ;;
esac
