#!/usr/bin/env bash
# Proves the module-boundary rule bites: a service importing another service's code must fail lint.
set -euo pipefail
cd "$(dirname "$0")/.."
probe=services/leads-contacts/src/__boundary_probe__.ts
trap 'rm -f "$probe"' EXIT
# The rule reads Nx's project graph; without a computed graph it is skipped silently.
npx --no-install nx show projects >/dev/null
echo "import { LeadsHttpController } from '../../gateway/src/upstreams/leads-contacts/leads/leads.http-controller'; export const probe = LeadsHttpController;" > "$probe"
output="$(npx --no-install eslint "$probe" 2>&1 || true)"
if ! grep -q '@nx/enforce-module-boundaries' <<<"$output"; then
  echo "module boundaries: a service importing another service was not rejected by @nx/enforce-module-boundaries" >&2
  exit 1
fi
echo "module boundaries: cross-service import rejected by lint"
