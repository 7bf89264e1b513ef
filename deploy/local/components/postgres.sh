#!/usr/bin/env bash
# PostgreSQL for the native local stack: a private cluster in $PW_STATE/postgres/data
# (never the Debian system cluster), listening on 127.0.0.1:$PG_PORT only.
# PostgreSQL refuses to run as root, so as root the cluster is owned and run by the `postgres`
# OS user (created by the Debian package); as any other user it runs as that user.
#
# usage: postgres.sh install|start|stop|status|env|reset|provision
#   provision: idempotently creates the databases and roles of deploy/local/databases.conf
#   (`<database> <owner_role> <app_role>`; dev passwords = role names).
PW_COMPONENT=postgres
source "$(dirname "$0")/../lib.sh"

PG_SUPERUSER=pipewright
PG_SUPERUSER_PASSWORD=pipewright   # dev only
PG_LISTEN=127.0.0.1
PG_DIR="$PW_STATE/postgres"
PG_DATA="$PG_DIR/data"
PG_SOCKET_DIR="$PG_DIR/run"
PG_LOG="$(log_file postgres)"
PG_DATABASES_CONF="${PG_DATABASES_CONF:-$PW_ROOT/deploy/local/databases.conf}"

# ---------------------------------------------------------------------------------------------
# binaries and OS user

# pg_bindir: the bin dir of the cluster's major version if the cluster exists, else the newest.
pg_bindir() {
  local d
  if [ -f "$PG_DATA/PG_VERSION" ]; then
    d="/usr/lib/postgresql/$(cat "$PG_DATA/PG_VERSION")/bin"
    [ -x "$d/postgres" ] || die "cluster $PG_DATA was created by PostgreSQL $(cat "$PG_DATA/PG_VERSION") but $d is missing (install postgresql-$(cat "$PG_DATA/PG_VERSION") or run '$0 reset')"
    echo "$d"; return
  fi
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4,4 -V | tail -n1)"
  [ -n "$d" ] && [ -x "$d/initdb" ] || die "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin (run '$0 install')"
  echo "$d"
}

# The OS user that owns and runs the cluster.
pg_os_user() { if [ "$(id -u)" -eq 0 ]; then echo postgres; else id -un; fi; }

# as_pg CMD...: runs CMD as the cluster's OS user, from a directory it can read.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && "$@")
  fi
}

