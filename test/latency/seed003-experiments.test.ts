// Seed 003's three scenarios as Simian experiments against the sandbox (real kube-apiserver and
// controllers, kwok nodes, the real Chaos Mesh CRD without its controller), each run by
// `simian experiment run` with its journal: 1500 ms of delay on middle through a NetworkChaos
// with forced rollbacks, a restart of middle, and a NetworkPolicy that cuts middle off from back.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppsV1Api, CoreV1Api, CustomObjectsApi, NetworkingV1Api } from '@kubernetes/client-node';
import { Store } from '@simian/core';
import type { ExperimentJournal } from '@simian/experiments';
import { startToyService, type ToyService } from '@simian/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { writeLatencyConfig } from './config.js';
import { createSeed003, type Seed003 } from './seed003.js';
import { repo, simian } from './support.js';

const kubeconfig = inject('sandboxKubeconfig');
const namespace = `seed003-${Date.now().toString(36)}`;
const experiments = join(repo, 'deploy/examples/experiments/seed-003');
let estate: Seed003;
let middle: ToyService;
let config: string;
beforeAll(async () => {
  estate = await createSeed003(kubeconfig, namespace);
  // kwok runs no containers: a loopback service stands in for middle, so the probes have
  // something to time (the delay itself needs Chaos Mesh's controller, which the sandbox lacks).
  middle = await startToyService();
  config = writeLatencyConfig(kubeconfig, namespace, '');
}, 120_000);
afterAll(async () => {
  await middle?.close();
  await estate?.remove();
});

/** Runs one experiment file with `simian experiment run`; returns its journal and what it printed. */
async function runExperiment(file: string, watch: () => Promise<void>, extra: string[] = []) {
  const journalPath = join(dirname(config), `${file}.journal.json`);
  const p = simian(
    [
      '--config',
      config,
      'experiment',
      'run',
      join(experiments, file),
      '--journal-path',
      journalPath,
      ...extra,
    ],
    { env: { SEED003_NAMESPACE: namespace, SEED003_MIDDLE_URL: `${middle.url}/health` } },
  );
  // Look at the cluster while the experiment runs.
  const watching = (async () => {
    while (p.child.exitCode === null) {
      await watch();
      await new Promise((r) => setTimeout(r, 150));
    }
  })();
  const exit = await p.exit;
  await watching;
  return {
    exit,
    output: `${p.stdout()}\n${p.stderr()}`,
    journal: JSON.parse(readFileSync(journalPath, 'utf8')) as ExperimentJournal,
  };
}

const ledgerOf = () => {
  const store = new Store(join(dirname(config), 'simian.db'));
  try {
    return store.ledger({ limit: 100 }).reverse();
  } finally {
    store.close();
  }
};

