// chaosk8s.pod.actions.terminate_pods, run natively against the sandbox with targets built as
// `simian experiment run --config` builds them (gated executor, ledger, fresh read, dry-run).
import { createActivityRegistry, type SimianConfig } from '@simian/core';
import { kubernetesProvider } from '@simian/provider-kubernetes';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { registerChaosActivities, type ActivityTargets } from '../src/index.js';
import {
  chaosConfigFor,
  experimentTargets,
  runActivity,
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

/** Targets as `simian experiment run --config` builds them (createExperimentTargets). */
const experimentTargetsFor = (config: SimianConfig, dryRun: boolean): ActivityTargets =>
  experimentTargets(config, registry, store, { dryRun, runId: 'experiment-test', seed: 4 });

/** Runs the activity as the experiment runner's python provider does, with `targets` added. */
const terminatePods = (args: Record<string, unknown>, targets: ActivityTargets) =>
  runActivity(activities, 'chaosk8s.pod.actions.terminate_pods', args, targets, {
    name: 'terminate-web-pods',
  });

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
      experimentTargetsFor(config(), false),
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
      experimentTargetsFor(config(), true),
    );
    expect(out).toHaveLength(1);
    expect(store.ledger().map((r) => r.status)).toEqual(['dry-run']);
    expect(await podUids(k, ns)).toEqual(before);
  });

  it('fails, naming each pod and the rule, when the safety gate holds the pods back', async () => {
    const before = await podUids(k, ns);
    const guarded = config(`safety:\n  protected:\n    namespaces: [${ns}]\n`);
    await expect(
      terminatePods(
        { label_selector: 'app=web', ns, qty: 1 },
        experimentTargetsFor(guarded, false),
      ),
    ).rejects.toThrow(
      new RegExp(
        `^1 of 1 pods were not terminated: web-\\S+ \\(skipped: changed since planning: namespace "${ns}" is protected\\)$`,
      ),
    );
    expect(await podUids(k, ns)).toEqual(before);
  });
});
