#!/usr/bin/env bash
# Keycloak (dev mode, embedded H2) for the native local stack, with the `crm` realm from
# deploy/keycloak/realm-crm.json. Runs from the Maven Central server zip: no Docker.
#
#   keycloak.sh install   download + unzip into $PW_CACHE/keycloak-<version> (skipped if present),
#                         then one seeding boot: augments the server for the options below and
#                         imports the realm into an H2 file kept as a seed (see "Realm seed")
#   keycloak.sh start     start on 127.0.0.1 from a fresh copy of the seed; waits until
#                         /realms/crm/.well-known/openid-configuration answers 200
#   keycloak.sh stop      stop the server (TERM, then KILL after 30 s)
#   keycloak.sh status    exit 0 if running and the realm answers
#   keycloak.sh env       print `export KEYCLOAK_URL=... KEYCLOAK_REALM=... KEYCLOAK_ISSUER=...`
#
# Realm seed: the realm must be exactly the JSON in the repo after every start. Importing it
# (schema creation + realm import) costs 30-90 s per boot on 2 cores, so it is done once per
# realm-file content: the H2 file of a clean import is kept in $PW_CACHE/keycloak-seeds/<hash>/
# and every start copies it into $PW_STATE/keycloak/db. Editing realm-crm.json changes the hash;
# the next start builds a new seed by itself (one slow boot).
#
# Per-clone data (H2 database, transaction logs, logs, pid) lives under $PW_STATE; the Keycloak
# home in $PW_CACHE is shared by clones and is only written by install (augmentation).
#
# Environment: KEYCLOAK_PORT / KEYCLOAK_MANAGEMENT_PORT (lib.sh), KEYCLOAK_VERSION (26.7.3 on
# Java 25; 26.5.6 when only Java 17 is found), KEYCLOAK_JAVA_HOME (default: /usr/lib/jvm/*25*),
# JAVA_OPTS_KC_HEAP (default -Xms64m -Xmx768m), KEYCLOAK_READY_TIMEOUT (240 s),
# KEYCLOAK_SEED_TIMEOUT (600 s, boots that augment and/or import), KEYCLOAK_REALM_FILE.
PW_COMPONENT=keycloak
source "$(dirname "$0")/../lib.sh"

: "${KEYCLOAK_READY_TIMEOUT:=240}"
: "${KEYCLOAK_SEED_TIMEOUT:=600}"
: "${JAVA_OPTS_KC_HEAP:=-Xms64m -Xmx768m}"
: "${KEYCLOAK_REALM_FILE:=$PW_ROOT/deploy/keycloak/realm-crm.json}"
KEYCLOAK_REALM=crm
KEYCLOAK_URL="http://127.0.0.1:$KEYCLOAK_PORT"
KEYCLOAK_ISSUER="$KEYCLOAK_URL/realms/$KEYCLOAK_REALM"
READY_URL="$KEYCLOAK_ISSUER/.well-known/openid-configuration"

KC_STATE="$PW_STATE/keycloak"
KC_DB="$KC_STATE/db"                 # kc.db-url-path: H2 file at $KC_DB/data/h2/keycloakdb.mv.db
KC_TX="$KC_STATE/transaction-logs"   # Narayana object store (default would be inside the home)
KC_LOG="$(log_file keycloak)"
KC_SEED_LOG="$(log_file keycloak-seed)"
KC_PID_FILE="$(pid_file keycloak)"
KC_SEEDS="$PW_CACHE/keycloak-seeds"
SEED_FORMAT=1

# Build-time options: the same for every boot, so the shared home is augmented once
# (a different set makes kc.sh re-augment the shared home on the next boot).
KC_BUILD_OPTS=(--db=dev-file --health-enabled=true)
BUILD_STAMP="start-dev ${KC_BUILD_OPTS[*]}"

# ---------------------------------------------------------------------------------------------
# Java and version

