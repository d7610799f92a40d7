// Helpers for the activity pack's tests against the sandbox: targets built as `simian experiment
// run --config` builds them (the gated executor, the ledger, fresh reads), and a run of one
// function as the experiment runner's python provider does.
import {
  buildProviders,
  createExperimentTargets,
  parseConfigText,
  Registry,
  seededRng,
  silentLogger,
  Store,
  type ExperimentTargets,
  type ProviderFactory,
  type SimianConfig,
} from '@simian/core';
import { createActivityRegistry, type ActivityRegistry } from '@simian/experiments';
import { afterEach, beforeEach } from 'vitest';
import { registerActivityPack } from '../src/index.js';

export {
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
} from '@simian/testing/sandbox';
export { Store };

/** A registry with the given providers and no monkey: activities need targets, not monkeys. */
export function registryOf(providers: ProviderFactory[]): Registry {
  const registry = new Registry();
  for (const p of providers) registry.registerProvider(p);
  return registry;
}

/** simian.yaml for an activity test: the sandbox's kubeconfig, scoped to `namespaces`. */
export function activityConfigFor(options: {
  registry: Registry;
  kubeconfig: string;
  namespaces: string;
  top?: string;
}): SimianConfig {
  const text = `version: 1
${options.top ?? ''}targets:
  kubernetes:
    - kubeconfig: ${options.kubeconfig}
      namespaces: { include: [${options.namespaces}] }
`;
  return parseConfigText(text, '/tmp/simian-activity-test.yaml', options.registry, { env: {} });
}

/** Targets as `simian experiment run --config` builds them: gated executor, ledger, fresh reads. */
export function experimentTargets(
  config: SimianConfig,
  registry: Registry,
  store: Store,
  options: { dryRun: boolean; runId: string; seed?: number },
): ExperimentTargets {
  const logger = silentLogger();
  return createExperimentTargets({
    config,
    providers: buildProviders(config, registry, logger),
    store,
    runId: options.runId,
    dryRun: options.dryRun,
    signal: new AbortController().signal,
    logger,
    rng: seededRng(options.seed ?? 1),
    env: {},
  });
}

/** Runs `module.func` as the experiment runner's python provider does, with `targets` added. */
export async function runActivity(
  activities: ActivityRegistry,
  dotted: string,
  args: Record<string, unknown>,
  targets: ExperimentTargets,
  options: { name: string; type?: 'action' | 'probe' },
) {
  const dot = dotted.lastIndexOf('.');
  return activities.providerType('python').run(
    {
      type: 'python',
      module: dotted.slice(0, dot),
      func: dotted.slice(dot + 1),
      arguments: args,
    },
    {
      signal: new AbortController().signal,
      logger: silentLogger(),
      configuration: {},
      secrets: {},
      env: {},
      activity: { name: options.name, type: options.type ?? 'action', hasTolerance: false },
      registry: activities,
      targets,
    } as Parameters<ReturnType<ActivityRegistry['providerType']>['run']>[1],
  );
}

/** What a test of the experiment activities works with (see {@link activityHarness}). */
export interface ActivityHarness {
  /** simian.yaml scoped to the harness's namespaces, with `top` (e.g. a safety section) added. */
  config(top?: string): SimianConfig;
  /** The current test's ledger, newest first. */
  ledger(): ReturnType<Store['ledger']>;
  /** Runs `module.func` with targets built for this run, as `simian experiment run --config` does. */
  run(
    dotted: string,
    args: Record<string, unknown>,
    options?: { dryRun?: boolean; type?: 'action' | 'probe'; config?: SimianConfig },
  ): Promise<unknown>;
}

/**
 * The activity pack, a fresh in-memory store per test (registered as beforeEach and
 * afterEach), and targets built per run through createExperimentTargets: the gated executor,
 * the ledger, fresh reads. Call it at the top of a test file.
 */
export function activityHarness(options: {
  registry: Registry;
  kubeconfig: string;
  /** The namespaces in scope, as simian.yaml's include list takes them (`a, kube-system`). */
  namespaces: string;
  runId: string;
  /** The activity's name in its action's reason. @default runId */
  activity?: string;
  seed?: number;
}): ActivityHarness {
  const activities = registerActivityPack(createActivityRegistry());
  let store: Store;
  beforeEach(() => {
    store = new Store(':memory:');
  });
  afterEach(() => store.close());
  const config = (top = '') =>
    activityConfigFor({
      registry: options.registry,
      kubeconfig: options.kubeconfig,
      namespaces: options.namespaces,
      top,
    });
  return {
    config,
    ledger: () => store.ledger(),
    run: (dotted, args, o = {}) =>
      runActivity(
        activities,
        dotted,
        args,
        experimentTargets(o.config ?? config(), options.registry, store, {
          dryRun: o.dryRun ?? false,
          runId: options.runId,
          ...(options.seed === undefined ? {} : { seed: options.seed }),
        }),
        { name: options.activity ?? options.runId, ...(o.type ? { type: o.type } : {}) },
      ),
  };
}
