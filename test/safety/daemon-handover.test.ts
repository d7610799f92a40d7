// Two `simian daemon` replicas on one Lease, as two pods of a Deployment would run: both processes
// contend for the Lease in the sandbox's kube-apiserver, each with a store of its own, and the
// chaos monkey due every minute, acting for real. The holder is killed with SIGKILL just after it
// began a slot's run; the other must take the Lease over once it has gone unrenewed for the lease
// duration, and act on the following slots. Across the handover, each slot is run by exactly one
// replica, and the stores say which (runs.holder, the Lease's holderIdentity).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoordinationV1Api, KubeConfig, type V1Lease } from '@kubernetes/client-node';
import { Store, type RunRecord } from '@simian/core';
import { startSimian, type CliResult } from '@simian/testing/cli';
import {
  createNamespace,
  kubeClients,
  uniqueName,
  waitReady,
  workloadBody,
} from '@simian/testing/sandbox';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const kubeconfig = inject('sandboxKubeconfig');
const k = kubeClients(kubeconfig);
const kc = new KubeConfig();
kc.loadFromFile(kubeconfig);
const coordination = kc.makeApiClient(CoordinationV1Api);
const ns = uniqueName('handover');
const dir = mkdtempSync(join(tmpdir(), 'simian-handover-'));
const optIn = `handover.simian.dev/${ns}`;
const LEASE_SECONDS = 5;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  await createNamespace(k, ns);
  for (const name of ['web', 'api']) {
    const body = workloadBody(name, { [optIn]: 'true' });
    await k.apps.createNamespacedDeployment({
      namespace: ns,
      body: { ...body, spec: { ...body.spec, replicas: 3 } },
    });
    await waitReady(k, ns, name, 3);
  }
}, 300_000);
afterAll(async () => {
  await k.core.deleteNamespace({ name: ns }).catch(() => undefined);
});

/** simian.yaml of one replica: its own store, the chaos monkey due every minute. */
function replicaConfig(replica: string): { file: string; db: string } {
  const db = join(dir, `${replica}.db`);
  const file = join(dir, `${replica}.yaml`);
  writeFileSync(
    file,
    JSON.stringify({
      version: 1,
      targets: { kubernetes: [{ kubeconfig, namespaces: { include: [ns] } }] },
      safety: { blastRadius: { maxActionsPerRun: 5, maxGroupShare: 1, minHealthy: 1 } },
      store: { path: db },
      monkeys: {
        chaos: {
          enabled: true,
          optIn: { label: optIn },
          killMode: 'fixed:1',
          recovery: { wait: false },
          schedule: {
            cron: '* * * * *',
            windows: {
              days: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
              hours: { start: '00:00', end: '24:00' },
            },
            minTimeBetweenActions: '0s',
          },
        },
      },
    }),
  );
  return { file, db };
}

function startReplica(replica: string) {
  const { file, db } = replicaConfig(replica);
  const run = startSimian(
    [
      'daemon',
      '--config',
      file,
      '--lease',
      `${ns}/simian-daemon`,
      '--lease-duration',
      String(LEASE_SECONDS),
      '--no-dry-run',
    ],
    dir,
    { POD_NAME: replica },
  );
  return { ...run, db };
}

/** The runs a replica's store holds (a killed replica's store is read after its death). */
function runsOf(db: string): RunRecord[] {
  const store = new Store(db);
  try {
    return store.runs(1_000);
  } finally {
    store.close();
  }
}

/** Waits until `db` holds a run that `done` accepts, and returns it. */
async function waitForRun(db: string, done: (r: RunRecord) => boolean, ms: number) {
  const until = Date.now() + ms;
  for (;;) {
    const found = (() => {
      try {
        return runsOf(db).find(done);
      } catch {
        return undefined; // the store is not created yet
      }
    })();
    if (found) return found;
    if (Date.now() > until) throw new Error(`no such run in ${db} within ${ms} ms`);
    await sleep(250);
  }
}

const minuteOf = (iso: string) => iso.slice(0, 16);

