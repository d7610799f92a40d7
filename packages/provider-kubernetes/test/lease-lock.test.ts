import { CoreV1Api, CoordinationV1Api, KubeConfig } from '@kubernetes/client-node';
import type { SimianError } from '@simian/core';
import { mintIdentity } from '@simian/sandbox';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sandboxProvider, uniqueName } from './support.js';

// The daemon's leader lock on a real Lease: two replicas (two providers, as two processes would
// have) contend for it through the sandbox's kube-apiserver.
const kubeconfig = inject('sandboxKubeconfig');
const kc = new KubeConfig();
kc.loadFromFile(kubeconfig);
const core = kc.makeApiClient(CoreV1Api);
const coordination = kc.makeApiClient(CoordinationV1Api);
const ns = uniqueName('provider-lease');
const replicas = [sandboxProvider(kubeconfig), sandboxProvider(kubeconfig)];
const scope = replicas[0]!.scopes()[0]!;
const lockOf = (replica: number, name: string, identity: string) =>
  replicas[replica]!.leaseLock(scope, { namespace: ns, name, identity, leaseDurationSeconds: 1 });
const readLease = (name: string) => coordination.readNamespacedLease({ name, namespace: ns });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  await core.createNamespace({ body: { metadata: { name: ns } } });
});
afterAll(async () => {
  await core.deleteNamespace({ name: ns }).catch(() => undefined);
  for (const p of replicas) await p.close();
});

describe('a leader lock on a Lease', () => {
  it('is held by one replica; released, the other takes it at once', async () => {
    const a = lockOf(0, 'daemon', 'replica-a');
    const b = lockOf(1, 'daemon', 'replica-b');
    expect(await a.acquire()).toBe(true);
    expect((await readLease('daemon')).spec).toMatchObject({
      holderIdentity: 'replica-a',
      leaseDurationSeconds: 1,
      leaseTransitions: 0,
    });
    expect(await b.acquire()).toBe(false);
    expect(await a.renew()).toBe(true);
    expect(await b.acquire()).toBe(false);

    await a.release();
    expect((await readLease('daemon')).spec?.holderIdentity).toBeFalsy();
    expect(await b.acquire()).toBe(true);
    expect((await readLease('daemon')).spec).toMatchObject({
      holderIdentity: 'replica-b',
      leaseTransitions: 1,
    });
    expect(await a.renew()).toBe(false);
    expect(await a.acquire()).toBe(false);
    expect(a.description).toBe(`Lease ${ns}/daemon in context ${scope} (as replica-a)`);
  });

  it('passes to another replica only after a holder stopped renewing for a lease duration', async () => {
    const a = lockOf(0, 'crash', 'replica-a');
    const b = lockOf(1, 'crash', 'replica-b');
    expect(await a.acquire()).toBe(true);
    // b sees the record for the first time: it must watch it go unrenewed for 1 s, by its clock.
    expect(await b.acquire()).toBe(false);
    await sleep(600);
    expect(await a.renew()).toBe(true);
    await sleep(600);
    // 1.2 s since b first looked, but a renewed in between: still a's.
    expect(await b.acquire()).toBe(false);
    // a "crashes": no more renewals.
    await sleep(1100);
    expect(await b.acquire()).toBe(true);
    expect(await a.renew()).toBe(false);
  });

  it('goes to exactly one of two replicas that race for it', async () => {
    for (let round = 0; round < 5; round++) {
      const name = `race-${round}`;
      const won = await Promise.all([
        lockOf(0, name, 'replica-a').acquire(),
        lockOf(1, name, 'replica-b').acquire(),
      ]);
      expect(won.filter(Boolean)).toHaveLength(1);
    }
  });

  it('without permission, says which Lease and which rule to grant', async () => {
    const identity = await mintIdentity({
      cwd: inject('sandboxCwd'),
      name: uniqueName('no-lease'),
    });
    const outsider = sandboxProvider(identity.kubeconfig);
    try {
      const lock = outsider.leaseLock(outsider.scopes()[0]!, { namespace: ns, name: 'daemon' });
      const error = (await lock.acquire().catch((e: unknown) => e)) as SimianError;
      expect(error.message).toMatch(/cannot get leases "daemon" in namespace provider-lease-/);
      expect(error.hint).toMatch(
        /^grant it \{ apiGroups: \["coordination\.k8s\.io"\], resources: \["leases"\], verbs: \["get"\] \} through a Role in namespace /,
      );
    } finally {
      await outsider.close();
    }
  });
});
