#!/usr/bin/env bash
# Sets up a fresh clone: npm dependencies, the TypeScript build, and the sandbox's binaries
# (kube-apiserver, etcd, kwok, opa, moto...) built once per machine into ~/.cache/simian.
# Safe to run again: every step is skipped when already done.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
step() { printf '\n==> %s\n' "$*"; }

step "npm dependencies"
if [[ ! -d node_modules/.bin ]] || ! npm ls --workspaces --silent >/dev/null 2>&1; then
  # Not `npm ci`: turbo lists optional binaries for every platform, the registry this project uses
  # serves only the Linux ones, and `npm ci` calls a lock without the others out of sync. `npm
  # install` installs exactly the locked versions and skips the optional ones it cannot get.
  npm install --no-audit --no-fund
else
  echo "up to date"
fi

step "sandbox toolchain (first run builds Kubernetes from source: ~8-15 minutes on 2 cores, helm ~2-3; then cached)"
bash packages/sandbox/toolchain/build.sh etcd kwok kubernetes moto opa helm crds >/dev/null

step "build"
npx turbo run build --output-logs=errors-only
