#!/usr/bin/env bash
# An S3-compatible object store (gofakes3 with a bbolt file) for the native local stack, built
# from the tiny Go module deploy/local/s3. Listens on 127.0.0.1:$S3_PORT only, path-style
# addressing, and creates the bucket $S3_BUCKET at start. It accepts any access key; production
# points the services at real S3 or any S3-compatible store instead.
#
# usage: s3.sh install|start|stop|status|env
PW_COMPONENT=s3
source "$(dirname "$0")/../lib.sh"

S3_SRC="$PW_ROOT/deploy/local/s3"
: "${S3_BUCKET:=pipewright-local}"
S3_DATA="$PW_STATE/s3"
S3_LOG="$(log_file s3)"
S3_ENDPOINT="http://127.0.0.1:$S3_PORT"

s3_bin() { go_bin gofakes3 "$S3_SRC"; }
s3_ping() { "$(s3_bin)" ping "$S3_ENDPOINT/"; }

cmd_install() { go_build gofakes3 "$S3_SRC"; }

cmd_start() {
  local bin t0=$SECONDS
  bin="$(s3_bin)"
  [ -x "$bin" ] || die "S3 store binary $bin is not built (run '$0 install')"
  if is_running s3; then
    log "already running (pid $(cat "$(pid_file s3)"))"
  else
    if port_open 127.0.0.1 "$S3_PORT"; then
      die "port 127.0.0.1:$S3_PORT is already used by another process; set S3_PORT or stop it"
    fi
    mkdir -p "$S3_DATA"
    log "starting the S3-compatible store on 127.0.0.1:$S3_PORT (log $S3_LOG)"
    (cd "$PW_STATE" && exec env S3_ADDR="127.0.0.1:$S3_PORT" S3_DB_FILE="$S3_DATA/objects.db" S3_BUCKETS="$S3_BUCKET" \
      "$bin" >>"$S3_LOG" 2>&1 </dev/null) &
    echo $! >"$(pid_file s3)"
  fi
  local pid; pid="$(cat "$(pid_file s3)")"
  local deadline=$((SECONDS + 30))
  until s3_ping >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { rm -f "$(pid_file s3)"; die "the S3 store exited during start-up; see $S3_LOG"; }
    [ $SECONDS -lt $deadline ] || die "the S3 store did not answer on $S3_ENDPOINT within 30 s; see $S3_LOG"
    sleep 0.2
  done
  log "ready on $S3_ENDPOINT after $((SECONDS - t0)) s (pid $pid, bucket $S3_BUCKET, log $S3_LOG)"
}

cmd_stop() {
  if is_running s3; then log "stopping the S3 store (pid $(cat "$(pid_file s3)"))"; else log "not running"; fi
  stop_pid s3
}

cmd_status() {
  if is_running s3 && s3_ping >/dev/null 2>&1; then
    echo "s3: running on $S3_ENDPOINT (pid $(cat "$(pid_file s3)"), bucket $S3_BUCKET, log $S3_LOG)"
  else
    echo "s3: stopped"
    return 3
  fi
}

cmd_env() { echo "export S3_ENDPOINT='$S3_ENDPOINT' S3_BUCKET='$S3_BUCKET'"; }

component_main "$@"
