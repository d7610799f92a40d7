// The conformity monkey against the sandbox's real kube-apiserver: stacks of this file's own, in
// namespaces of its own, go through the whole lifecycle with a 2-second grace period.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { DELETE_AFTER_KEY, MARKED_AT_KEY, VIOLATION_KEY } from '../src/index.js';
import {
  conformityConfig,
  deploymentBody,
  kubeClients,
  runConformity,
  sleepUntil,
  Store,
  uniqueName,
  updateDeployment,
  waitFor,
} from './support.js';
import type { RunResult } from '@simian/core';

const kubeconfig = inject('sandboxKubeconfig');
const k = kubeClients(kubeconfig);
const created: string[] = [];
let store: Store;

/** A stack that claims high availability on one replica: K8S-AVAIL-001, which is enforceable. */
const HA = { 'simian.dev/availability': 'high', owner: 'shop-team' };

async function namespace(prefix: string): Promise<string> {
  const name = uniqueName(prefix);
  await k.core.createNamespace({ body: { metadata: { name, labels: { team: 'conformity' } } } });
  created.push(name);
  return name;
}

async function stack(ns: string, name: string, annotations: Record<string, string> = {}) {
  await k.apps.createNamespacedDeployment({
    namespace: ns,
    body: deploymentBody(name, 1, { ...HA, 'app.kubernetes.io/instance': name }, annotations),
  });
}

const deployment = (ns: string, name: string) =>
  k.apps.readNamespacedDeployment({ namespace: ns, name });

/** Waits until the Deployment's status has caught up with its spec and its pods are ready. */
async function settled(ns: string, name: string): Promise<void> {
  await waitFor(`Deployment ${ns}/${name} to settle`, async () => {
    const d = await deployment(ns, name);
    const s = d.status ?? {};
    const done =
      s.observedGeneration === d.metadata!.generation &&
      (s.readyReplicas ?? 0) === d.spec!.replicas &&
      (s.updatedReplicas ?? 0) === d.spec!.replicas &&
      (s.replicas ?? 0) === d.spec!.replicas;
    return done ? true : undefined;
  });
}

const outcomes = (r: RunResult) =>
  r.monkeys[0]!.outcomes.map((o) => [o.action.verb, o.action.resource.name, o.status]).sort();

beforeEach(() => {
  store = new Store(':memory:');
});
afterEach(() => store.close());
afterAll(async () => {
  await Promise.all(created.map((name) => k.core.deleteNamespace({ name }).catch(() => undefined)));
});

