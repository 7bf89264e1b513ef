#!/usr/bin/env bash
# Installs everything, starts the native local stack and runs the whole test suite:
# contracts, lint, types, unit, integration, end-to-end and chart checks. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh
PW_COMPONENT=test

REPORTS="$PW_STATE/reports"
rm -rf "$REPORTS" && mkdir -p "$REPORTS"
failed=()
started=$SECONDS

step() {
  local name="$1"; shift
  local t=$SECONDS
  log "── $name"
  if "$@"; then log "── $name: ok ($((SECONDS - t)) s)"; else log "── $name: FAILED ($((SECONDS - t)) s)"; failed+=("$name"); fi
}

jest_json() { # name config [args...]
  local name="$1"; shift
  node --experimental-vm-modules --no-warnings=ExperimentalWarning node_modules/jest/bin/jest.js --ci --json --outputFile="$REPORTS/$name.json" "$@"
}

# The chart tools build from source; let that run while the code is checked.
bash deploy/local/components/helm-tools.sh install > "$PW_STATE/logs/helm-tools-install.log" 2>&1 &
helm_tools_pid=$!
bash deploy/local/components/fuzz-tools.sh install > "$PW_STATE/logs/fuzz-tools-install.log" 2>&1 &
fuzz_tools_pid=$!

step "proto: buf lint + format" bash -c 'cd proto && npx --no-install buf lint && npx --no-install buf format --diff --exit-code'
step "lint" npm run --silent lint
step "module boundaries" bash tools/check-boundaries.sh
step "typecheck" npm run --silent typecheck
step "unit tests" jest_json unit -c jest.config.js

step "local stack" bash deploy/local/stack.sh up
eval "$(bash deploy/local/stack.sh env)"
step "kafka topics" node dist/libs/kafka/src/ensure-topics.cli.js
step "integration tests" jest_json integration -c jest.int.config.js --runInBand
wait "$fuzz_tools_pid" || log "the API fuzzer failed to install: $(tail -5 "$PW_STATE/logs/fuzz-tools-install.log")"
eval "$(bash deploy/local/components/fuzz-tools.sh env)"
step "e2e tests (with the API fuzz)" jest_json e2e -c e2e/jest.config.js --runInBand

if wait "$helm_tools_pid"; then
  step "charts: lint, template, schema validation" bash scripts/check-charts.sh
else
  log "helm tools failed to install: $(tail -5 "$PW_STATE/logs/helm-tools-install.log")"
  failed+=("helm tools")
fi

node tools/test-summary.mjs "$REPORTS" || true
log "finished in $((SECONDS - started)) s; logs in $PW_STATE/logs"
if [ ${#failed[@]} -gt 0 ]; then
  log "failed steps: ${failed[*]}"
  exit 1
fi
