import type { Action, Provider, Resource } from '@simian/core';
import { refFromParts, resourceFromObject } from '@simian/provider-kubernetes';
import { describe, expect, it } from 'vitest';
import { pollRecovery } from './poll.js';
import { podRecoveryLook } from './pod-recovery.js';

// Objects as the API serves them, made into resources by the Kubernetes provider's conversion.
const pod = (name: string, uid: string, ready: boolean, terminating = false): Resource =>
  resourceFromObject(
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace: 'shop',
        uid,
        labels: { app: 'web' },
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1', uid: 'rs', controller: true },
        ],
        ...(terminating ? { deletionTimestamp: '2026-11-23T10:00:00Z' } : {}),
      },
      status: {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
      },
    },
    { context: 'test' },
  );

const deployment = (readyReplicas: number, resourceVersion = '1'): Resource =>
  resourceFromObject(
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop', resourceVersion },
      spec: { replicas: 3, selector: { matchLabels: { app: 'web' } } },
      status: { readyReplicas },
    },
    { context: 'test' },
  );

/** A provider that shows the cluster one scripted moment per look. */
function scripted(
  moments: Array<{ status: number; version?: string; pods: Resource[] }>,
): Provider & { selectors: string[] } {
  let i = 0;
  const now = () => moments[Math.min(i, moments.length - 1)]!;
  const selectors: string[] = [];
  return {
    name: 'kubernetes',
    selectors,
    scopes: () => ['test'],
    ref: refFromParts,
    read: async () => deployment(now().status, now().version),
    list: async (_kind, _scope, options) => {
      selectors.push(options?.labelSelector ?? '');
      const pods = now().pods;
      i++;
      return pods;
    },
    execute: async () => ({}),
  };
}

const action = {
  id: 'chaos-evict:test/shop/web-1-a@uid-a',
  verb: 'evict',
  group: 'test/shop/Deployment/web',
  resource: { ref: 'k8s:test/shop/Pod/web-1-a', context: 'test', namespace: 'shop' },
} as Action;

describe('measuring recovery of a workload', () => {
  const b = pod('web-1-b', 'uid-b', true);
  const c = pod('web-1-c', 'uid-c', true);

  it('does not trust a status that has not seen the kill yet, and counts the replacement', async () => {
    const provider = scripted([
      // Right after the eviction: the status still says 3 of 3; the victim is terminating.
      { status: 3, pods: [pod('web-1-a', 'uid-a', true, true), b, c] },
      // The replacement exists but is not ready.
      { status: 2, pods: [b, c, pod('web-1-d', 'uid-d', false)] },
      { status: 3, pods: [b, c, pod('web-1-d', 'uid-d', true)] },
    ]);
    const looks: number[] = [];
    const look = podRecoveryLook(provider, action, { restarts: 0 }, new AbortController().signal);
    const r = await pollRecovery(
      async () => {
        const l = await look();
        looks.push(l.ready ?? -1);
        return l;
      },
      { timeoutMs: 5000, intervalMs: 1, signal: new AbortController().signal },
    );
    expect(looks).toEqual([2, 2, 3]);
    expect(r).toMatchObject({ recovered: true, readyAfter: 3, desiredAfter: 3 });
    expect(provider.selectors[0]).toBe('app=web');
  });

  it('does not take a status written before the kill for recovery, however fast the pods are', async () => {
    const replacement = pod('web-1-d', 'uid-d', true);
    const provider = scripted([
      // The replacement is ready at once, but the status is still the one from before the kill.
      { status: 3, version: '1', pods: [b, c, replacement] },
      // The controller processes the kill: the victim leaves the ready count.
      { status: 2, version: '2', pods: [b, c, replacement] },
      { status: 3, version: '3', pods: [b, c, replacement] },
    ]);
    const seen: boolean[] = [];
    const look = podRecoveryLook(
      provider,
      action,
      { restarts: 0, workloadVersion: '1' },
      new AbortController().signal,
    );
    await pollRecovery(
      async () => {
        const l = await look();
        seen.push(l.done);
        return l;
      },
      { timeoutMs: 5000, intervalMs: 1, signal: new AbortController().signal },
    );
    expect(seen).toEqual([false, false, true]);
  });

  it('gives up after the timeout and says so', async () => {
    const provider = scripted([{ status: 2, pods: [b, c] }]);
    const r = await pollRecovery(
      podRecoveryLook(provider, action, { restarts: 0 }, new AbortController().signal),
      { timeoutMs: 30, intervalMs: 5, signal: new AbortController().signal },
    );
    expect(r).toMatchObject({
      recovered: false,
      recoveryTimeoutSeconds: 0.03,
      readyAfter: 2,
      desiredAfter: 3,
      recoveryDetail: 'not back to desired within 0.03s',
    });
  });

  it('stops waiting when the run is interrupted', async () => {
    const provider = scripted([{ status: 2, pods: [b, c] }]);
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 20);
    const r = await pollRecovery(podRecoveryLook(provider, action, { restarts: 0 }, abort.signal), {
      timeoutMs: 10_000,
      intervalMs: 5,
      signal: abort.signal,
    });
    expect(r.recovered).toBe(false);
    expect(r.recoveryDetail).toBe('the run was interrupted while waiting for recovery');
    expect(r.recoverySeconds).toBeLessThan(5);
  });
});