KC_JAVA_HOME=""
find_java() {
  [ -n "$KC_JAVA_HOME" ] && return 0
  local j="${KEYCLOAK_JAVA_HOME:-}" c
  if [ -z "$j" ]; then
    for c in /usr/lib/jvm/*25*; do
      [ -x "$c/bin/java" ] && { j="$c"; break; }
    done
  fi
  if [ -n "$j" ]; then
    [ -x "$j/bin/java" ] || die "KEYCLOAK_JAVA_HOME=$j has no bin/java"
    : "${KEYCLOAK_VERSION:=26.7.3}"
  else
    for c in /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/*17*; do
      [ -x "$c/bin/java" ] && { j="$c"; break; }
    done
    [ -n "$j" ] || die "no Java 25 (/usr/lib/jvm/*25*) nor Java 17 found; set KEYCLOAK_JAVA_HOME"
    : "${KEYCLOAK_VERSION:=26.5.6}"
    log "no Java 25 JDK under /usr/lib/jvm: falling back to Java 17 ($j) with Keycloak $KEYCLOAK_VERSION (Java 17 is deprecated for Keycloak 26)"
  fi
  KC_JAVA_HOME="$j"
  KC_HOME="$PW_CACHE/keycloak-$KEYCLOAK_VERSION"
}

realm_hash() {
  { echo "keycloak $KEYCLOAK_VERSION seed $SEED_FORMAT $BUILD_STAMP"; cat "$KEYCLOAK_REALM_FILE"; } \
    | sha256sum | cut -c1-16
}
seed_dir() { echo "$KC_SEEDS/$KEYCLOAK_VERSION-$(realm_hash)"; }
built_stamp_file() { echo "$KC_HOME/.pw-built-$(printf '%s' "$BUILD_STAMP" | sha256sum | cut -c1-12)"; }

# ---------------------------------------------------------------------------------------------
# process helpers

kc_pid() { cat "$KC_PID_FILE" 2>/dev/null; }
# kc.sh runs java as its child (or execs it after a re-augmentation); report the JVM.
jvm_pid() {
  local pid="$1" child
  child="$(pgrep -P "$pid" -f 'java' 2>/dev/null | head -n1 || true)"
  echo "${child:-$pid}"
}
rss_mb() { awk '/VmRSS/ {printf "%d MB", $2/1024}' "/proc/$1/status" 2>/dev/null || echo "?"; }
realm_ready() { curl -sf -o /dev/null --max-time 5 "$READY_URL"; }

ports_free_or_die() {
  local p
  for p in "$KEYCLOAK_PORT" "$KEYCLOAK_MANAGEMENT_PORT"; do
    port_open 127.0.0.1 "$p" \
      && die "port $p is already in use by a process this stack did not start (state: $PW_STATE); stop it or set KEYCLOAK_PORT / KEYCLOAK_MANAGEMENT_PORT"
  done
  return 0
}

# launch DB_PATH LOGFILE [IMPORT_DIR]: kc.sh start-dev in its own session; pid -> pid file.
launch() {
  local db="$1" logf="$2" import_dir="${3:-}"
  local extra=()
  # Imports every *.json of IMPORT_DIR at boot (what --import-realm does for <home>/data/import),
  # so the shared home holds no per-clone files.
  [ -n "$import_dir" ] && extra+=("-Dkeycloak.migration.dir=$import_dir")
  mkdir -p "$KC_TX" "$(dirname "$logf")"
  [ -f "$logf" ] && mv -f "$logf" "$logf.1"
  # fd 9 (the install lock) is closed for the server so a running Keycloak does not hold the lock.
  # JAVA_OPTS is unset: when set, kc.sh ignores JAVA_OPTS_KC_HEAP (JAVA_OPTS_APPEND still applies).
  # shellcheck disable=SC2016
  env -u JAVA_OPTS JAVA_HOME="$KC_JAVA_HOME" JAVA_OPTS_KC_HEAP="$JAVA_OPTS_KC_HEAP" \
      KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
    setsid bash -c 'echo $$ >"$0"; exec "$@"' "$KC_PID_FILE" \
      "$KC_HOME/bin/kc.sh" start-dev "${KC_BUILD_OPTS[@]}" \
        --http-host=127.0.0.1 --http-port="$KEYCLOAK_PORT" \
        --http-management-port="$KEYCLOAK_MANAGEMENT_PORT" \
        --hostname="$KEYCLOAK_URL" \
        "-Dkc.db-url-path=$db" \
        "-Dquarkus.transaction-manager.object-store.directory=$KC_TX" \
        "${extra[@]}" \
      </dev/null >>"$logf" 2>&1 9>&- &
  local i
  for i in $(seq 1 50); do [ -s "$KC_PID_FILE" ] && break; sleep 0.1; done
  [ -s "$KC_PID_FILE" ] || die "could not launch $KC_HOME/bin/kc.sh (no pid file $KC_PID_FILE)"
}

# wait_ready PID TIMEOUT LOGFILE
wait_ready() {
  local pid="$1" timeout="$2" logf="$3" deadline=$((SECONDS + $2))
  until realm_ready; do
    if ! kill -0 "$pid" 2>/dev/null; then
      log "Keycloak (pid $pid) exited during start-up; last 60 log lines ($logf):"
      tail -n 60 "$logf" >&2
      rm -f "$KC_PID_FILE"
      die "Keycloak did not start"
    fi
    if [ $SECONDS -ge $deadline ]; then
      log "Keycloak not ready after $timeout s ($READY_URL); last 60 log lines ($logf):"
      tail -n 60 "$logf" >&2
      log "stopping the half-started server (pid $pid)"
      stop_kc
      die "Keycloak did not become ready"
    fi
    sleep 0.5
  done
}

# stop_kc: TERM to kc.sh (it forwards TERM to the JVM), KILL after 30 s; never leaves the JVM.
stop_kc() {
  local pid jvm
  pid="$(kc_pid)"
  [ -n "$pid" ] || return 0
  jvm="$(jvm_pid "$pid")"
  stop_pid keycloak
  if [ "$jvm" != "$pid" ] && kill -0 "$jvm" 2>/dev/null; then
    kill -TERM "$jvm" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$jvm" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$jvm" 2>/dev/null || true
  fi
}

# ---------------------------------------------------------------------------------------------
# install

with_lock() {
  # One install at a time across clones (shared home, shared seeds).
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$PW_CACHE/keycloak.lock"
    flock -w 1800 9 || die "timed out waiting for $PW_CACHE/keycloak.lock (another install running?)"
  fi
}

download_and_unzip() {
  [ -x "$KC_HOME/bin/kc.sh" ] && return 0
  require_cmd unzip "apt-get install -y unzip"
  command -v mvn >/dev/null 2>&1 \
    || die "mvn not found: install the Debian package 'maven'; it downloads the Keycloak zip from Maven Central"
  local work="$PW_CACHE/.keycloak-$KEYCLOAK_VERSION.$$" t0=$SECONDS
  rm -rf "$work"; mkdir -p "$work"
  log "downloading org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip from Maven Central (~175 MB) ..."
  if ! (cd "$work" && mvn -q -B -Dstyle.color=never dependency:copy \
          "-Dartifact=org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" \
          -DoutputDirectory="$work" -Dmdep.overWriteReleases=true) >"$work/mvn.log" 2>&1; then
    mv -f "$work/mvn.log" "$PW_CACHE/keycloak-mvn-install.log"; rm -rf "$work"
    grep -E '\[ERROR\]' "$PW_CACHE/keycloak-mvn-install.log" | head -n 5 >&2 || true
    die "mvn could not download Keycloak $KEYCLOAK_VERSION (full output: $PW_CACHE/keycloak-mvn-install.log). Is Maven Central reachable and the version served?"
  fi
  local zip="$work/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip"
  [ -f "$zip" ] || { rm -rf "$work"; die "mvn succeeded but $zip is missing"; }
  log "downloaded in $((SECONDS - t0)) s; unzipping"
  unzip -q "$zip" -d "$work/x" || { rm -rf "$work"; die "unzip of $zip failed (corrupt download? delete ~/.m2/repository/org/keycloak/keycloak-quarkus-dist/$KEYCLOAK_VERSION and retry)"; }
  [ -x "$work/x/keycloak-$KEYCLOAK_VERSION/bin/kc.sh" ] || { rm -rf "$work"; die "zip has no keycloak-$KEYCLOAK_VERSION/bin/kc.sh"; }
  rm -rf "$KC_HOME"
  mv "$work/x/keycloak-$KEYCLOAK_VERSION" "$KC_HOME"
  rm -rf "$work"
  log "unpacked Keycloak $KEYCLOAK_VERSION into $KC_HOME ($(du -sh "$KC_HOME" | cut -f1)) in $((SECONDS - t0)) s"
}

# build_seed: boot once with the realm import into an empty H2 file, stop cleanly, keep the file.
# Also augments the shared home for KC_BUILD_OPTS (first boot after unzip). Caller holds the lock.
build_seed() {
  local seed; seed="$(seed_dir)"
  local work="$KC_STATE/seed-build" t0=$SECONDS
  is_running keycloak && die "cannot build the realm seed while Keycloak runs (pid $(kc_pid)); run keycloak.sh stop first"
  rm -f "$KC_PID_FILE"
  ports_free_or_die
  rm -rf "$work"; mkdir -p "$work/import"
  cp "$KEYCLOAK_REALM_FILE" "$work/import/realm-crm.json"
  if [ -f "$(built_stamp_file)" ]; then
    log "seeding: importing $KEYCLOAK_REALM_FILE into a fresh H2 database (one boot; log: $KC_SEED_LOG)"
  else
    log "seeding: first boot of this Keycloak home augments it, then imports $KEYCLOAK_REALM_FILE (several minutes on 2 cores; log: $KC_SEED_LOG)"
  fi
  launch "$work" "$KC_SEED_LOG" "$work/import"
  wait_ready "$(kc_pid)" "$KEYCLOAK_SEED_TIMEOUT" "$KC_SEED_LOG"
  if ! grep -qF "Realm '$KEYCLOAK_REALM' imported" "$KC_SEED_LOG"; then
    stop_kc
    tail -n 60 "$KC_SEED_LOG" >&2
    die "the seeding boot did not log \"Realm '$KEYCLOAK_REALM' imported\" (see $KC_SEED_LOG)"
  fi
  stop_kc   # a clean shutdown closes the H2 file
  local db="$work/data/h2/keycloakdb.mv.db"
  [ -s "$db" ] || die "seeding boot left no H2 file at $db"
  touch "$(built_stamp_file)"
  mkdir -p "$KC_SEEDS"
  local tmp="$KC_SEEDS/.tmp.$$"
  rm -rf "$tmp"; mkdir -p "$tmp/data/h2"
  cp "$db" "$tmp/data/h2/keycloakdb.mv.db"
  cp "$KEYCLOAK_REALM_FILE" "$tmp/realm-crm.json"
  if ! mv -T "$tmp" "$seed" 2>/dev/null; then rm -rf "$tmp"; fi   # another clone won the race
  # Seeds of older realm files: keep the 8 most recently used.
  ls -1dt "$KC_SEEDS"/*/ 2>/dev/null | tail -n +9 | xargs -r rm -rf
  rm -rf "$work"
  log "realm seed ready in $((SECONDS - t0)) s: $seed"
}

