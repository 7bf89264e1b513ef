#!/usr/bin/env bash
# Generates libs/proto/src/gen from proto/ with buf and ts-proto.
set -euo pipefail
cd "$(dirname "$0")/../proto"
rm -rf ../libs/proto/src/gen
npx --no-install buf generate
