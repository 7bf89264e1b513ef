#!/usr/bin/env bash
# FerretDB v1.24.2 (MongoDB wire protocol) for the native local stack, embedded in the tiny Go
# module deploy/local/ferretdb, backed by the `ferretdb` database of our PostgreSQL
# (components/postgres.sh). Listens on 127.0.0.1:$FERRETDB_PORT only.
#
# Authentication: clients connect WITHOUT credentials; FerretDB then uses the credentials in its
# PostgreSQL URL (ferretdb/ferretdb). Credentials in the Mongo URL are only accepted with
# authMechanism=PLAIN (passed through to PostgreSQL); the drivers' default SCRAM is rejected by
# FerretDB v1 in this mode.
#
# FERRETDB_HANDLER=sqlite switches to the SQLite backend in $PW_STATE/ferretdb (no PostgreSQL).
#
# usage: ferretdb.sh install|start|stop|status|env
PW_COMPONENT=ferretdb
source "$(dirname "$0")/../lib.sh"

FERRETDB_VERSION=1.24.2
FERRETDB_SRC="$PW_ROOT/deploy/local/ferretdb"
: "${FERRETDB_HANDLER:=postgresql}"
# sslmode=disable: pgx otherwise tries TLS first on every new connection (the cluster has no TLS).
FERRETDB_PG_URL="postgres://ferretdb:ferretdb@127.0.0.1:$PG_PORT/ferretdb?sslmode=disable"
FERRETDB_DATA="$PW_STATE/ferretdb"
FERRETDB_LOG="$(log_file ferretdb)"
MONGO_URL="mongodb://127.0.0.1:$FERRETDB_PORT/?retryWrites=false"

ferretdb_bin() { go_bin "ferretdb-$FERRETDB_VERSION" "$FERRETDB_SRC"; }

cmd_install() { go_build "ferretdb-$FERRETDB_VERSION" "$FERRETDB_SRC"; }

ferretdb_ping() { "$(ferretdb_bin)" ping "mongodb://127.0.0.1:$FERRETDB_PORT/"; }

cmd_start() {
  local bin t0=$SECONDS
  bin="$(ferretdb_bin)"
  [ -x "$bin" ] || die "FerretDB binary $bin is not built (run '$0 install')"
  if is_running ferretdb; then
    log "already running (pid $(cat "$(pid_file ferretdb)"))"
  else
    if port_open 127.0.0.1 "$FERRETDB_PORT"; then
      die "port 127.0.0.1:$FERRETDB_PORT is already used by another process; set FERRETDB_PORT or stop it"
    fi
    local -a envs=(FERRETDB_HANDLER="$FERRETDB_HANDLER" FERRETDB_PORT="$FERRETDB_PORT")
    case "$FERRETDB_HANDLER" in
      postgresql)
        port_open 127.0.0.1 "$PG_PORT" \
          || die "PostgreSQL is not running on 127.0.0.1:$PG_PORT (run components/postgres.sh start first)"
        envs+=(FERRETDB_POSTGRESQL_URL="$FERRETDB_PG_URL") ;;
      sqlite)
        mkdir -p "$FERRETDB_DATA"
        envs+=(FERRETDB_SQLITE_URL="file:$FERRETDB_DATA/") ;;
      *) die "FERRETDB_HANDLER must be postgresql or sqlite, not '$FERRETDB_HANDLER'" ;;
    esac
    log "starting FerretDB v$FERRETDB_VERSION ($FERRETDB_HANDLER backend) on 127.0.0.1:$FERRETDB_PORT (log $FERRETDB_LOG)"
    (cd "$PW_STATE" && exec env "${envs[@]}" "$bin" >>"$FERRETDB_LOG" 2>&1 </dev/null) &
    echo $! >"$(pid_file ferretdb)"
  fi
  local pid; pid="$(cat "$(pid_file ferretdb)")"
  # Ready = port open AND a MongoDB `ping` that also reaches the backend.
  local deadline=$((SECONDS + 60))
  until port_open 127.0.0.1 "$FERRETDB_PORT" && ferretdb_ping >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { rm -f "$(pid_file ferretdb)"; die "FerretDB exited during start-up; see $FERRETDB_LOG"; }
    [ $SECONDS -lt $deadline ] || die "FerretDB did not answer a MongoDB ping on 127.0.0.1:$FERRETDB_PORT within 60 s; see $FERRETDB_LOG"
    sleep 0.2
  done
  log "ready on 127.0.0.1:$FERRETDB_PORT after $((SECONDS - t0)) s (pid $pid, MONGO_URL=$MONGO_URL, log $FERRETDB_LOG)"
}

cmd_stop() {
  if is_running ferretdb; then
    log "stopping FerretDB (pid $(cat "$(pid_file ferretdb)"))"
  else
    log "not running"
  fi
  stop_pid ferretdb
}

cmd_status() {
  if is_running ferretdb; then
    local state=running
    ferretdb_ping >/dev/null 2>&1 || state="running but not answering ping"
    echo "ferretdb: $state on 127.0.0.1:$FERRETDB_PORT (pid $(cat "$(pid_file ferretdb)"), $FERRETDB_HANDLER backend, log $FERRETDB_LOG)"
    [ "$state" = running ]
  else
    echo "ferretdb: stopped"
    return 3
  fi
}

cmd_env() { echo "export MONGO_URL='$MONGO_URL'"; }

component_main "$@"
