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
: "${S3_PORT:=19000}"

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

# apt_install PKG...: installs Debian packages that are not present yet. Components install in
# parallel: they take turns on a lock of their own, since apt's lock timeout covers dpkg's lock but
# not the package lists' lock that `apt-get update` takes.
APT_WAIT=(-o DPkg::Lock::Timeout=600)
apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
  mkdir -p "$PW_CACHE"
  (
    flock -w 1200 9 || die "waited 20 minutes for another install of Debian packages"
    missing=()
    for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
    [ ${#missing[@]} -eq 0 ] && exit 0
    log "installing Debian packages: ${missing[*]}"
    "${sudo[@]}" apt-get "${APT_WAIT[@]}" update -qq >/dev/null \
      && "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "${APT_WAIT[@]}" install -y -qq "${missing[@]}" >/dev/null \
      || die "apt-get install ${missing[*]} failed${sudo[*]:+ (needs root or sudo)}"
  ) 9>"$PW_CACHE/apt.lock" || exit 1
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

# go_bin NAME SRC_DIR: the cached binary path of the Go main module in SRC_DIR. It is named after a
# hash of go.mod, go.sum and main.go, so a changed module rebuilds while clones sharing $PW_CACHE
# reuse the same build.
go_bin() {
  local h
  h="$(cat "$2/go.mod" "$2/go.sum" "$2/main.go" | sha256sum | cut -c1-12)"
  echo "$PW_CACHE/bin/$1-$h"
}

# go_build NAME SRC_DIR: builds the Go main module in SRC_DIR into $(go_bin NAME SRC_DIR) unless
# it is built already. Modules come from the Go module proxy.
go_build() {
  local name="$1" src="$2" bin t0=$SECONDS
  for f in go.mod go.sum main.go; do
    [ -f "$src/$f" ] || die "missing $src/$f"
  done
  bin="$(go_bin "$name" "$src")"
  if [ -x "$bin" ]; then
    log "already built: $bin"
    return 0
  fi
  require_cmd go "Go >= 1.24 is needed to build $name; modules come from the Go module proxy"
  # Go >= 1.21 fetches the toolchain named in go.mod by itself (GOTOOLCHAIN=auto).
  local gov; gov="$(go env GOVERSION 2>/dev/null || echo go0)"
  if [ "$(printf '%s\n' go1.21 "$gov" | sort -V | head -n1)" != go1.21 ]; then
    die "Go $gov is too old to build $name (>= 1.21 can download the toolchain go.mod names)"
  fi
  mkdir -p "$PW_CACHE/bin"
  log "building $name from $src (a first build downloads modules)"
  local tmp="$bin.tmp.$$"
  # -buildvcs=false: the module sits inside the project's git checkout; VCS stamping is useless
  # here and fails without git or with a repository owned by another user.
  if ! (cd "$src" && go build -mod=readonly -buildvcs=false -trimpath -o "$tmp" .); then
    rm -f "$tmp"
    die "go build of $src failed (Go module proxy reachable? go.sum up to date? try 'go mod tidy' there)"
  fi
  mv -f "$tmp" "$bin"
  log "built $bin in $((SECONDS - t0)) s"
}

# component_main COMMAND [ARGS...]: the entry point of a component script; runs the script's
# cmd_COMMAND function, or prints the commands it has.
component_main() {
  local command="${1:-}"
  [ $# -gt 0 ] && shift
  if [ -n "$command" ] && declare -F "cmd_$command" >/dev/null; then
    "cmd_$command" "$@"
  else
    declare -F usage >/dev/null && usage
    echo "usage: $0 $(declare -F | awk '$3 ~ /^cmd_/ { sub(/^cmd_/, "", $3); print $3 }' | paste -sd'|')" >&2
    [ "$command" = help ] || [ "$command" = -h ] || [ "$command" = --help ] || exit 2
  fi
}
