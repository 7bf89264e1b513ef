#!/usr/bin/env bash
# The schema-based API fuzzer (schemathesis, from PyPI) in a virtual environment of its own.
#
#   fuzz-tools.sh install   creates $PW_CACHE/schemathesis-<version> and installs the pinned version (idempotent)
#   fuzz-tools.sh env       prints the line that names the fuzzer for the e2e suite:
#                           eval "$(bash deploy/local/components/fuzz-tools.sh env)"
#
# Override: PW_SCHEMATHESIS_VERSION.
PW_COMPONENT=fuzz-tools
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

: "${PW_SCHEMATHESIS_VERSION:=4.32.5}"
VENV="$PW_CACHE/schemathesis-$PW_SCHEMATHESIS_VERSION"

install() {
  if [ -x "$VENV/bin/st" ] && "$VENV/bin/st" --version 2>/dev/null | grep -q "$PW_SCHEMATHESIS_VERSION"; then return 0; fi
  command -v python3 >/dev/null 2>&1 || apt_install python3 python3-venv
  rm -rf "$VENV"
  if ! python3 -m venv "$VENV" 2>/dev/null; then
    apt_install python3-venv
    python3 -m venv "$VENV"
  fi
  log "installing schemathesis $PW_SCHEMATHESIS_VERSION into $VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$PW_SCHEMATHESIS_VERSION"
  "$VENV/bin/st" --version
}

case "${1:-}" in
  install) install ;;
  env) echo "export SCHEMATHESIS_BIN='$VENV/bin/st'" ;;
  *) die "usage: fuzz-tools.sh install|env" ;;
esac
