# Shared helpers for the native local stack scripts. Source it; do not run it.
# Every component script reads its ports and paths from the environment with the defaults below.
set -euo pipefail

PW_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# Downloads and builds that do not depend on the clone (jars, distributions, binaries).
PW_CACHE="${PIPEWRIGHT_CACHE:-$HOME/.cache/pipewright}"
# Data, logs and pid files of this clone's running stack (git-ignored).
PW_STATE="${PIPEWRIGHT_STATE:-$PW_ROOT/.local-stack}"

: "${PG_HOST:=127.0.0.1}"
: "${PG_PORT:=55432}"
: "${KAFKA_PORT:=19092}"
: "${KAFKA_CONTROLLER_PORT:=19093}"
: "${KEYCLOAK_PORT:=8180}"
: "${KEYCLOAK_MANAGEMENT_PORT:=9180}"
: "${FERRETDB_PORT:=27018}"

mkdir -p "$PW_CACHE" "$PW_STATE/logs" "$PW_STATE/run"

# Toolchains installed outside the default PATH by their upstream installers, and the system
# directories (runuser, pg_ctl wrappers) that a minimal non-login PATH may lack.
for d in /usr/local/go/bin "$HOME/go/bin" /usr/sbin /sbin; do
  case ":$PATH:" in *":$d:"*) ;; *) [ -d "$d" ] && PATH="$PATH:$d" ;; esac
done
export PATH

log()  { printf '[%s] %s\n' "${PW_COMPONENT:-stack}" "$*" >&2; }
die()  { printf '[%s] ERROR: %s\n' "${PW_COMPONENT:-stack}" "$*" >&2; exit 1; }

require_cmd() { command -v "$1" >/dev/null 2>&1 || die "missing command '$1' ($2)"; }

# apt_install PKG...: installs Debian packages that are not present yet.
apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
      || die "apt-get install ${missing[*]} failed"
  else
    sudo apt-get update -qq >/dev/null && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
      || die "apt-get install ${missing[*]} failed (needs root or sudo)"
  fi
}

pid_file() { echo "$PW_STATE/run/$1.pid"; }
log_file() { echo "$PW_STATE/logs/$1.log"; }

is_running() {
  local f; f="$(pid_file "$1")"
  [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null
}

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# wait_until DESCRIPTION TIMEOUT_SECONDS CMD...: polls CMD every 0.5 s.
wait_until() {
  local what="$1" timeout="$2"; shift 2
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    if [ $SECONDS -ge $deadline ]; then return 1; fi
    sleep 0.5
  done
}

# stop_pid NAME: TERM, wait up to 30 s, then KILL.
stop_pid() {
  local name="$1" f; f="$(pid_file "$1")"
  [ -f "$f" ] || return 0
  local pid; pid="$(cat "$f")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$f"
}
