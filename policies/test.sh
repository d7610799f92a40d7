#!/usr/bin/env bash
# Runs the Rego unit tests (`opa test`) with the opa from Simian's toolchain cache, then checks
# that the committed bundle was built from the Rego as it is now.
# Usage: policies/test.sh [opa test flags, e.g. -v or --run K8S]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
if [[ -n "${SIMIAN_OPA:-}" ]]; then
  opa="$SIMIAN_OPA"
else
  opa="$("$root/packages/sandbox/toolchain/build.sh" opa | sed -n 's/^opa=//p')/opa"
fi
"$opa" fmt --list --fail "$here" >/dev/null || {
  echo "Rego is not formatted; run: $opa fmt -w policies" >&2
  "$opa" fmt --list "$here" >&2
  exit 1
}
"$opa" check --strict "$here"
"$opa" test "$here" --ignore bundle "$@"
cd "$root"
"$root/node_modules/.bin/tsx" --conditions @simian/source packages/policy/src/build-policies.ts --check "$here"
