// chaosk8s.pod.actions.terminate_pods, run natively against the sandbox. Core's experiment runner
// does not yet hand activities the targets and an executor, so this file builds the executor the
// way the engine does (GateExecutor: ledger, kill switch, fresh read, the resource rules of the
// gate, dry-run) and passes it as `targets`, the shape proposed for core.
import {
  buildProviders,
  createActivityRegistry,
  GATE_RULES,
  GateExecutor,
  Inventory,
  monkeySafetySchema,
  RunTally,
  SafetyGate,
  scheduleSchema,
  seededRng,
  silentLogger,
  type Monkey,
  type MonkeyBaseConfig,
  type SimianConfig,
} from '@simian/core';
import { kubernetesProvider } from '@simian/provider-kubernetes';
import { z } from 'zod';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { registerChaosActivities, type ActivityTargets } from '../src/index.js';
import {
  chaosConfigFor,
  createNamespace,
  kubeClients,
  livePods,
  podUids,
  registryOf,
  Store,
  uniqueName,
  waitReady,
  workloadBody,
} from './support.js';

const kubeconfig = inject('sandboxKubeconfig');
const k = kubeClients(kubeconfig);
const registry = registryOf([kubernetesProvider]);
const activities = registerChaosActivities(createActivityRegistry());
const ns = uniqueName('chaos-exp');
let store: Store;

/** Experiments are explicit: the gate's rules about the resource itself apply, not schedules. */
const EXPERIMENT_RULES = ['kill-switch', 'scope', 'protected', 'opt-out'];
const experimentMonkey: Monkey = {
  name: 'experiment',
  description: 'an experiment activity',
  destructive: true,
  configSchema: z.strictObject({}),
  reads: [],
  verbs: ['delete'],
  plan: async () => ({ monkey: 'experiment', findings: [], actions: [] }),
};

/** Targets as core would pass them to an activity: providers, a gate executor, an rng. */
function experimentTargets(config: SimianConfig, dryRun: boolean): ActivityTargets {
  const logger = silentLogger();
  const providers = buildProviders(config, registry, logger);
  const inventory = new Inventory(providers);
  const monkeyConfig: MonkeyBaseConfig & Record<string, unknown> = {
    enabled: true,
    schedule: scheduleSchema.parse({}),
    safety: monkeySafetySchema.parse({}),
  };
  const signal = new AbortController().signal;
  const executor = new GateExecutor({
    runId: 'experiment-test',
    dryRun,
    providers: new Map(providers.map((p) => [p.name, p])),
    gate: new SafetyGate(GATE_RULES.filter((r) => EXPERIMENT_RULES.includes(r.name))),
    gateContext: {
      config,
      monkey: experimentMonkey,
      monkeyConfig,
      now: new Date(),
      store,
      groups: {},
      tally: new RunTally(),
      killSwitch: undefined,
      phase: 'plan',
    },
    monkey: experimentMonkey,
    planContext: {
      runId: 'experiment-test',
      config: monkeyConfig,
      global: config,
      inventory,
      now: new Date(),
      rng: seededRng(1),
      logger,
      signal,
    },
    store,
    logger,
    signal,
    killSwitch: async () => undefined,
  });
  return { inventory, executor, rng: seededRng(4) };
}

/** Runs the activity as the experiment runner's python provider does, with `targets` added. */
async function terminatePods(args: Record<string, unknown>, targets: ActivityTargets) {
  return activities
    .providerType('python')
    .run(
      { type: 'python', module: 'chaosk8s.pod.actions', func: 'terminate_pods', arguments: args },
      {
        signal: new AbortController().signal,
        logger: silentLogger(),
        configuration: {},
        secrets: {},
        env: {},
        activity: { name: 'terminate-web-pods', type: 'action', hasTolerance: false },
        registry: activities,
        targets,
      } as Parameters<ReturnType<typeof activities.providerType>['run']>[1],
    );
}

const config = (top = '') =>
  chaosConfigFor({ registry, kubeconfig, namespace: ns, top, chaos: '' });

beforeAll(async () => {
  await createNamespace(k, ns);
  const body = workloadBody('web', {});
  await k.apps.createNamespacedDeployment({
    namespace: ns,
    body: { ...body, spec: { ...body.spec, replicas: 4 } },
  });
  await waitReady(k, ns, 'web', 4);
});
afterAll(async () => {
  await k.core.deleteNamespace({ name: ns }).catch(() => undefined);
});
beforeEach(() => {
  store = new Store(':memory:');
});
afterEach(() => store.close());

describe('chaosk8s.pod.actions.terminate_pods', () => {
  it('deletes the first pods by name (percentage, rounded up) through the ledger, and returns their names', async () => {
    const before = (await livePods(k, ns, 'web')).map((p) => p.metadata!.name!).sort();
    const out = await terminatePods(
      { label_selector: 'app=web', ns, mode: 'percentage', qty: 30, grace_period: 0 },
      experimentTargets(config(), false),
    );
    expect(out).toEqual(before.slice(0, 2));
    const rows = store.ledger();
    expect(rows.map((r) => [r.monkey, r.verb, r.status, r.ref.split('/').pop()]).sort()).toEqual(
      before.slice(0, 2).map((n) => ['experiment', 'delete', 'succeeded', n]),
    );
    expect(rows[0]!.reason).toBe(
      'experiment activity "terminate-web-pods" (chaosk8s.pod.actions.terminate_pods)',
    );
    expect(rows[0]!.group).toMatch(new RegExp(`/${ns}/Deployment/web$`));
    await waitReady(k, ns, 'web', 4);
    const now = (await livePods(k, ns, 'web')).map((p) => p.metadata!.name!);
    for (const gone of before.slice(0, 2)) expect(now).not.toContain(gone);
  });

  it('in dry-run, names the pods it would delete and deletes none', async () => {
    const before = await podUids(k, ns);
    const out = await terminatePods(
      { label_selector: 'app=web', ns, rand: true, qty: 1 },
      experimentTargets(config(), true),
    );
    expect(out).toHaveLength(1);
    expect(store.ledger().map((r) => r.status)).toEqual(['dry-run']);
    expect(await podUids(k, ns)).toEqual(before);
  });

  it('fails, naming each pod and the rule, when the safety gate holds the pods back', async () => {
    const before = await podUids(k, ns);
    const guarded = config(`safety:\n  protected:\n    namespaces: [${ns}]\n`);
    await expect(
      terminatePods({ label_selector: 'app=web', ns, qty: 1 }, experimentTargets(guarded, false)),
    ).rejects.toThrow(
      new RegExp(
        `^1 of 1 pods were not terminated: web-\\S+ \\(skipped: changed since planning: namespace "${ns}" is protected\\)$`,
      ),
    );
    expect(await podUids(k, ns)).toEqual(before);
  });
});