describe('enforcement, live', () => {
  let ns: string;
  beforeAll(async () => {
    ns = await namespace('conformity-live');
    for (const name of ['doomed', 'fixed', 'waived-config', 'waived-annotation']) {
      await stack(ns, name);
    }
  });

  it('marks, then tears down after the grace period only what is still non-conforming and not waived', async () => {
    const own = `dryRun: false
enforce: { rules: [K8S-AVAIL-001] }
gracePeriod: 2s
safety: { blastRadius: { minHealthy: 0, maxGroupShare: 1 } }`;
    const config = conformityConfig(kubeconfig, ns, own);

    const first = await runConformity(config, store);
    expect(first.monkeys[0]!.error).toBeUndefined();
    expect(first.incomplete).toEqual([]);
    expect(outcomes(first)).toEqual([
      ['mark', 'doomed', 'succeeded'],
      ['mark', 'fixed', 'succeeded'],
      ['mark', 'waived-annotation', 'succeeded'],
      ['mark', 'waived-config', 'succeeded'],
    ]);
    const marked = (await deployment(ns, 'doomed')).metadata!.annotations!;
    expect(marked[VIOLATION_KEY]).toBe('K8S-AVAIL-001');
    expect(Date.parse(marked[DELETE_AFTER_KEY]!) - Date.parse(marked[MARKED_AT_KEY]!)).toBe(2000);

    // Within the grace period: one stack is fixed, one waived by its owner's annotation, one by
    // a waiver in the config.
    await updateDeployment(k, ns, 'fixed', (d) => {
      delete d.metadata!.labels!['simian.dev/availability'];
    });
    await updateDeployment(k, ns, 'waived-annotation', (d) => {
      d.metadata!.annotations = {
        ...d.metadata!.annotations,
        'simian.dev/waive': 'K8S-AVAIL-001',
        'simian.dev/waive-reason': 'a second replica after the launch',
      };
    });
    const withWaiver = conformityConfig(
      kubeconfig,
      ns,
      `${own}
policy:
  waivers:
    - rule: K8S-AVAIL-001
      ref: "k8s:*/${ns}/Deployment/waived-config"
      owner: shop-team
      justification: single replica until the migration ends
      approver: cto
      ticket: OPS-42
      expires: "2099-01-01"`,
    );
    await sleepUntil(new Date(marked[DELETE_AFTER_KEY]!));

    const second = await runConformity(withWaiver, store);
    expect(second.monkeys[0]!.error).toBeUndefined();
    expect(outcomes(second)).toEqual([
      ['scale', 'doomed', 'succeeded'],
      ['unmark', 'fixed', 'succeeded'],
      ['unmark', 'waived-annotation', 'succeeded'],
      ['unmark', 'waived-config', 'succeeded'],
    ]);
    expect((await deployment(ns, 'doomed')).spec!.replicas).toBe(0);
    for (const name of ['fixed', 'waived-annotation', 'waived-config']) {
      const d = await deployment(ns, name);
      expect(d.spec!.replicas).toBe(1);
      expect(d.metadata!.annotations?.[DELETE_AFTER_KEY]).toBeUndefined();
    }
    const findings = second.monkeys[0]!.gated.findings;
    expect(findings.map((f) => [f.resource.name, f.waiver?.by ?? null]).sort()).toEqual([
      ['doomed', null],
      ['waived-annotation', 'annotation'],
      ['waived-config', 'config'],
    ]);

    // Torn down stays torn down: the next run has nothing to do and says so.
    const third = await runConformity(withWaiver, store);
    expect(outcomes(third)).toEqual([]);
    expect(third.monkeys[0]!.gated.notes).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `/${ns}/doomed \\(label app.kubernetes.io/instance\\) still breaks enforced rule\\(s\\) K8S-AVAIL-001 after its deadline .*: already down: Deployment doomed \\(it runs 0 replicas\\)$`,
        ),
      ),
    );
  });
});

describe('dry-run, live', () => {
  it('touches nothing: marks and a due teardown go to the API as dry-run, resourceVersions stay', async () => {
    const ns = await namespace('conformity-dry');
    await stack(ns, 'unmarked');
    const expired = new Date(Date.now() - 60_000).toISOString();
    await stack(ns, 'due', {
      [VIOLATION_KEY]: 'K8S-AVAIL-001',
      [MARKED_AT_KEY]: expired,
      [DELETE_AFTER_KEY]: expired,
    });
    // The deployment controller writes status until the pods are ready; only then is a
    // resourceVersion a fair witness that nothing else touched the object.
    for (const name of ['unmarked', 'due']) await settled(ns, name);
    const versions = async () =>
      Object.fromEntries(
        (await k.apps.listNamespacedDeployment({ namespace: ns })).items.map((d) => [
          d.metadata!.name!,
          d.metadata!.resourceVersion!,
        ]),
      );
    const before = await versions();

    const config = conformityConfig(
      kubeconfig,
      ns,
      `enforce: { rules: [K8S-AVAIL-001] }
safety: { blastRadius: { minHealthy: 0, maxGroupShare: 1 } }`,
    );
    const result = await runConformity(config, store);
    expect(result.dryRun).toBe(true);
    expect(outcomes(result)).toEqual([
      ['mark', 'unmarked', 'dry-run'],
      ['scale', 'due', 'dry-run'],
    ]);
    expect(await versions()).toEqual(before);
    expect((await deployment(ns, 'due')).spec!.replicas).toBe(1);
    expect(
      (await deployment(ns, 'unmarked')).metadata!.annotations?.[VIOLATION_KEY],
    ).toBeUndefined();
  });
});
