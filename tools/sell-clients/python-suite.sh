#!/usr/bin/env bash
# Runs the test suite that ships inside the official Sell Python client (`basecrm` on PyPI) against a
# running gateway, with a personal access token, and writes one JSON line per test to REPORT:
#   {"test": "basecrm.test.test_users_service.UsersServiceTests.test_self", "outcome": "passed"}
# outcome is passed, failed, error or skipped; failures carry a "message". Exits 0 once the suite ran,
# whatever its outcomes (the caller judges them), and non-zero when it could not run.
#
# Usage: tools/sell-clients/python-suite.sh BASE_URL TOKEN REPORT
# The client is installed once into a virtual environment under the cache ($PW_CACHE/sell-clients).
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/local/lib.sh

BASE_URL="${1:?base URL of the gateway}" TOKEN="${2:?personal access token}" REPORT="${3:?report file}"
BASECRM_VERSION=1.2.9
VENV="$PW_CACHE/sell-clients/python-basecrm-$BASECRM_VERSION"

if [ ! -f "$VENV/.complete" ]; then
  rm -rf "$VENV"
  python3 -m venv "$VENV" >&2
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "basecrm==$BASECRM_VERSION" >&2
  touch "$VENV/.complete"
fi

BASECRM_BASE_URL="$BASE_URL" BASECRM_ACCESS_TOKEN="$TOKEN" "$VENV/bin/python" tools/sell-clients/python-suite-runner.py "$REPORT"