# ensure_traversable PATH: makes every ancestor of PATH searchable by the cluster's OS user
# ($PW_STATE may live under a root-owned tree with a restrictive mode).
ensure_traversable() {
  [ "$(id -u)" -eq 0 ] || return 0
  local d dirs=() i
  d="$(dirname "$1")"
  while [ "$d" != "/" ]; do dirs+=("$d"); d="$(dirname "$d")"; done
  for ((i = ${#dirs[@]} - 1; i >= 0; i--)); do   # top-down: fix only what blocks the path
    d="${dirs[$i]}"
    if ! runuser -u postgres -- test -x "$d" 2>/dev/null; then
      log "granting search (o+x) on $d so the postgres user can reach $1"
      chmod o+x "$d" || die "cannot make $d traversable for the postgres user"
    fi
  done
}

prepare_dirs() {
  local user; user="$(pg_os_user)"
  id "$user" >/dev/null 2>&1 || die "OS user '$user' does not exist (the Debian postgresql package creates it; run '$0 install')"
  mkdir -p "$PG_DIR" "$PG_SOCKET_DIR" "$(dirname "$PG_LOG")"
  touch "$PG_LOG"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$PG_DIR" "$PG_SOCKET_DIR" "$PG_LOG"
    [ -d "$PG_DATA" ] && chown -R postgres:postgres "$PG_DATA"
    ensure_traversable "$PG_DATA"
    ensure_traversable "$PG_LOG"
  fi
  chmod 0755 "$PG_SOCKET_DIR"
}

# ---------------------------------------------------------------------------------------------
# SQL helpers

superuser_url() { echo "postgres://$PG_SUPERUSER:$PG_SUPERUSER_PASSWORD@$PG_LISTEN:$PG_PORT/postgres"; }

# psql_su [psql args...]: psql as the superuser over TCP (scram-sha-256).
psql_su() {
  PGPASSWORD="$PG_SUPERUSER_PASSWORD" PGCONNECT_TIMEOUT=5 \
    "$(pg_bindir)/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_LISTEN" -p "$PG_PORT" -U "$PG_SUPERUSER" -d postgres "$@"
}

pg_ready() {
  "$(pg_bindir)/pg_isready" -q -h "$PG_LISTEN" -p "$PG_PORT" -d postgres -t 2 &&
    [ "$(psql_su -tAc 'select 1' 2>/dev/null)" = "1" ]
}

cluster_running() {
  [ -f "$PG_DATA/PG_VERSION" ] && as_pg "$(pg_bindir)/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1
}

# ---------------------------------------------------------------------------------------------
# subcommands

cmd_install() {
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    apt_install postgresql postgresql-contrib
  fi
  local bin; bin="$(pg_bindir)"
  log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') at $bin"
}

init_cluster() {
  [ -f "$PG_DATA/PG_VERSION" ] && return 0
  local bin pwfile locale_opt
  bin="$(pg_bindir)"
  # C.UTF-8 exists on every glibc >= 2.35 (Debian 12); fall back to the C locale.
  if locale -a 2>/dev/null | grep -qix 'c\.utf-\?8'; then locale_opt="--locale=C.UTF-8"; else locale_opt="--no-locale"; fi
  rm -rf "$PG_DATA"
  pwfile="$PG_DIR/.initdb-pw"
  printf '%s\n' "$PG_SUPERUSER_PASSWORD" >"$pwfile"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$pwfile"
  chmod 0600 "$pwfile"
  log "initdb $PG_DATA (PostgreSQL $(basename "$(dirname "$bin")"), superuser $PG_SUPERUSER, scram-sha-256)"
  if ! as_pg "$bin/initdb" -D "$PG_DATA" --username="$PG_SUPERUSER" --pwfile="$pwfile" \
      --auth=scram-sha-256 --encoding=UTF8 $locale_opt >>"$PG_LOG" 2>&1; then
    rm -f "$pwfile"
    die "initdb failed; see $PG_LOG"
  fi
  rm -f "$pwfile"
  # Our settings live in pipewright.conf (rewritten on every start so port changes apply).
  printf "\n# native local stack (deploy/local/components/postgres.sh)\ninclude_if_exists = 'pipewright.conf'\n" \
    >>"$PG_DATA/postgresql.conf"
}

write_conf() {
  local conf="$PG_DATA/pipewright.conf"
  cat >"$conf" <<EOF
# Generated by deploy/local/components/postgres.sh on every start; edits are overwritten.
listen_addresses = '$PG_LISTEN'
port = $PG_PORT
unix_socket_directories = '$PG_SOCKET_DIR'
max_connections = 200
shared_buffers = 256MB
fsync = on
password_encryption = scram-sha-256
timezone = 'UTC'
log_timezone = 'UTC'
log_line_prefix = '%m [%p] %q%u@%d '
EOF
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$conf"
  chmod 0600 "$conf"
}

cmd_start() {
  local bin t0=$SECONDS
  bin="$(pg_bindir)"
  prepare_dirs
  init_cluster
  if cluster_running; then
    log "already running (data $PG_DATA)"
  else
    if port_open "$PG_LISTEN" "$PG_PORT"; then
      die "port $PG_LISTEN:$PG_PORT is already used by another process (not our cluster in $PG_DATA); set PG_PORT or stop it"
    fi
    write_conf
    log "starting PostgreSQL on $PG_LISTEN:$PG_PORT (data $PG_DATA, log $PG_LOG)"
    as_pg "$bin/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 90 start >/dev/null \
      || die "pg_ctl start failed; see $PG_LOG"
  fi
  wait_until "PostgreSQL ready" 60 pg_ready \
    || die "PostgreSQL did not accept 'select 1' as $PG_SUPERUSER on $PG_LISTEN:$PG_PORT within 60 s; see $PG_LOG"
  head -n1 "$PG_DATA/postmaster.pid" >"$(pid_file postgres)"
  log "ready on $PG_LISTEN:$PG_PORT after $((SECONDS - t0)) s (pid $(cat "$(pid_file postgres)"), log $PG_LOG)"
  cmd_provision
}

cmd_stop() {
  if cluster_running; then
    log "stopping PostgreSQL (data $PG_DATA)"
    as_pg "$(pg_bindir)/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 stop >/dev/null \
      || die "pg_ctl stop failed; see $PG_LOG"
  else
    log "not running"
  fi
  rm -f "$(pid_file postgres)"
}

cmd_status() {
  if cluster_running; then
    local state="running"
    pg_ready || state="running but not accepting connections"
    echo "postgres: $state on $PG_LISTEN:$PG_PORT (pid $(head -n1 "$PG_DATA/postmaster.pid"), data $PG_DATA, log $PG_LOG)"
    [ "$state" = running ]
  else
    echo "postgres: stopped (data $PG_DATA)"
    return 3
  fi
}

cmd_env() {
  echo "export PG_HOST=$PG_LISTEN PG_PORT=$PG_PORT PG_SUPERUSER_URL=$(superuser_url)"
}

cmd_reset() {
  cmd_stop
  log "deleting $PG_DIR and $PG_LOG"
  rm -rf "$PG_DIR" "$PG_LOG"
}

valid_ident() { [[ "$1" =~ ^[a-z_][a-z0-9_]{0,62}$ ]]; }

# role_sql NAME: create-or-update a LOGIN, non-superuser, non-RLS-bypassing role (password = name).
role_sql() {
  cat <<EOF
SELECT format('CREATE ROLE %I', '$1') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$1') \gexec
ALTER ROLE "$1" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '$1';
EOF
}

cmd_provision() {
  [ -f "$PG_DATABASES_CONF" ] || die "missing $PG_DATABASES_CONF"
  pg_ready || die "PostgreSQL is not running on $PG_LISTEN:$PG_PORT (run '$0 start')"
  local sql="" db owner app extra x r n=0 lineno=0
  declare -A roles_done=()
  while read -r db owner app extra || [ -n "${db:-}" ]; do
    lineno=$((lineno + 1))
    [ -z "${db:-}" ] || [[ "$db" == \#* ]] && continue
    [ -n "${app:-}" ] && [ -z "${extra:-}" ] \
      || die "$PG_DATABASES_CONF:$lineno: expected '<database> <owner_role> <app_role>'"
    for x in "$db" "$owner" "$app"; do
      valid_ident "$x" || die "$PG_DATABASES_CONF:$lineno: '$x' is not a plain lower-case identifier"
    done
    for r in "$owner" "$app"; do
      [ -n "${roles_done[$r]:-}" ] && continue
      roles_done[$r]=1
      sql+="$(role_sql "$r")"$'\n'
    done
    sql+="SELECT format('CREATE DATABASE %I OWNER %I', '$db', '$owner') WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$db') \\gexec"$'\n'
    sql+="ALTER DATABASE \"$db\" OWNER TO \"$owner\";"$'\n'
    # Only the owner and the app role may connect (PUBLIC has CONNECT/TEMP by default).
    sql+="REVOKE CONNECT, TEMPORARY ON DATABASE \"$db\" FROM PUBLIC;"$'\n'
    sql+="GRANT CONNECT, TEMPORARY ON DATABASE \"$db\" TO \"$app\";"$'\n'
    n=$((n + 1))
  done <"$PG_DATABASES_CONF"
  [ "$n" -gt 0 ] || { log "no databases in $PG_DATABASES_CONF"; return 0; }
  printf '%s' "$sql" | psql_su -f - >/dev/null || die "provisioning from $PG_DATABASES_CONF failed"
  log "provisioned $n databases from $PG_DATABASES_CONF (roles <name>/<name>, superuser URL $(superuser_url))"
}

component_main "$@"
