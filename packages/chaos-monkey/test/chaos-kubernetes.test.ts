// The chaos monkey against the sandbox's real kube-apiserver, controller-manager and kwok. Each
// test works in namespaces of its own, so the seed estate and other files' objects never move.
import { applyPlanFile, makePlanFile, silentLogger, type ActionOutcome } from '@simian/core';
import { kubernetesProvider } from '@simian/provider-kubernetes';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import {
  chaosConfigFor,
  createNamespace,
  isReady,
  kubeClients,
  livePods,
  podUids,
  registryOf,
  runChaos as runWith,
  Store,
  uniqueName,
  waitFor,
  waitReady,
  workloadBody,
} from './support.js';

const kubeconfig = inject('sandboxKubeconfig');
const k = kubeClients(kubeconfig);
const registry = registryOf([kubernetesProvider]);
const runChaos = (...args: Parameters<typeof runWith> extends [unknown, ...infer R] ? R : never) =>
  runWith(registry, ...args);
const ON = { 'chaos.simian.dev/enabled': 'true' };
const created: string[] = [];
let store: Store;

/** A namespace of this file's own, removed after the file. */
async function namespace(prefix: string): Promise<string> {
  const ns = uniqueName(prefix);
  await createNamespace(k, ns);
  created.push(ns);
  return ns;
}

async function deployment(
  ns: string,
  name: string,
  replicas: number,
  labels: Record<string, string>,
  extra: Parameters<typeof workloadBody>[2] = {},
): Promise<void> {
  const body = workloadBody(name, labels, extra);
  await k.apps.createNamespacedDeployment({
    namespace: ns,
    body: { ...body, spec: { ...body.spec, replicas } },
  });
}

async function statefulSet(
  ns: string,
  name: string,
  replicas: number,
  labels: Record<string, string>,
) {
  const body = workloadBody(name, labels);
  await k.apps.createNamespacedStatefulSet({
    namespace: ns,
    body: { ...body, spec: { ...body.spec, replicas, serviceName: name } },
  });
}

const chaos = (ns: string, yaml: string, top = '') =>
  chaosConfigFor({
    registry,
    kubeconfig,
    namespace: ns,
    top: `safety:\n  blastRadius: { maxActionsPerRun: 10, maxGroupShare: 1, minHealthy: 1 }\n${top}`,
    chaos: `    aws: { enabled: false }\n    recovery: { timeout: 60s, pollInterval: 100ms }\n${yaml}`,
  });

const killsIn = (outcomes: ActionOutcome[]) =>
  outcomes.filter((o) => o.status === 'succeeded').map((o) => o.action);

beforeEach(() => {
  store = new Store(':memory:');
});
afterEach(() => store.close());
afterAll(async () => {
  await Promise.all(created.map((name) => k.core.deleteNamespace({ name }).catch(() => undefined)));
});

describe('dry-run', () => {
  let ns: string;
  beforeAll(async () => {
    ns = await namespace('chaos-dry');
    await deployment(ns, 'web', 3, ON);
    await statefulSet(ns, 'queue', 2, ON);
    await waitReady(k, ns, 'web', 3);
    await waitReady(k, ns, 'queue', 2, 'StatefulSet');
  });

  it('is the default, and touches nothing: every pod keeps its UID', async () => {
    const before = await podUids(k, ns);
    const result = await runChaos(chaos(ns, ''), store);
    const outcomes = result.monkeys[0]!.outcomes;
    expect(result.dryRun).toBe(true);
    const context = outcomes[0]!.action.resource.context!;
    expect(outcomes.map((o) => [o.action.group, o.action.verb, o.status]).sort()).toEqual([
      [`${context}/${ns}/Deployment/web`, 'evict', 'dry-run'],
      [`${context}/${ns}/StatefulSet/queue`, 'evict', 'dry-run'],
    ]);
    expect(outcomes.every((o) => o.output?.recovered === undefined)).toBe(true);
    expect(store.ledger().map((e) => e.status)).toEqual(['dry-run', 'dry-run']);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await podUids(k, ns)).toEqual(before);
  });

  it('sends every kill method to the API in dry-run: delete and container-kill too', async () => {
    const before = await podUids(k, ns);
    for (const method of ['delete', 'container-kill']) {
      const result = await runChaos(
        chaos(ns, `    kubernetes: { killMethod: ${method} }\n`),
        store,
      );
      const outcomes = result.monkeys[0]!.outcomes;
      expect(outcomes.map((o) => [o.status, o.reason])).toEqual([
        ['dry-run', undefined],
        ['dry-run', undefined],
      ]);
    }
    expect(await podUids(k, ns)).toEqual(before);
  });
});