installed() { [ -x "$KC_HOME/bin/kc.sh" ] && [ -f "$(built_stamp_file)" ] && [ -s "$(seed_dir)/data/h2/keycloakdb.mv.db" ]; }

cmd_install() {
  find_java
  [ -f "$KEYCLOAK_REALM_FILE" ] || die "realm file $KEYCLOAK_REALM_FILE not found"
  if installed; then
    log "Keycloak $KEYCLOAK_VERSION already installed in $KC_HOME (realm seed $(seed_dir))"
    return 0
  fi
  with_lock
  download_and_unzip
  if [ -f "$(built_stamp_file)" ] && [ -s "$(seed_dir)/data/h2/keycloakdb.mv.db" ]; then
    log "Keycloak $KEYCLOAK_VERSION installed in $KC_HOME (realm seed $(seed_dir))"
  elif is_running keycloak; then
    log "Keycloak is running: the realm seed is built on the next start after keycloak.sh stop"
  else
    build_seed
  fi
}

# ---------------------------------------------------------------------------------------------
# start / stop / status / env

print_running() {
  local pid; pid="$(kc_pid)"
  log "Keycloak $KEYCLOAK_VERSION running: pid $pid (JVM $(jvm_pid "$pid"), RSS $(rss_mb "$(jvm_pid "$pid")")), $KEYCLOAK_URL (realm $KEYCLOAK_REALM, admin console $KEYCLOAK_URL/admin admin/admin), management 127.0.0.1:$KEYCLOAK_MANAGEMENT_PORT"
  log "  logs: $KC_LOG   data: $KC_DB   home: $KC_HOME"
}

