#!/usr/bin/env bash
# Apache Kafka (single-node KRaft, broker+controller) for the native local stack.
# Runs from plain Maven Central jars: no tarball, no Docker.
#
#   kafka.sh install   resolve the jars into $PW_CACHE/kafka-<version>/libs (mvn; skipped if present)
#   kafka.sh start     format storage once, start the broker, wait until it answers metadata requests
#   kafka.sh stop      stop the broker (TERM, then KILL after 30 s)
#   kafka.sh status    exit 0 if running and answering metadata requests
#   kafka.sh env       print `export KAFKA_BROKERS=...`
#   kafka.sh reset     stop and delete the broker's data (topics, offsets, cluster id)
#   kafka.sh tool CLASS [ARGS...]   run a Kafka tool class from the same jars, e.g.
#       kafka.sh tool org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:19092 --list
#
# Environment: KAFKA_PORT / KAFKA_CONTROLLER_PORT (lib.sh), KAFKA_VERSION (default 4.4.0),
# KAFKA_HEAP_OPTS (default -Xms256m -Xmx512m), KAFKA_JVM_OPTS (extra broker JVM flags),
# KAFKA_JAVA or JAVA_HOME (default: java on PATH, must be 17+), KAFKA_READY_TIMEOUT (120 s).
PW_COMPONENT=kafka
source "$(dirname "$0")/../lib.sh"

: "${KAFKA_VERSION:=4.4.0}"
: "${KAFKA_HEAP_OPTS:=-Xms256m -Xmx512m}"
: "${KAFKA_JVM_OPTS:=}"
: "${KAFKA_READY_TIMEOUT:=120}"

KAFKA_CONF_DIR="$PW_ROOT/deploy/local/kafka"   # pom.xml, log4j2.properties, server.properties.template
KAFKA_HOME="$PW_CACHE/kafka-$KAFKA_VERSION"
KAFKA_LIBS="$KAFKA_HOME/libs"
KAFKA_STATE="$PW_STATE/kafka"
KAFKA_DATA="$KAFKA_STATE/data"
KAFKA_CONFIG="$KAFKA_STATE/server.properties"
KAFKA_CLIENT_CONFIG="$KAFKA_STATE/client.properties"
KAFKA_LOG4J="$KAFKA_CONF_DIR/log4j2.properties"
KAFKA_BOOTSTRAP="127.0.0.1:$KAFKA_PORT"
KAFKA_LOG="$(log_file kafka)"
KAFKA_PID_FILE="$(pid_file kafka)"

# ---------------------------------------------------------------------------------------------
# Java

JAVA=""
find_java() {
  [ -n "$JAVA" ] && return 0
  local j=""
  if [ -n "${KAFKA_JAVA:-}" ]; then j="$KAFKA_JAVA"
  elif [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then j="$JAVA_HOME/bin/java"
  elif command -v java >/dev/null 2>&1; then j="$(command -v java)"
  else
    die "java not found: Kafka $KAFKA_VERSION needs a Java 17+ runtime (Debian: apt-get install openjdk-17-jre-headless; or set JAVA_HOME / KAFKA_JAVA)"
  fi
  [ -x "$j" ] || die "java '$j' is not executable (check KAFKA_JAVA / JAVA_HOME)"
  local spec
  spec="$("$j" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}')"
  case "$spec" in
    1.*|"") die "java '$j' reports version '${spec:-unknown}': Kafka $KAFKA_VERSION needs Java 17+" ;;
  esac
  [ "${spec%%.*}" -ge 17 ] || die "java '$j' is Java $spec: Kafka $KAFKA_VERSION needs Java 17+ (set JAVA_HOME / KAFKA_JAVA)"
  JAVA="$j"
}

# run_java JVM_FLAGS... -- CLASS ARGS...: a short-lived JVM on the Kafka jars; logs go to stderr.
# JAVA_TIMEOUT=SECONDS bounds its run time.
run_java() {
  local flags=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do flags+=("$1"); shift; done
  shift
  local pre=()
  [ -n "${JAVA_TIMEOUT:-}" ] && pre=(timeout "$JAVA_TIMEOUT")
  "${pre[@]}" "$JAVA" "${flags[@]}" -Djava.awt.headless=true -Dpw.log.target=SYSTEM_ERR \
    -Dlog4j2.configurationFile="$KAFKA_LOG4J" -cp "$KAFKA_LIBS/*" "$@"
}
# Quick admin/CLI calls: small heap, C1 only (starts faster, enough for one request).
run_quick() { run_java -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -- "$@"; }

