import { appendFile } from 'node:fs/promises';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { SimianError } from '@simian/core';
import { criLogLine, sandboxPaths } from '@simian/sandbox';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sandboxProvider, uniqueName } from './support.js';

// Pod logs through the real apiserver, which fetches them from kwok's kubelet server. Every
// sandbox container's log is one file (docs/sandbox.md), so the test appends its own lines to it.
const kubeconfig = inject('sandboxKubeconfig');
const kc = new KubeConfig();
kc.loadFromFile(kubeconfig);
const core = kc.makeApiClient(CoreV1Api);
const provider = sandboxProvider(kubeconfig);
const scope = provider.scopes()[0]!;
const ns = uniqueName('provider-logs');
const pod = 'two-containers';
const podRef = `k8s:${scope}/${ns}/Pod/${pod}`;
const marker = uniqueName('line');

beforeAll(async () => {
  await core.createNamespace({ body: { metadata: { name: ns } } });
  await core.createNamespacedPod({
    namespace: ns,
    body: {
      metadata: { name: pod },
      spec: {
        nodeName: 'kwok-node-0',
        containers: [
          { name: 'app', image: 'busybox:1.36.1' },
          { name: 'sidecar', image: 'busybox:1.36.1' },
        ],
      },
    },
  });
  for (let i = 0; i < 100; i++) {
    const read = await core.readNamespacedPod({ name: pod, namespace: ns });
    if (read.status?.phase === 'Running') break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const now = Date.now();
  await appendFile(
    sandboxPaths(inject('sandboxCwd')).containerLog,
    criLogLine(new Date(now - 7_200_000), `${marker} two hours ago`) +
      criLogLine(new Date(now - 1000), `${marker} first`) +
      criLogLine(new Date(now), `${marker} last`),
  );
});

afterAll(async () => {
  await core.deleteNamespace({ name: ns }).catch(() => undefined);
  await provider.close();
});

describe('reading a container log', () => {
  it('returns what the kubelet has, filtered by time and cut to the last lines', async () => {
    const all = await provider.readLog(podRef, { container: 'app' });
    expect(all).toContain(`${marker} two hours ago\n${marker} first\n${marker} last\n`);

    const recent = await provider.readLog(podRef, { container: 'app', sinceSeconds: 600 });
    expect(recent).toContain(`${marker} first`);
    expect(recent).not.toContain(`${marker} two hours ago`);

    const tail = await provider.readLog(podRef, { container: 'sidecar', tailLines: 1 });
    expect(tail).toBe(`${marker} last\n`);

    const stamped = await provider.readLog(podRef, {
      container: 'app',
      tailLines: 1,
      timestamps: true,
    });
    expect(stamped).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z ${marker} last\\n$`));
  });

  it('stops at limitBytes', async () => {
    const cut = await provider.readLog(podRef, { container: 'app', limitBytes: 10 });
    expect(cut).toHaveLength(10);
  });

  it('for a pod of two containers and no container named, says what the server said', async () => {
    const error = await provider.readLog(podRef).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SimianError);
    expect((error as SimianError).message).toMatch(
      new RegExp(
        `refused to read the log of pods/log "${pod}" in namespace ${ns} as invalid .* 400 .*a container name must be specified .*app sidecar`,
      ),
    );
  });

  it('for a pod that does not exist, names it', async () => {
    const error = await provider.readLog(`k8s:${scope}/${ns}/Pod/absent`).catch((e: unknown) => e);
    expect((error as SimianError).message).toMatch(
      new RegExp(`pods/log "absent" in namespace ${ns} was not found`),
    );
  });

  it('refuses a kind that has no log', async () => {
    const error = await provider
      .readLog(`k8s:${scope}/${ns}/ConfigMap/settings`)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INPUT_INVALID' });
    expect((error as SimianError).message).toMatch(/has no log: only a Pod's containers do/);
  });
});