cmd_start() {
  find_java
  [ -f "$KEYCLOAK_REALM_FILE" ] || die "realm file $KEYCLOAK_REALM_FILE not found"
  [ -x "$KC_HOME/bin/kc.sh" ] || cmd_install

  if is_running keycloak; then
    if ! realm_ready; then
      log "Keycloak process $(kc_pid) is running but the realm does not answer yet; waiting"
      wait_ready "$(kc_pid)" "$KEYCLOAK_READY_TIMEOUT" "$KC_LOG"
    fi
    log "already running"
    [ "$(cat "$KC_STATE/realm.hash" 2>/dev/null)" = "$(realm_hash)" ] \
      || log "WARNING: $KEYCLOAK_REALM_FILE changed since this server started; run keycloak.sh stop && keycloak.sh start to load it"
    print_running
    return 0
  fi
  rm -f "$KC_PID_FILE"
  ports_free_or_die

  local seed; seed="$(seed_dir)"
  if [ ! -f "$(built_stamp_file)" ] || [ ! -s "$seed/data/h2/keycloakdb.mv.db" ]; then
    log "no realm seed for the current realm-crm.json (hash $(realm_hash)); building it"
    with_lock
    [ -x "$KC_HOME/bin/kc.sh" ] || download_and_unzip
    { [ -f "$(built_stamp_file)" ] && [ -s "$seed/data/h2/keycloakdb.mv.db" ]; } || build_seed
  fi

  # Fresh database every start: the realm is exactly realm-crm.json, no sessions survive.
  rm -rf "$KC_DB" "$KC_TX"
  mkdir -p "$KC_DB/data/h2"
  touch "$seed"
  cp "$seed/data/h2/keycloakdb.mv.db" "$KC_DB/data/h2/keycloakdb.mv.db"

  local t0=$SECONDS
  log "starting Keycloak $KEYCLOAK_VERSION (start-dev, Java $("$KC_JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'), heap $JAVA_OPTS_KC_HEAP) on $KEYCLOAK_URL"
  launch "$KC_DB" "$KC_LOG"
  realm_hash >"$KC_STATE/realm.hash"
  wait_ready "$(kc_pid)" "$KEYCLOAK_READY_TIMEOUT" "$KC_LOG"
  log "ready in $((SECONDS - t0)) s"
  print_running
}

cmd_stop() {
  if is_running keycloak; then
    local pid t0=$SECONDS; pid="$(kc_pid)"
    log "stopping Keycloak (pid $pid)"
    stop_kc
    log "stopped in $((SECONDS - t0)) s"
  else
    rm -f "$KC_PID_FILE"
    log "not running"
  fi
}

cmd_status() {
  if ! is_running keycloak; then
    log "not running"
    return 1
  fi
  find_java
  if realm_ready; then
    print_running
    return 0
  fi
  log "process $(kc_pid) is running but $READY_URL does not answer (log: $KC_LOG)"
  return 1
}

cmd_env() {
  echo "export KEYCLOAK_URL=$KEYCLOAK_URL"
  echo "export KEYCLOAK_REALM=$KEYCLOAK_REALM"
  echo "export KEYCLOAK_ISSUER=$KEYCLOAK_ISSUER"
}

usage() { awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$0" >&2; }

component_main "$@"