describe('two daemons on one Lease', () => {
  it('one replica acts per slot; killed mid-run, the other takes over after the lease duration and the stores say who ran each slot', async () => {
    const a = startReplica('replica-a');
    let b: ReturnType<typeof startReplica> | undefined;
    let killedAt = 0;
    let lease: V1Lease | undefined;
    const results: Promise<CliResult>[] = [a.result];
    try {
      // a starts first and takes the Lease; b stands by.
      for (const until = Date.now() + 120_000; ; await sleep(250)) {
        const held = await coordination
          .readNamespacedLease({ name: 'simian-daemon', namespace: ns })
          .catch(() => undefined);
        if (held?.spec?.holderIdentity === 'replica-a') break;
        if (Date.now() > until) throw new Error('replica-a did not take the Lease within 120 s');
      }
      b = startReplica('replica-b');
      results.push(b.result);
      // a's first slot: killed as soon as its run is in the store.
      const first = await waitForRun(a.db, (r) => r.holder === 'replica-a', 120_000);
      a.child.kill('SIGKILL');
      killedAt = Date.now();
      // b acts on the two slots after the kill.
      await waitForRun(
        b.db,
        (r) => r.holder === 'replica-b' && r.status !== 'running' && r.startedAt > first.startedAt,
        150_000,
      );
      const second = runsOf(b.db).find((r) => r.holder === 'replica-b')!;
      await waitForRun(
        b.db,
        (r) => r.status !== 'running' && minuteOf(r.startedAt) > minuteOf(second.startedAt),
        90_000,
      );
      // Read while b holds it (b clears it when it stops).
      lease = await coordination.readNamespacedLease({ name: 'simian-daemon', namespace: ns });
    } finally {
      a.child.kill('SIGKILL');
      b?.child.kill('SIGTERM');
    }
    const [aResult, bResult] = await Promise.all(results);
    expect(aResult!.code).toBeNull(); // killed
    expect(bResult!.stderr).not.toMatch(/Error:/);

    const runsA = runsOf(a.db);
    const runsB = runsOf(b.db);
    // The stores say who ran each run.
    expect(runsA.every((r) => r.holder === 'replica-a')).toBe(true);
    expect(runsB.every((r) => r.holder === 'replica-b')).toBe(true);
    // Each slot (minute) was run by exactly one replica, over at least three slots: a's, cut short,
    // then b's.
    const slots = [...runsA, ...runsB].map((r) => minuteOf(r.startedAt)).sort();
    expect(slots.filter((s, i) => slots.indexOf(s) !== i)).toEqual([]);
    expect(slots.length).toBeGreaterThanOrEqual(3);
    const lastOfA = runsA
      .map((r) => r.startedAt)
      .sort()
      .at(-1)!;
    expect(runsB.every((r) => r.startedAt > lastOfA)).toBe(true);
    expect(runsB.filter((r) => r.status === 'completed').length).toBeGreaterThanOrEqual(2);

    // b took the Lease over, no sooner than a lease duration after a stopped renewing.
    expect(lease?.spec?.holderIdentity).toBe('replica-b');
    expect(lease?.spec?.leaseTransitions).toBeGreaterThanOrEqual(1);
    const acquired = new Date(lease!.spec!.acquireTime as unknown as string).getTime();
    expect(acquired - killedAt).toBeGreaterThanOrEqual(LEASE_SECONDS * 1000 - 1_000);

    // Under load: the replicas evicted pods for real, each under one holder's run, none twice.
    const evicted = [a.db, b.db].flatMap((db) => {
      const store = new Store(db);
      try {
        return store
          .ledger({ limit: 1_000 })
          .filter((e) => !e.dryRun && e.verb === 'evict' && e.status === 'succeeded');
      } finally {
        store.close();
      }
    });
    expect(evicted.length).toBeGreaterThanOrEqual(2);
    const refs = evicted.map((e) => e.ref);
    expect(refs.filter((r, i) => refs.indexOf(r) !== i)).toEqual([]);
    // The figures docs/safety.md quotes.
    console.info(
      `daemon handover: ${slots.length} slots, ${runsA.length} run by replica-a (killed), ${runsB.length} by replica-b, 0 run twice; b took the Lease ${((acquired - killedAt) / 1000).toFixed(1)} s after the kill (lease duration ${LEASE_SECONDS} s); ${evicted.length} pods evicted, 0 twice`,
    );
  }, 420_000);
});