describe("seed 003's scenarios as Simian experiments", () => {
  it('the middle service has latency: a NetworkChaos with its expiry and Chaos Mesh duration, measured, removed by the forced rollback', async () => {
    const objects = estate.kc.makeApiClient(CustomObjectsApi);
    let seen:
      | {
          metadata: { labels?: Record<string, string>; annotations?: Record<string, string> };
          spec: Record<string, unknown>;
        }
      | undefined;
    const { exit, journal, output } = await runExperiment(
      'middle-service-has-latency.yaml',
      async () => {
        seen ??= await objects
          .getNamespacedCustomObject({
            group: 'chaos-mesh.org',
            version: 'v1alpha1',
            plural: 'networkchaos',
            namespace,
            name: 'middle-latency',
          })
          .then((o) => o as typeof seen)
          .catch(() => undefined);
      },
      ['--rollback-strategy', 'always'],
    );
    expect(exit.code, output).toBe(0);
    expect(journal).toMatchObject({ status: 'completed', deviated: false });
    const [inject, measure] = journal.run;
    expect(inject).toMatchObject({
      status: 'succeeded',
      activity: { name: 'middle-service-has-latency' },
    });
    const out = inject!.output as {
      created: string;
      chaosMeshDuration: string;
      expiresAt: string;
      latency: {
        requestedMs: number;
        before: { p50Ms: number };
        during: { p50Ms: number };
        fidelity: { verdict: string; text: string };
      };
    };
    expect(out.created).toMatch(
      new RegExp(`/${namespace}/NetworkChaos\\.v1alpha1\\.chaos-mesh\\.org/middle-latency$`),
    );
    expect(out.chaosMeshDuration).toMatch(/^1(19|20)s$/);
    // Requested vs measured, in the journal. No Chaos Mesh controller runs in the sandbox, so
    // nothing delays the traffic: the measurement says so rather than echoing the request.
    expect(out.latency.requestedMs).toBe(1500);
    expect(out.latency.fidelity.verdict).toBe('too-little');
    expect(out.latency.during.p50Ms).toBeLessThan(500);
    expect(measure).toMatchObject({ status: 'succeeded', output: { count: 5, failures: 0 } });
    // While it ran, the object carried the stamp and Chaos Mesh's own duration.
    expect(seen?.spec).toMatchObject({
      action: 'delay',
      mode: 'all',
      direction: 'to',
      duration: out.chaosMeshDuration,
      selector: { namespaces: [namespace], labelSelectors: { app: 'middle' } },
      delay: { latency: '1500ms' },
    });
    expect(seen?.metadata.labels?.['faults.simian.dev/active']).toBe('true');
    expect(seen?.metadata.annotations?.['faults.simian.dev/expires-at']).toBe(out.expiresAt);
    // The forced rollback removed it.
    expect(journal.rollbacks).toMatchObject([
      {
        activity: { name: 'remove-middle-latency' },
        status: 'succeeded',
        output: { removed: true, deleted: true },
      },
    ]);
    await expect(
      objects.getNamespacedCustomObject({
        group: 'chaos-mesh.org',
        version: 'v1alpha1',
        plural: 'networkchaos',
        namespace,
        name: 'middle-latency',
      }),
    ).rejects.toMatchObject({ code: 404 });
    expect(ledgerOf().map((r) => [r.verb, r.status])).toEqual(
      expect.arrayContaining([
        ['inject-fault', 'succeeded'],
        ['remove-fault', 'succeeded'],
      ]),
    );
  });

  it('the middle service restarts: its pod is deleted and its Deployment brings it back', async () => {
    const core = estate.kc.makeApiClient(CoreV1Api);
    const podsOf = async () =>
      (await core.listNamespacedPod({ namespace, labelSelector: 'app=middle' })).items
        .filter((p) => !p.metadata?.deletionTimestamp)
        .map((p) => p.metadata!.uid!);
    const before = await podsOf();
    const { exit, journal, output } = await runExperiment(
      'middle-service-restarts.yaml',
      async () => undefined,
    );
    expect(exit.code, output).toBe(0);
    expect(journal).toMatchObject({ status: 'completed', deviated: false });
    expect(journal.run[0]).toMatchObject({
      status: 'succeeded',
      activity: { name: 'restart-middle' },
    });
    expect(journal.steady_states.after?.steady_state_met).toBe(true);
    const after = await podsOf();
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(before[0]);
    const apps = estate.kc.makeApiClient(AppsV1Api);
    expect(
      (await apps.readNamespacedDeployment({ name: 'middle', namespace })).status
        ?.availableReplicas,
    ).toBe(1);
  });

  it('the middle service loses the network to back: a stamped NetworkPolicy, removed by the forced rollback', async () => {
    const net = estate.kc.makeApiClient(NetworkingV1Api);
    let seen: Awaited<ReturnType<typeof net.readNamespacedNetworkPolicy>> | undefined;
    const { exit, journal, output } = await runExperiment(
      'middle-loses-back.yaml',
      async () => {
        seen ??= await net
          .readNamespacedNetworkPolicy({ name: 'back-refuses-middle', namespace })
          .catch(() => undefined);
      },
      ['--rollback-strategy', 'always'],
    );
    expect(exit.code, output).toBe(0);
    expect(journal).toMatchObject({ status: 'completed', deviated: false });
    expect(journal.run[0]).toMatchObject({
      status: 'succeeded',
      output: { expiresAt: expect.any(String) },
    });
    expect(seen?.spec?.podSelector).toEqual({ matchLabels: { app: 'back' } });
    expect(seen?.spec?.ingress?.[0]?._from?.[0]?.podSelector?.matchExpressions).toEqual([
      { key: 'app', operator: 'NotIn', values: ['middle'] },
    ]);
    expect(seen?.metadata?.labels?.['faults.simian.dev/active']).toBe('true');
    expect(journal.rollbacks).toMatchObject([{ status: 'succeeded', output: { removed: true } }]);
    await expect(
      net.readNamespacedNetworkPolicy({ name: 'back-refuses-middle', namespace }),
    ).rejects.toMatchObject({
      code: 404,
    });
  });
});