describe('killing for real', () => {
  let ns: string;
  let context: string;
  beforeAll(async () => {
    ns = await namespace('chaos-kill');
    await deployment(ns, 'web', 3, ON);
    await deployment(ns, 'plain', 3, {});
    await statefulSet(ns, 'queue', 2, ON);
    const ds = workloadBody('agent', { 'chaos.simian.dev/enabled': 'false' });
    await k.apps.createNamespacedDaemonSet({ namespace: ns, body: ds });
    await waitReady(k, ns, 'web', 3);
    await waitReady(k, ns, 'plain', 3);
    await waitReady(k, ns, 'queue', 2, 'StatefulSet');
    await waitReady(k, ns, 'agent', 3, 'DaemonSet');
  });

  it('only ever kills pods of opted-in workloads, over many seeded runs, and measures each recovery', async () => {
    const config = chaos(ns, '    dryRun: false\n');
    const ownerOf = new Map<string, string>();
    const opted = new Set(['web', 'queue']);
    for (let seed = 1; seed <= 6; seed++) {
      for (const app of ['web', 'plain', 'queue', 'agent']) {
        for (const p of await livePods(k, ns, app)) ownerOf.set(p.metadata!.uid!, app);
      }
      const result = await runChaos(config, store, { seed });
      const m = result.monkeys[0]!;
      expect(m.error).toBeUndefined();
      expect(m.gated.dropped.map((d) => `${d.rule}: ${d.reason}`)).toEqual([]);
      expect(m.outcomes).toHaveLength(2);
      context ??= m.outcomes[0]!.action.resource.context!;
      expect(m.gated.notes).toContain(
        `context ${context}: 2 workloads are not eligible: DaemonSet ${ns}/agent (opted out: DaemonSet ${ns}/agent has chaos.simian.dev/enabled=false), Deployment ${ns}/plain (not opted in: chaos.simian.dev/enabled=true is missing)`,
      );
      for (const o of m.outcomes) {
        expect(o.status).toBe('succeeded');
        expect(o.output).toMatchObject({ evicted: true, recovered: true });
        expect(o.output!.recoverySeconds).toBeGreaterThanOrEqual(0);
        expect(o.output!.recoverySeconds).toBeLessThan(60);
        expect(o.output!.readyAfter).toBeGreaterThanOrEqual(o.output!.desiredAfter as number);
      }
      await waitReady(k, ns, 'web', 3);
      await waitReady(k, ns, 'queue', 2, 'StatefulSet');
    }
    const killed = store.ledger({ status: 'succeeded' });
    expect(killed).toHaveLength(12); // two opted-in workloads, one kill each, six runs
    for (const row of killed) {
      const uid = row.actionId.slice(row.actionId.lastIndexOf('@') + 1);
      expect(opted.has(ownerOf.get(uid)!)).toBe(true);
      expect(row.group).toMatch(new RegExp(`/${ns}/(Deployment/web|StatefulSet/queue)$`));
      expect(row.detail).toMatchObject({ evicted: true });
    }
    // Different seeds chose different web pods.
    expect(
      new Set(killed.filter((r) => r.group!.endsWith('web')).map((r) => r.ref)).size,
    ).toBeGreaterThan(1);
  });

  it('the controller-manager replaces the victim, and recovery is timed from the kill', async () => {
    const before = await livePods(k, ns, 'queue');
    const result = await runChaos(
      chaos(ns, '    dryRun: false\n    kubernetes: { kinds: [StatefulSet] }\n'),
      store,
      { seed: 99 },
    );
    const [outcome] = result.monkeys[0]!.outcomes;
    expect(outcome).toMatchObject({ status: 'succeeded', output: { recovered: true } });
    const victim = before.find((p) => p.metadata!.name === outcome!.action.resource.name)!;
    const after = await livePods(k, ns, 'queue');
    const namesake = after.find((p) => p.metadata!.name === victim.metadata!.name)!;
    // A StatefulSet's replacement keeps the name: only the UID tells them apart.
    expect(namesake.metadata!.uid).not.toBe(victim.metadata!.uid);
    expect(isReady(namesake)).toBe(true);
    const replacedAt = new Date(namesake.metadata!.creationTimestamp!).getTime();
    const killedAt = new Date(outcome!.endedAt).getTime();
    expect(replacedAt).toBeGreaterThanOrEqual(killedAt - 1000);
  });

  it('deletes with a grace period of 0 when told to, and measures recovery the same way', async () => {
    const result = await runChaos(
      chaos(ns, '    dryRun: false\n    kubernetes: { killMethod: delete, kinds: [Deployment] }\n'),
      store,
      { seed: 3 },
    );
    const [outcome] = result.monkeys[0]!.outcomes;
    expect(outcome!.action).toMatchObject({ verb: 'delete', params: { gracePeriodSeconds: 0 } });
    expect(outcome).toMatchObject({
      status: 'succeeded',
      output: { deleted: true, recovered: true },
    });
    await waitReady(k, ns, 'web', 3);
  });
});