# ---------------------------------------------------------------------------------------------
# install

pom_stamp() { { echo "$KAFKA_VERSION"; cat "$KAFKA_CONF_DIR/pom.xml"; } | sha256sum | cut -d' ' -f1; }

# jar_has JAR ENTRY: zip central directories store entry names uncompressed.
jar_has() { [ -f "$1" ] && grep -qaF "$2" "$1"; }

# verify_libs DIR: the pieces the scripts rely on are present; prints what is missing.
verify_libs() {
  local d="$1" ok=0
  jar_has "$d/kafka_2.13-$KAFKA_VERSION.jar" 'kafka/Kafka.class' \
    || { log "missing kafka/Kafka.class (kafka_2.13-$KAFKA_VERSION.jar) in $d"; ok=1; }
  jar_has "$d/kafka_2.13-$KAFKA_VERSION.jar" 'kafka/tools/StorageTool.class' \
    || { log "missing kafka/tools/StorageTool.class in $d"; ok=1; }
  jar_has "$d/kafka-tools-$KAFKA_VERSION.jar" 'org/apache/kafka/tools/TopicCommand.class' \
    || { log "missing org/apache/kafka/tools/TopicCommand.class (kafka-tools-$KAFKA_VERSION.jar) in $d"; ok=1; }
  compgen -G "$d/log4j-core-*.jar" >/dev/null || { log "missing log4j-core in $d"; ok=1; }
  # The SLF4J binding must match the slf4j-api major Kafka brings, or the broker logs nothing.
  if compgen -G "$d/slf4j-api-2.*.jar" >/dev/null; then
    compgen -G "$d/log4j-slf4j2-impl-*.jar" >/dev/null \
      || { log "slf4j-api 2.x resolved but no log4j-slf4j2-impl: change the binding in deploy/local/kafka/pom.xml"; ok=1; }
  elif compgen -G "$d/slf4j-api-1.*.jar" >/dev/null; then
    compgen -G "$d/log4j-slf4j-impl-*.jar" >/dev/null \
      || { log "slf4j-api 1.x resolved but no log4j-slf4j-impl: change the binding in deploy/local/kafka/pom.xml"; ok=1; }
  else
    log "no slf4j-api jar in $d"; ok=1
  fi
  return $ok
}

installed() {
  [ -f "$KAFKA_HOME/.installed" ] && [ "$(cat "$KAFKA_HOME/.installed")" = "$(pom_stamp)" ] \
    && verify_libs "$KAFKA_LIBS" 2>/dev/null
}

