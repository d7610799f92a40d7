// chaosk8s.pod.probes (read_pod_logs and the phase, condition and count probes) and
// deployment_partially_available, run natively against the sandbox. Logs come through the real
// apiserver from kwok's kubelet server, which serves one file for every container
// (docs/sandbox.md): the test appends lines of its own to it.
import { appendFile } from 'node:fs/promises';
import { kubernetesProvider } from '@simian/provider-kubernetes';
import { criLogLine, sandboxPaths } from '@simian/sandbox';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  activityHarness,
  createNamespace,
  kubeClients,
  livePods,
  registryOf,
  uniqueName,
  waitFor,
  waitReady,
  workloadBody,
} from './support.js';

const kubeconfig = inject('sandboxKubeconfig');
const k = kubeClients(kubeconfig);
const ns = uniqueName('chaos-pod-probes');
const marker = uniqueName('probe-line');
// The namespace of another test is outside this config's scope: its pods are never read.
const { run, ledger } = activityHarness({
  registry: registryOf([kubernetesProvider]),
  kubeconfig,
  namespaces: ns,
  runId: 'pod-probes-test',
});
const probe = (dotted: string, args: Record<string, unknown>) =>
  run(`chaosk8s.${dotted}`, args, { type: 'probe' });

// client-node sends a patch as JSON Patch.
const scaleWeb = (replicas: number) =>
  k.apps.patchNamespacedDeploymentScale({
    name: 'web',
    namespace: ns,
    body: [{ op: 'replace', path: '/spec/replicas', value: replicas }],
  });

beforeAll(async () => {
  await createNamespace(k, ns);
  const body = workloadBody('web', { name: 'web' });
  await k.apps.createNamespacedDeployment({
    namespace: ns,
    body: { ...body, spec: { ...body.spec, replicas: 2 } },
  });
  await waitReady(k, ns, 'web', 2);
  const now = Date.now();
  await appendFile(
    sandboxPaths(inject('sandboxCwd')).containerLog,
    criLogLine(new Date(now - 3_600_000), `${marker} an hour ago`) +
      criLogLine(new Date(now), `${marker} ERROR upstream timed out`),
  );
}, 120_000);
afterAll(async () => {
  await k.core.deleteNamespace({ name: ns }).catch(() => undefined);
});

describe('chaosk8s.pod.probes.read_pod_logs', () => {
  it('returns { pod: log } for the pods of the selector, each line with its time', async () => {
    const pods = (await livePods(k, ns, 'web')).map((p) => p.metadata!.name!).sort();
    const logs = (await probe('pod.probes.read_pod_logs', {
      label_selector: 'app=web',
      ns,
    })) as Record<string, string>;
    expect(Object.keys(logs).sort()).toEqual(pods);
    for (const log of Object.values(logs)) {
      expect(log).toMatch(new RegExp(`^\\S+Z ${marker} an hour ago$`, 'm'));
      expect(log).toMatch(new RegExp(`^\\S+Z ${marker} ERROR upstream timed out$`, 'm'));
    }
    // A probe reads: nothing is written to the ledger.
    expect(ledger()).toEqual([]);
  });

  it('with last, keeps only recent lines; with name, selects by the name label as chaosk8s does', async () => {
    const logs = (await probe('pod.probes.read_pod_logs', {
      name: 'web',
      ns,
      last: '10 minutes',
    })) as Record<string, string>;
    expect(Object.keys(logs)).toHaveLength(2);
    for (const log of Object.values(logs)) {
      expect(log).toContain(`${marker} ERROR upstream timed out`);
      expect(log).not.toContain(`${marker} an hour ago`);
    }
  });

  it('fails naming the pod when the container does not exist', async () => {
    await expect(
      probe('pod.probes.read_pod_logs', { label_selector: 'app=web', ns, container_name: 'nope' }),
    ).rejects.toThrow(
      new RegExp(`read_pod_logs: could not read the log of pod ${ns}/web-[a-z0-9-]+: .*nope`),
    );
  });
});

