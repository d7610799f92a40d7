// Helpers for the chaos monkey's tests against the sandbox: clients, workloads of the test's own,
// waiting, and a run of the real engine with the real providers.
import {
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  PolicyV1Api,
  type V1Pod,
  type V1PodSpec,
} from '@kubernetes/client-node';
import { afterEach, beforeEach } from 'vitest';
import {
  buildProviders,
  createActivityRegistry,
  createExperimentTargets,
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
import { chaosMonkey, registerChaosActivities, type ActivityTargets } from '../src/index.js';
import type { ActivityRegistry } from '@simian/core';

/**
 * A registry as the CLI builds it: the chaos monkey and the given providers. Each test file
 * passes only the providers it uses, so a file about Kubernetes never loads the AWS SDK.
 */
export function registryOf(providers: ProviderFactory[]): Registry {
  const registry = new Registry().registerMonkey(chaosMonkey);
  for (const p of providers) registry.registerProvider(p);
  return registry;
}

/** A unique, DNS-safe name for what a test creates. */
export const uniqueName = (prefix: string): string =>
  `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;

/** Every day, all day: tests must not depend on the hour they run at. */
export const ALWAYS =
  '{ days: [sun, mon, tue, wed, thu, fri, sat], hours: { start: "00:00", end: "24:00" } }';

/** Polls `probe` until it returns something, or fails naming `what`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Kubernetes clients over the sandbox's admin kubeconfig. */
export function kubeClients(kubeconfig: string) {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  return {
    core: kc.makeApiClient(CoreV1Api),
    apps: kc.makeApiClient(AppsV1Api),
    policy: kc.makeApiClient(PolicyV1Api),
  };
}
export type KubeClients = ReturnType<typeof kubeClients>;

/** Creates a namespace and waits for its default ServiceAccount (pods need it). */
export async function createNamespace(k: KubeClients, name: string): Promise<void> {
  await k.core.createNamespace({ body: { metadata: { name } } });
  await waitFor(`the default ServiceAccount of ${name}`, () =>
    k.core.readNamespacedServiceAccount({ name: 'default', namespace: name }).then(
      () => true,
      () => undefined,
    ),
  );
}

/** A pod template and selector for workload `name`, with `labels` on workload and pods alike. */
export function workloadBody(
  name: string,
  labels: Record<string, string>,
  extra: { annotations?: Record<string, string>; podSpec?: Partial<V1PodSpec> } = {},
) {
  const all = { app: name, ...labels };
  return {
    metadata: {
      name,
      labels: all,
      ...(extra.annotations ? { annotations: extra.annotations } : {}),
    },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: all },
        spec: {
          containers: [{ name: 'main', image: 'nginx:1.27.2' }],
          terminationGracePeriodSeconds: 1,
          ...extra.podSpec,
        },
      },
    },
  };
}

/** The pods of `app` in `namespace` that are not being deleted. */
export async function livePods(k: KubeClients, namespace: string, app: string): Promise<V1Pod[]> {
  const list = await k.core.listNamespacedPod({ namespace, labelSelector: `app=${app}` });
  return list.items.filter((p) => !p.metadata?.deletionTimestamp);
}

/** Whether the pod is Running and Ready. */
export const isReady = (p: V1Pod): boolean =>
  p.status?.phase === 'Running' &&
  (p.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

/** The workload kinds a test creates. */
export type TestWorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet';

/** Ready replicas by the workload's own status (what the chaos monkey plans from). */
async function statusReady(
  k: KubeClients,
  namespace: string,
  name: string,
  kind: TestWorkloadKind,
): Promise<number | undefined> {
  const w =
    kind === 'Deployment'
      ? await k.apps.readNamespacedDeployment({ name, namespace })
      : kind === 'StatefulSet'
        ? await k.apps.readNamespacedStatefulSet({ name, namespace })
        : await k.apps.readNamespacedDaemonSet({ name, namespace });
  if ((w.status?.observedGeneration ?? 0) < (w.metadata?.generation ?? 0)) return undefined;
  const status = w.status as { readyReplicas?: number; numberReady?: number } | undefined;
  return kind === 'DaemonSet' ? (status?.numberReady ?? 0) : (status?.readyReplicas ?? 0);
}

/**
 * Waits until workload `app` has `count` ready pods and its own status says so too: the chaos
 * monkey plans from the status, which lags the pods by a controller sync.
 */
export async function waitReady(
  k: KubeClients,
  namespace: string,
  app: string,
  count: number,
  kind: TestWorkloadKind = 'Deployment',
): Promise<void> {
  await waitFor(`${count} ready pods of ${kind} ${namespace}/${app}`, async () => {
    const pods = (await livePods(k, namespace, app)).filter(isReady).length;
    if (pods !== count) return undefined;
    return (await statusReady(k, namespace, app, kind)) === count ? true : undefined;
  });
}

/** `name -> uid` of every pod in the namespace. */
export async function podUids(k: KubeClients, namespace: string): Promise<Record<string, string>> {
  const list = await k.core.listNamespacedPod({ namespace });
  return Object.fromEntries(list.items.map((p) => [p.metadata!.name!, p.metadata!.uid!]));
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

/** Targets as `simian experiment run --config` builds them: gated executor, ledger, fresh reads. */
export function experimentTargets(
  config: SimianConfig,
  registry: Registry,
  store: Store,
  options: { dryRun: boolean; runId: string; seed?: number },
): ActivityTargets {
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
  targets: ActivityTargets,
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
 * The chaos monkey's activities, a fresh in-memory store per test (registered as beforeEach and
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
  const activities = registerChaosActivities(createActivityRegistry());
  let store: Store;
  beforeEach(() => {
    store = new Store(':memory:');
  });
  afterEach(() => store.close());
  const config = (top = '') =>
    chaosConfigFor({
      registry: options.registry,
      kubeconfig: options.kubeconfig,
      namespace: options.namespaces,
      top,
      chaos: '',
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