cmd_install() {
  find_java
  if installed; then
    log "Kafka $KAFKA_VERSION already installed in $KAFKA_LIBS"
    return 0
  fi
  command -v mvn >/dev/null 2>&1 \
    || die "mvn not found: install the Debian package 'maven' (apt-get install -y maven); it resolves the Kafka jars from Maven Central"
  mkdir -p "$KAFKA_HOME"
  local work="$KAFKA_HOME/.resolve.$$" t0=$SECONDS
  rm -rf "$work"; mkdir -p "$work"
  # Run mvn on a copy of the POM so nothing (target/) is written into the checkout.
  cp "$KAFKA_CONF_DIR/pom.xml" "$work/pom.xml"
  log "resolving org.apache.kafka:kafka_2.13:$KAFKA_VERSION + kafka-tools + log4j2 from Maven Central ..."
  if ! (cd "$work" && mvn -q -B -Dstyle.color=never -f pom.xml -Dkafka.version="$KAFKA_VERSION" \
          dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$work/libs") \
          >"$work/mvn.log" 2>&1; then
    mv -f "$work/mvn.log" "$KAFKA_HOME/mvn-install.log"; rm -rf "$work"
    grep -E '\[ERROR\] (Failed|Could not|Non-resolvable)' "$KAFKA_HOME/mvn-install.log" | head -n 5 >&2 || tail -n 20 "$KAFKA_HOME/mvn-install.log" >&2
    die "mvn could not resolve Kafka $KAFKA_VERSION (full output: $KAFKA_HOME/mvn-install.log). Is Maven Central reachable and the version served?"
  fi
  verify_libs "$work/libs" || { rm -rf "$work"; die "resolved jars are incomplete (see above); nothing installed"; }
  rm -rf "$KAFKA_LIBS"
  mv "$work/libs" "$KAFKA_LIBS"
  cp "$work/pom.xml" "$KAFKA_HOME/pom.xml"
  pom_stamp >"$KAFKA_HOME/.installed"
  rm -rf "$work"
  log "installed Kafka $KAFKA_VERSION ($(ls "$KAFKA_LIBS" | wc -l) jars, $(du -sh "$KAFKA_LIBS" | cut -f1)) in $KAFKA_LIBS in $((SECONDS - t0)) s"
}

# ---------------------------------------------------------------------------------------------
# health

render_config() {
  mkdir -p "$KAFKA_DATA"
  sed -e "s|@KAFKA_PORT@|$KAFKA_PORT|g" \
      -e "s|@KAFKA_CONTROLLER_PORT@|$KAFKA_CONTROLLER_PORT|g" \
      -e "s|@KAFKA_DATA_DIR@|$KAFKA_DATA|g" \
      "$KAFKA_CONF_DIR/server.properties.template" >"$KAFKA_CONFIG.tmp"
  mv "$KAFKA_CONFIG.tmp" "$KAFKA_CONFIG"
  # Admin client used by the health check: fail fast instead of the 60 s default.
  printf 'request.timeout.ms=5000\ndefault.api.timeout.ms=10000\n' >"$KAFKA_CLIENT_CONFIG"
}

# A real metadata round-trip (ListTopics) against the broker.
metadata_ok() {
  [ -f "$KAFKA_CLIENT_CONFIG" ] || render_config
  JAVA_TIMEOUT=30 run_quick org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_BOOTSTRAP" \
    --command-config "$KAFKA_CLIENT_CONFIG" --list >/dev/null 2>&1
}

broker_pid() { cat "$KAFKA_PID_FILE" 2>/dev/null; }
rss_mb() { awk '/VmRSS/ {printf "%d MB", $2/1024}' "/proc/$1/status" 2>/dev/null || echo "?"; }

print_running() {
  local pid; pid="$(broker_pid)"
  log "Kafka $KAFKA_VERSION running: pid $pid, brokers $KAFKA_BOOTSTRAP (controller 127.0.0.1:$KAFKA_CONTROLLER_PORT), RSS $(rss_mb "$pid")"
  log "  logs: $KAFKA_LOG   data: $KAFKA_DATA   config: $KAFKA_CONFIG"
}

# wait_ready PID: TCP port open AND a successful metadata request; fails fast if the JVM exits.
wait_ready() {
  local pid="$1" deadline=$((SECONDS + KAFKA_READY_TIMEOUT)) last_try=-100
  while :; do
    if ! kill -0 "$pid" 2>/dev/null; then
      log "broker process $pid exited during start-up; last 40 log lines ($KAFKA_LOG):"
      tail -n 40 "$KAFKA_LOG" >&2
      rm -f "$KAFKA_PID_FILE"
      die "Kafka did not start"
    fi
    if port_open 127.0.0.1 "$KAFKA_PORT"; then
      # One JVM per attempt is not free on 2 cores: try right after "Kafka Server started",
      # otherwise (e.g. logging misconfigured) every 5 s once the port is open.
      if grep -qF 'Kafka Server started' "$KAFKA_LOG" 2>/dev/null || [ $((SECONDS - last_try)) -ge 5 ]; then
        last_try=$SECONDS
        metadata_ok && return 0
      fi
    fi
    if [ $SECONDS -ge $deadline ]; then
      log "Kafka not ready after ${KAFKA_READY_TIMEOUT} s; last 40 log lines ($KAFKA_LOG):"
      tail -n 40 "$KAFKA_LOG" >&2
      log "stopping the half-started broker (pid $pid)"
      stop_pid kafka
      die "Kafka did not become ready"
    fi
    sleep 0.5
  done
}

# ---------------------------------------------------------------------------------------------
# start / stop / status / reset

cmd_start() {
  find_java
  installed || cmd_install

  if is_running kafka; then
    if port_open 127.0.0.1 "$KAFKA_PORT" && metadata_ok; then
      log "already running and healthy"
      print_running
      return 0
    fi
    log "broker process $(broker_pid) is running but not answering yet; waiting"
    wait_ready "$(broker_pid)"
    print_running
    return 0
  fi
  rm -f "$KAFKA_PID_FILE"

  local p
  for p in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
    port_open 127.0.0.1 "$p" \
      && die "port $p is already in use by a process this stack did not start (state: $PW_STATE); stop it or set KAFKA_PORT / KAFKA_CONTROLLER_PORT"
  done

  render_config
  if [ ! -f "$KAFKA_DATA/meta.properties" ]; then
    local cluster_id
    cluster_id="$(run_quick kafka.tools.StorageTool random-uuid)" || die "kafka.tools.StorageTool random-uuid failed"
    log "formatting storage in $KAFKA_DATA (cluster id $cluster_id)"
    # Static quorum (controller.quorum.voters): no --standalone.
    local out
    out="$(run_quick kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_CONFIG" --ignore-formatted 2>&1)" \
      || { printf '%s\n' "$out" >&2; die "kafka.tools.StorageTool format failed"; }
    printf '%s\n' "$out" | grep -F 'metadata.version' | grep -v 'Bootstrap metadata' | sed 's/^/[kafka]   /' >&2 || true
  fi

  [ -f "$KAFKA_LOG" ] && mv -f "$KAFKA_LOG" "$KAFKA_LOG.1"
  local t0=$SECONDS
  log "starting Kafka $KAFKA_VERSION on $KAFKA_BOOTSTRAP (heap $KAFKA_HEAP_OPTS)"
  # Own session (setsid) so the broker outlives the calling shell; the wrapper writes its own
  # pid and then execs java, so the pid file holds the JVM's pid.
  # shellcheck disable=SC2086  # KAFKA_HEAP_OPTS / KAFKA_JVM_OPTS are flag lists
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$KAFKA_PID_FILE" \
    "$JAVA" $KAFKA_HEAP_OPTS \
      -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
      -XX:+ExplicitGCInvokesConcurrent -XX:MaxInlineLevel=15 -XX:+ExitOnOutOfMemoryError \
      -Djava.awt.headless=true -Dkafka.logs.dir="$PW_STATE/logs" \
      -Dlog4j2.configurationFile="$KAFKA_LOG4J" $KAFKA_JVM_OPTS \
      -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_CONFIG" \
    </dev/null >>"$KAFKA_LOG" 2>&1 &
  local i
  for i in $(seq 1 50); do [ -s "$KAFKA_PID_FILE" ] && break; sleep 0.1; done
  [ -s "$KAFKA_PID_FILE" ] || die "could not launch java (no pid file $KAFKA_PID_FILE)"

  wait_ready "$(broker_pid)"
  log "ready in $((SECONDS - t0)) s"
  print_running
}

