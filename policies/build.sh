#!/usr/bin/env bash
# Builds policies/bundle/bundle.tar.gz and policies/bundle/rules.json from the Rego in policies/,
# with the opa from Simian's toolchain cache (built once per machine from the Go module proxy).
# Usage: policies/build.sh [--check]   (--check: exit 1 when the committed bundle is stale)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
if [[ " $* " != *" --check "* && -z "${SIMIAN_OPA:-}" ]]; then
  bin="$("$root/packages/sandbox/toolchain/build.sh" opa | sed -n 's/^opa=//p')"
  export SIMIAN_OPA="$bin/opa"
fi
cd "$root"
exec "$root/node_modules/.bin/tsx" --conditions @simian/source packages/policy/src/build-policies.ts "$@" "$here"
