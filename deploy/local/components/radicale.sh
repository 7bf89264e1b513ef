#!/usr/bin/env bash
# A real CalDAV server for the native local stack: Radicale 3 from Debian's python3-radicale (the
# library only; Debian's radicale package would install and start a system service), run with
# Debian's own Python on 127.0.0.1. Users log in with $CALDAV_PASSWORD (htpasswd, plain); each
# user's principal and calendar home is /<user>/, made on first use. Radicale does no CalDAV
# scheduling: the CRM sends invitations itself.
#
# usage: radicale.sh install|start|stop|status|env
PW_COMPONENT=radicale
source "$(dirname "$0")/../lib.sh"

: "${CALDAV_PORT:=5232}"
: "${CALDAV_PASSWORD:=pipewright-caldav}"   # dev only: the password of every local CalDAV user
# The users tests and the demo log in as; anyone else (or a wrong password) gets 401.
CALDAV_USERS=(caldav-user1 caldav-user2 caldav-user3 caldav-bench)
RADICALE_STATE="$PW_STATE/radicale"
RADICALE_LOG="$(log_file radicale)"
# Debian's interpreter on purpose: another python3 first on PATH does not see Debian's dist-packages.
PYTHON=/usr/bin/python3

cmd_install() {
  apt_install python3-radicale
}

write_config() {
  : >"$RADICALE_STATE/users"
  for u in "${CALDAV_USERS[@]}"; do echo "$u:$CALDAV_PASSWORD" >>"$RADICALE_STATE/users"; done
  cat >"$RADICALE_STATE/config" <<CONF
[server]
hosts = 127.0.0.1:$CALDAV_PORT
max_connections = 64
[auth]
type = htpasswd
htpasswd_filename = $RADICALE_STATE/users
htpasswd_encryption = plain
# Failed logins are not slowed down: tests try wrong passwords on purpose.
delay = 0
[rights]
type = owner_only
[storage]
filesystem_folder = $RADICALE_STATE/collections
[web]
type = none
[logging]
level = warning
CONF
}

cmd_start() {
  local t0=$SECONDS
  "$PYTHON" -c 'import radicale' 2>/dev/null || die "python3-radicale is missing: run '$0 install'"
  if is_running radicale; then log "already running (pid $(cat "$(pid_file radicale)"))"; return; fi
  port_open 127.0.0.1 "$CALDAV_PORT" && die "port 127.0.0.1:$CALDAV_PORT is already used by another process; set CALDAV_PORT or stop it"
  mkdir -p "$RADICALE_STATE/collections"
  write_config
  log "starting Radicale on 127.0.0.1:$CALDAV_PORT (log $RADICALE_LOG)"
  ("$PYTHON" -m radicale --config "$RADICALE_STATE/config" >>"$RADICALE_LOG" 2>&1 </dev/null) &
  echo $! >"$(pid_file radicale)"
  local deadline=$((SECONDS + 30))
  until curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$CALDAV_PORT/" | grep -qE '^(401|200|30[0-9])$'; do
    is_running radicale || die "Radicale exited during start-up; see $RADICALE_LOG"
    [ $SECONDS -lt $deadline ] || die "Radicale did not answer within 30 s; see $RADICALE_LOG"
    sleep 0.2
  done
  log "ready after $((SECONDS - t0)) s: http://127.0.0.1:$CALDAV_PORT/"
}

cmd_stop() {
  if is_running radicale; then log "stopping Radicale"; else log "not running"; fi
  stop_pid radicale
}

cmd_status() {
  if is_running radicale && port_open 127.0.0.1 "$CALDAV_PORT"; then
    echo "radicale: running (http://127.0.0.1:$CALDAV_PORT/, log $RADICALE_LOG)"
  else
    echo "radicale: stopped"
    return 3
  fi
}

cmd_env() {
  echo "export CALDAV_URL='http://127.0.0.1:$CALDAV_PORT/' CALDAV_PASSWORD='$CALDAV_PASSWORD'"
}

component_main "$@"