cmd_stop() {
  if is_running kafka; then
    local pid t0=$SECONDS; pid="$(broker_pid)"
    log "stopping Kafka (pid $pid)"
    stop_pid kafka
    log "stopped in $((SECONDS - t0)) s"
  else
    rm -f "$KAFKA_PID_FILE"
    log "not running"
  fi
}

cmd_status() {
  if ! is_running kafka; then
    log "not running"
    return 1
  fi
  find_java
  if port_open 127.0.0.1 "$KAFKA_PORT" && metadata_ok; then
    print_running
    return 0
  fi
  log "process $(broker_pid) is running but $KAFKA_BOOTSTRAP does not answer metadata requests (log: $KAFKA_LOG)"
  return 1
}

cmd_reset() {
  cmd_stop
  rm -rf "$KAFKA_DATA" "$KAFKA_CONFIG" "$KAFKA_CLIENT_CONFIG"
  log "deleted Kafka data in $KAFKA_DATA"
}

cmd_env() { echo "export KAFKA_BROKERS=$KAFKA_BOOTSTRAP"; }

cmd_tool() {
  [ $# -ge 1 ] || die "usage: kafka.sh tool CLASS [ARGS...]"
  find_java
  installed || die "Kafka $KAFKA_VERSION is not installed: run kafka.sh install"
  # shellcheck disable=SC2086
  run_java ${KAFKA_TOOL_OPTS:--Xmx256m -XX:+UseSerialGC} -- "$@"
}

usage() { awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$0" >&2; }

component_main "$@"
