#!/usr/bin/env bash
# Keeps one process running, as Kubernetes would: when it exits, for any reason, it is started
# again after a back-off that doubles from 1 s to 30 s and resets once a run has lasted 60 s.
# Every exit and restart is logged. SIGTERM or SIGINT stops the process and the supervisor.
#   supervise.sh NAME LOG_FILE COMMAND [ARGS...]
#   SUPERVISE_PID_FILE=path  holds the pid of the current run
set -uo pipefail
name="$1" log_file="$2"
shift 2

: "${SUPERVISE_MIN_DELAY_S:=1}"
: "${SUPERVISE_MAX_DELAY_S:=30}"
: "${SUPERVISE_STABLE_S:=60}"
: "${SUPERVISE_PID_FILE:=}"

child=""
stopping=0
say() { printf '%s [supervise] %s\n' "$(date -u +%FT%TZ)" "$*" >> "$log_file"; printf '[supervise] %s\n' "$*" >&2; }
stop() {
  stopping=1
  if [ -n "$child" ]; then kill -TERM "$child" 2>/dev/null; wait "$child" 2>/dev/null; fi
  exit 0
}
trap stop TERM INT

delay="$SUPERVISE_MIN_DELAY_S"
runs=0
while [ "$stopping" = 0 ]; do
  runs=$((runs + 1))
  started=$SECONDS
  "$@" >> "$log_file" 2>&1 &
  child=$!
  [ -n "$SUPERVISE_PID_FILE" ] && echo "$child" > "$SUPERVISE_PID_FILE"
  [ "$runs" -gt 1 ] && say "$name restarted (run $runs, pid $child)"
  wait "$child"
  code=$?
  child=""
  [ "$stopping" = 1 ] && break
  if [ $((SECONDS - started)) -ge "$SUPERVISE_STABLE_S" ]; then delay="$SUPERVISE_MIN_DELAY_S"; fi
  say "$name exited with status $code after $((SECONDS - started)) s; restarting in ${delay} s"
  sleep "$delay" &
  child=$!
  wait "$child"
  child=""
  delay=$((delay * 2 > SUPERVISE_MAX_DELAY_S ? SUPERVISE_MAX_DELAY_S : delay * 2))
done