describe('kill modes and min-healthy', () => {
  let ns: string;
  beforeAll(async () => {
    ns = await namespace('chaos-modes');
    // percent:50 cannot be written in a label value; an annotation can hold it.
    await deployment(ns, 'wide', 6, ON, {
      annotations: { 'chaos.simian.dev/kill-mode': 'percent:50' },
    });
    await deployment(ns, 'spiky', 5, {
      ...ON,
      'chaos.simian.dev/kill-mode': 'random-max-percent-100',
    });
    await waitReady(k, ns, 'wide', 6);
    await waitReady(k, ns, 'spiky', 5);
  });

  it('percent:50 of 6 with min-healthy 4 kills 2, one at a time, and never fewer than 4 stay ready', async () => {
    let lowest = 6;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const ready = (await livePods(k, ns, 'wide')).filter(isReady).length;
        lowest = Math.min(lowest, ready);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const result = await runChaos(
      chaos(ns, '    dryRun: false\n    minHealthy: 4\n    kubernetes: { kinds: [Deployment] }\n'),
      store,
      { seed: 11 },
    );
    sampling = false;
    await sampler;
    const m = result.monkeys[0]!;
    const wide = killsIn(m.outcomes).filter((a) => a.group!.endsWith('/Deployment/wide'));
    expect(wide).toHaveLength(2);
    expect(wide[0]!.reason).toContain(
      'kill mode percent:50 asks for 3 of 6, limited: min healthy 4 allows 2 of 6 healthy',
    );
    // The second kill waited for the first one's recovery: the group never lost two at once.
    expect(lowest).toBeGreaterThanOrEqual(5);
    const wideOutcomes = m.outcomes.filter((o) => o.action.group!.endsWith('/Deployment/wide'));
    expect(Date.parse(wideOutcomes[1]!.startedAt)).toBeGreaterThanOrEqual(
      Date.parse(wideOutcomes[0]!.endedAt) +
        (wideOutcomes[0]!.output!.recoverySeconds as number) * 1000 -
        50,
    );
    await waitReady(k, ns, 'wide', 6);
    await waitReady(k, ns, 'spiky', 5);
  });

  it('random-max-percent draws a different number of victims per run, within min-healthy', async () => {
    const counts = new Set<number>();
    for (let seed = 1; seed <= 12; seed++) {
      const result = await runChaos(chaos(ns, '    minHealthy: 2\n'), store, {
        seed,
        mode: 'plan',
      });
      const spiky = result.monkeys[0]!.gated.allowed.filter((a) =>
        a.group!.endsWith('/Deployment/spiky'),
      );
      expect(spiky.length).toBeGreaterThanOrEqual(1);
      expect(spiky.length).toBeLessThanOrEqual(3); // 5 ready, keep 2
      counts.add(spiky.length);
    }
    expect(counts.size).toBeGreaterThan(1);
  });
});

