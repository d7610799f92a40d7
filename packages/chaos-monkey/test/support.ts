// Helpers for the chaos monkey's tests against the sandbox: a registry and config as the CLI
// builds them, and a run of the real engine with the real providers. Clients, workloads of the
// test's own and waiting come from @simian/testing/sandbox.
import {
  parseConfigText,
  Registry,
  runMonkeys,
  seededRng,
  silentLogger,
  Store,
  type ProviderFactory,
  type RunResult,
  type SimianConfig,
} from '@simian/core';
import { ALWAYS } from '@simian/testing/sandbox';
import { chaosMonkey } from '../src/index.js';

export {
  ALWAYS,
  createNamespace,
  isReady,
  kubeClients,
  livePods,
  podUids,
  uniqueName,
  waitFor,
  waitReady,
  workloadBody,
  type KubeClients,
  type TestWorkloadKind,
} from '@simian/testing/sandbox';

/**
 * A registry as the CLI builds it: the chaos monkey and the given providers. Each test file
 * passes only the providers it uses, so a file about Kubernetes never loads the AWS SDK.
 */
export function registryOf(providers: ProviderFactory[]): Registry {
  const registry = new Registry().registerMonkey(chaosMonkey);
  for (const p of providers) registry.registerProvider(p);
  return registry;
}

/** simian.yaml for a test: the sandbox's kubeconfig, scoped to `namespace`, chaos enabled. */
export function chaosConfigFor(options: {
  registry: Registry;
  kubeconfig?: string;
  namespace?: string;
  aws?: { endpoint: string };
  chaos?: string;
  top?: string;
}): SimianConfig {
  const targets = [
    'targets:',
    ...(options.kubeconfig
      ? [
          '  kubernetes:',
          `    - kubeconfig: ${options.kubeconfig}`,
          `      namespaces: { include: [${options.namespace}] }`,
        ]
      : []),
    ...(options.aws
      ? ['  aws:', `    - region: us-east-1`, `      endpoint: ${options.aws.endpoint}`]
      : []),
  ].join('\n');
  const text = `version: 1
${options.top ?? ''}${targets}
monkeys:
  chaos:
    enabled: true
    schedule:
      windows: ${ALWAYS}
      minTimeBetweenActions: 0s
${options.chaos ?? ''}`;
  return parseConfigText(text, '/tmp/simian-chaos-test.yaml', options.registry, { env: {} });
}

/** One real run (or plan) of the chaos monkey through the engine, with a seeded rng. */
export async function runChaos(
  registry: Registry,
  config: SimianConfig,
  store: Store,
  options: { seed?: number; mode?: 'plan' | 'run' } = {},
): Promise<RunResult> {
  return runMonkeys({
    config,
    registry,
    store,
    logger: silentLogger(),
    mode: options.mode ?? 'run',
    rng: seededRng(options.seed ?? 1),
    env: {},
  });
}

export { Store };
