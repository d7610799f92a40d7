#!/usr/bin/env bash
# The README's main command (`npm run demo`): sets everything up on a fresh machine, starts the
# built-in default target (the sandbox: a real kube-apiserver with kwok nodes, and moto for AWS),
# seeds it with a small realistic estate, and runs every monkey against it in dry-run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
step() { printf '\n==> %s\n' "$*"; }
simian() { node packages/cli/bin/simian.js "$@"; }

bash .ci/setup.sh

step "sandbox up (real kube-apiserver, etcd, controller-manager, scheduler, kwok; moto)"
simian sandbox up
step "sandbox seed"
simian sandbox seed

# The sandbox's moto endpoint, which deploy/examples/sandbox/simian.yaml reads as ${AWS_ENDPOINT_URL}.
set -a
# shellcheck source=/dev/null
. .simian/sandbox/aws.env
set +a
config=deploy/examples/sandbox/simian.yaml
step "simian validate --config $config"
simian validate --config "$config"
step "simian schedule --config $config"
simian schedule --config "$config" -n 3
step "simian plan --config $config (what would happen now; nothing is changed)"
simian plan --config "$config" --out .simian/demo-plan.json --log-level warn
step "simian run --config $config (destructive monkeys are in dry-run: providers get dryRun=All)"
simian run --config "$config" --log-level warn
step "simian history --config $config"
simian history --config "$config" -n 5

printf '\nThe sandbox keeps running. Try:\n  export KUBECONFIG=%s/.simian/sandbox/kubeconfig\n  node packages/cli/bin/simian.js --help\n  node packages/cli/bin/simian.js sandbox down\n' "$PWD"