describe('degraded workloads', () => {
  let ns: string;
  beforeAll(async () => {
    ns = await namespace('chaos-degraded');
    // 4 replicas that must each have a node to themselves, on 3 nodes: one stays Pending.
    await deployment(ns, 'broken', 4, ON, {
      podSpec: {
        affinity: {
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [
              {
                labelSelector: { matchLabels: { app: 'broken' } },
                topologyKey: 'kubernetes.io/hostname',
              },
            ],
          },
        },
      },
    });
    await waitReady(k, ns, 'broken', 3);
    await waitFor('the Deployment status to show 3 of 4 ready', async () => {
      const d = await k.apps.readNamespacedDeployment({ name: 'broken', namespace: ns });
      return d.status?.readyReplicas === 3 && d.status.replicas === 4 ? true : undefined;
    });
  });

  it('are not touched: the plan says so, and the gate drops the kill', async () => {
    const before = await podUids(k, ns);
    const result = await runChaos(chaos(ns, '    dryRun: false\n'), store);
    const m = result.monkeys[0]!;
    const group = m.gated.dropped[0]!.action.group!;
    expect(group.endsWith(`/${ns}/Deployment/broken`)).toBe(true);
    expect(m.gated.findings).toContainEqual(
      expect.objectContaining({
        ruleId: 'chaos/degraded-group',
        message: `Deployment ${ns}/broken is degraded (3 of 4 ready), so it is not touched this run`,
      }),
    );
    expect(m.gated.dropped.map((d) => [d.rule, d.reason])).toEqual([
      ['min-healthy', `group ${group} is degraded: 3 of 4 healthy`],
    ]);
    expect(m.outcomes).toEqual([]);
    expect(store.ledger()).toEqual([]);
    expect(await podUids(k, ns)).toEqual(before);
  });
});

describe('PodDisruptionBudgets', () => {
  let ns: string;

  async function budget(name: string, minAvailable: number): Promise<void> {
    await k.policy.createNamespacedPodDisruptionBudget({
      namespace: ns,
      body: {
        metadata: { name },
        spec: { minAvailable, selector: { matchLabels: { app: name } } },
      },
    });
    await waitFor(`the budget ${name} to be computed`, async () => {
      const pdb = await k.policy.readNamespacedPodDisruptionBudget({ name, namespace: ns });
      const s = pdb.status;
      return s?.observedGeneration === pdb.metadata?.generation && s?.currentHealthy === 2
        ? true
        : undefined;
    });
  }

  beforeAll(async () => {
    ns = await namespace('chaos-pdb');
    await deployment(ns, 'guarded', 2, ON);
    await deployment(ns, 'late', 2, ON);
    await waitReady(k, ns, 'guarded', 2);
    await waitReady(k, ns, 'late', 2);
    await budget('guarded', 2);
  });

  it('a budget that allows no disruption is in the plan, and no kill is planned', async () => {
    const result = await runChaos(chaos(ns, '    kubernetes: { kinds: [Deployment] }\n'), store, {
      mode: 'plan',
    });
    const m = result.monkeys[0]!;
    expect(m.gated.findings).toContainEqual(
      expect.objectContaining({
        ruleId: 'chaos/disruption-budget',
        message: `PodDisruptionBudget ${ns}/guarded allows 0 disruptions now (2 healthy, 2 required): no pod of Deployment ${ns}/guarded is killed this run`,
      }),
    );
    expect(m.gated.allowed.map((a) => a.group!.split('/').pop())).toEqual(['late']);
  });

  it('a budget that appears after planning stops the eviction, and the outcome says which', async () => {
    const config = chaos(ns, '    dryRun: false\n    kubernetes: { kinds: [Deployment] }\n');
    const planned = await runChaos(config, store, { mode: 'plan' });
    const file = makePlanFile(planned, '/tmp/simian-chaos-test.yaml');
    expect(file.plans[0]!.allowed).toHaveLength(1);
    const before = await podUids(k, ns);
    await budget('late', 2);

    const applied = await applyPlanFile({
      plan: file,
      config,
      registry,
      store,
      logger: silentLogger(),
      env: {},
    });
    const [outcome] = applied.monkeys[0]!.outcomes;
    expect(outcome!.status).toBe('skipped');
    expect(outcome!.reason).toContain(
      `PodDisruptionBudget ${ns}/late does not allow evicting pod ${ns}/${outcome!.action.resource.name} now`,
    );
    expect(outcome!.output).toMatchObject({ skipped: true, pdb: 'late' });
    expect(outcome!.output!.recovered).toBeUndefined();
    expect(await podUids(k, ns)).toEqual(before);
  });
});
