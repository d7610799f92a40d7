// The second complaint about the peers (litmus #4128): privileged helper pods (node DaemonSets
// with hostPID, hostNetwork) that Pod Security refuses. In a namespace that enforces Pod
// Security "restricted" (the real admission of the sandbox's API server), the latency monkey puts
// its faults in place with backends that create no pod at all, and passes over the one backend
// that needs a capability (netem's NET_ADMIN), saying why. Run in-process, as `simian run` does.
import { CoreV1Api } from '@kubernetes/client-node';
import { runMonkeys, silentLogger, Store } from '@simian/core';
import { startToyService, type ToyService } from '@simian/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { latencyRegistry, loadLatencyConfig, writeLatencyConfig } from './config.js';
import { createSeed003, type Seed003 } from './seed003.js';

const kubeconfig = inject('sandboxKubeconfig');
const namespace = `lat-psa-${Date.now().toString(36)}`;
let estate: Seed003;
let stand: ToyService;
beforeAll(async () => {
  stand = await startToyService();
  estate = await createSeed003(kubeconfig, namespace, {
    optedIn: ['middle'],
    virtualService: true,
    annotations: { middle: { 'latency.simian.dev/probe-url': `${stand.url}/health` } },
  });
  // Enforced from now on: the pods already there stay, every new pod spec is judged.
  await estate.kc.makeApiClient(CoreV1Api).patchNamespace({
    name: namespace,
    body: [
      {
        op: 'add',
        path: '/metadata/labels/pod-security.kubernetes.io~1enforce',
        value: 'restricted',
      },
    ],
  });
}, 120_000);
afterAll(async () => {
  await stand?.close();
  await estate?.remove();
});

async function runLatency(backend: string) {
  const file = writeLatencyConfig(
    kubeconfig,
    namespace,
    `    backend: ${backend}
    fault: { delay: 300ms, duration: 1s }
    measure: { samples: 3, interval: 0ms, settle: 0ms }
`,
  );
  const store = new Store(':memory:');
  try {
    const result = await runMonkeys({
      config: loadLatencyConfig(file),
      registry: latencyRegistry(),
      store,
      logger: silentLogger(),
      mode: 'run',
    });
    return result.monkeys[0]!;
  } finally {
    store.close();
  }
}

const podsNow = async () =>
  (await estate.kc.makeApiClient(CoreV1Api).listNamespacedPod({ namespace })).items
    .map((p) => `${p.metadata!.name}:${(p.spec!.ephemeralContainers ?? []).length}`)
    .sort();

describe('latency faults where Pod Security enforces "restricted"', () => {
  it('network-chaos, virtual-service and network-policy: injected, measured and removed, no pod touched', async () => {
    const before = await podsNow();
    for (const backend of ['network-chaos', 'virtual-service', 'network-policy']) {
      const entry = await runLatency(backend);
      expect(entry.error, backend).toBeUndefined();
      expect(
        entry.outcomes.map((o) => [o.action.verb, o.status]),
        backend,
      ).toEqual([
        ['inject-fault', 'succeeded'],
        ['remove-fault', 'succeeded'],
      ]);
      // Requested vs measured is on the outcome; with no controller behind the objects in the
      // sandbox, the delay is not there, and the run says so as a finding.
      const latency = entry.outcomes[0]!.output!.latency as {
        requested: { delayMs: number };
        during: unknown;
      };
      expect(latency.requested.delayMs).toBe(300);
      expect(latency.during).toBeDefined();
      expect(
        entry.gated.findings.map((f) => f.ruleId),
        backend,
      ).toContain(
        // kwok's cluster has no CNI: a deny policy cuts nothing off either.
        backend === 'network-policy' ? 'latency-cut-not-enforced' : 'latency-fidelity',
      );
    }
    expect(await podsNow()).toEqual(before);
  });

  it('netem: passed over, naming Pod Security and the backends that work there', async () => {
    const entry = await runLatency('netem');
    expect(entry.gated.allowed).toEqual([]);
    expect(entry.gated.notes).toContain(
      `${namespace}/middle: namespace ${namespace} enforces Pod Security "restricted", which refuses the NET_ADMIN capability netem's container needs; use network-chaos, virtual-service or network-policy there`,
    );
  });
});