describe('chaosk8s.pod.probes phases, conditions and counts', () => {
  it('see the two Running, Ready pods of the Deployment', async () => {
    const sel = { label_selector: 'app=web', ns };
    expect(await probe('pod.probes.pods_in_phase', sel)).toBe(true);
    expect(
      await probe('pod.probes.pods_in_conditions', {
        ...sel,
        conditions: [{ type: 'Ready', status: 'True' }],
      }),
    ).toBe(true);
    expect(await probe('pod.probes.count_pods', sel)).toBe(2);
    expect(await probe('pod.probes.count_pods', { ...sel, phase: 'Pending' })).toBe(0);
    expect(await probe('pod.probes.count_min_pods', { ...sel, min_count: 2 })).toBe(true);
    expect(await probe('pod.probes.count_min_pods', { ...sel, min_count: 3 })).toBe(false);
    expect(await probe('pod.probes.all_pods_healthy', { ns })).toBe(true);
    expect(
      await probe('deployment.probes.deployment_partially_available', { name: 'web', ns }),
    ).toBe(true);
  });

  it('fail as chaostoolkit-kubernetes does when the pods are not as expected, or return false', async () => {
    const sel = { label_selector: 'app=web', ns };
    await expect(probe('pod.probes.pods_not_in_phase', sel)).rejects.toThrow(
      /pod 'app=web' should not be in phase 'Running'/,
    );
    await expect(probe('pod.probes.pods_in_phase', { ...sel, phase: 'Succeeded' })).rejects.toThrow(
      /pod 'app=web' is in phase 'Running' but should be 'Succeeded'/,
    );
    await expect(
      probe('pod.probes.pods_in_conditions', {
        ...sel,
        conditions: [{ type: 'Ready', status: 'False' }],
      }),
    ).rejects.toThrow(
      /does not match the following given condition: \{"type":"Ready","status":"False"\}/,
    );
    await expect(probe('pod.probes.pod_is_not_available', { name: 'web', ns })).rejects.toThrow(
      /pod 'web' is actually running/,
    );
    expect(
      await probe('pod.probes.pod_is_not_available', {
        name: 'web',
        ns,
        raise_on_is_available: false,
      }),
    ).toBe(false);
    await expect(
      probe('pod.probes.pods_in_phase', { label_selector: 'app=absent', ns }),
    ).rejects.toThrow(/no pods 'app=absent' were found/);
  });

  it('see a pod that cannot be scheduled as unhealthy, and an emptied Deployment as unavailable', async () => {
    await k.core.createNamespacedPod({
      namespace: ns,
      body: {
        metadata: { name: 'stuck', labels: { app: 'stuck' } },
        spec: {
          nodeSelector: { 'simian.dev/no-such-node': 'true' },
          containers: [{ name: 'main', image: 'nginx:1.27.2' }],
        },
      },
    });
    await expect(probe('pod.probes.all_pods_healthy', { ns })).rejects.toThrow(
      /the system is unhealthy: stuck \(Pending\)/,
    );
    expect(await probe('pod.probes.pods_not_in_phase', { label_selector: 'app=stuck', ns })).toBe(
      true,
    );
    await k.core.deleteNamespacedPod({ name: 'stuck', namespace: ns, gracePeriodSeconds: 0 });

    await scaleWeb(0);
    await waitFor('no pods of web', async () =>
      (await livePods(k, ns, 'web')).length === 0 ? true : undefined,
    );
    await waitFor('web to report no available replica', async () => {
      const d = await k.apps.readNamespacedDeployment({ name: 'web', namespace: ns });
      return (d.status?.availableReplicas ?? 0) === 0 ? true : undefined;
    });
    expect(await probe('pod.probes.pod_is_not_available', { name: 'web', ns })).toBe(true);
    await expect(
      probe('deployment.probes.deployment_partially_available', { name: 'web', ns }),
    ).rejects.toThrow(/Deployment 'web' is not healthy: no replica of 0 available/);
    expect(
      await probe('deployment.probes.deployment_partially_available', {
        name: 'web',
        ns,
        raise_on_not_partially_available: false,
      }),
    ).toBe(false);
  });
});
