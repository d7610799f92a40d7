// Dry-run, proven on the servers themselves: `simian run --dry-run` as a process, with every
// registered monkey enabled, against the sandbox's kube-apiserver and moto directly (no proxy).
// The kube-apiserver's audit log (every mutating request, with its requestURI) must hold no write
// from Simian (user agent `simian/<version>`) without `dryRun=All`, and moto's request recorder no
// EC2 write without `DryRun=true` and no write at all to an API without a dry-run (Auto Scaling).
// test/safety/faulty-network.test.ts proves the same on the wire, through a proxy.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Store } from '@simian/core';
import { sandboxPaths } from '@simian/sandbox';
import { startSimian } from '@simian/testing/cli';
import {
  auditEventsSince,
  auditLogMark,
  awsOperation,
  isDryRunRequest,
  isReadOperation,
  kubeClients,
  startMotoRecording,
  stopMotoRecording,
} from '@simian/testing/sandbox';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadRegistry } from '../../packages/cli/src/registry.js';
import { prepareFaultyEstate, type FaultyEstate } from './faulty-network-scenario.js';

const registry = await loadRegistry();
const auditLog = sandboxPaths(inject('sandboxCwd')).auditLog;
const awsEndpoint = inject('sandboxAwsEndpoint');
const ALWAYS = {
  days: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
  hours: { start: '00:00', end: '24:00' },
};
const EC2 = '2016-11-15';

let estate: FaultyEstate;
beforeAll(async () => {
  estate = await prepareFaultyEstate(inject('sandboxKubeconfig'), awsEndpoint);
  // Something for the latency monkey (an opted-in Service) and the janitor (a ConfigMap no pod
  // uses) to act on, besides the chaos monkey's Deployments and group.
  const k = kubeClients(inject('sandboxKubeconfig'));
  await k.core.createNamespacedService({
    namespace: estate.namespace,
    body: {
      metadata: { name: 'web', labels: { [estate.optIn]: 'true' } },
      spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
    },
  });
  await k.core.createNamespacedConfigMap({
    namespace: estate.namespace,
    body: { metadata: { name: 'unused' }, data: { a: 'b' } },
  });
}, 300_000);
afterAll(() => estate?.remove());

/** simian.yaml with every registered monkey enabled on the estate, at any hour. */
function configFile(db: string): string {
  const own: Record<string, object> = {
    chaos: { optIn: { label: estate.optIn }, killMode: 'fixed:2', recovery: { wait: false } },
    conformity: { enforce: { rules: ['K8S-OWN-001'] }, gracePeriod: '0s' },
    latency: {
      optIn: { label: estate.optIn },
      fault: { delay: '100ms', duration: '5s' },
      measure: { enabled: false },
    },
    janitor: { gracePeriod: '0s' },
  };
  const monkeys = Object.fromEntries(
    registry.monkeys().map((m) => [
      m.name,
      {
        enabled: true,
        schedule: { windows: ALWAYS, minTimeBetweenActions: '0s' },
        ...(own[m.name] ?? {}),
      },
    ]),
  );
  const file = join(estate.dir, 'audit.yaml');
  writeFileSync(
    file,
    JSON.stringify({
      version: 1,
      targets: {
        kubernetes: [
          { kubeconfig: estate.kubeconfig, namespaces: { include: [estate.namespace] } },
        ],
        aws: [{ region: 'us-east-1', endpoint: awsEndpoint }],
      },
      safety: { blastRadius: { maxActionsPerRun: 20, maxGroupShare: 1, minHealthy: 1 } },
      store: { path: db },
      monkeys,
    }),
  );
  return file;
}

describe('dry-run, proven by the servers', () => {
  it('`simian run --dry-run` of every monkey: no write in the kube-apiserver audit log without dryRun=All, no EC2 write without DryRun=true in moto, no Auto Scaling write at all', async () => {
    const db = join(estate.dir, 'audit.db');
    const mark = await auditLogMark(auditLog);
    await startMotoRecording(awsEndpoint);
    let recorded;
    let result;
    try {
      result = await startSimian(['run', '--config', configFile(db), '--dry-run'], estate.dir)
        .result;
    } finally {
      recorded = await stopMotoRecording(awsEndpoint);
    }
    expect(result.stderr).not.toMatch(/Error:/);
    expect(result.code).toBe(0);

    // The kube-apiserver: Simian's writes, each a dry run.
    const simianWrites = (await auditEventsSince(auditLog, mark)).filter((e) =>
      e.userAgent?.startsWith('simian/'),
    );
    const real = simianWrites.filter((e) => !isDryRunRequest(e));
    expect(real.map((e) => `${e.verb} ${e.requestURI}`)).toEqual([]);
    // Not vacuous: the monkeys did try to act, and the server saw each: the chaos monkey's
    // evictions, the conformity monkey's marks on Deployments, the janitor's on the unused
    // ConfigMap, the latency monkey's NetworkChaos.
    const written = new Set(
      simianWrites.map((e) =>
        [e.verb, e.objectRef?.resource, e.objectRef?.subresource].filter(Boolean).join(' '),
      ),
    );
    expect([...written]).toEqual(
      expect.arrayContaining([
        'create pods eviction',
        'patch deployments',
        'patch configmaps',
        'create networkchaos',
      ]),
    );
    expect(simianWrites.every((e) => e.objectRef?.namespace === estate.namespace)).toBe(true);

    // moto: the same run's AWS requests.
    const ops = recorded.map(awsOperation);
    const writes = ops.filter((op) => !isReadOperation(op));
    const ec2Writes = writes.filter((op) => op.version === EC2);
    expect(
      ec2Writes.filter((op) => !/(?:^|&)DryRun=true(&|$)/.test(op.body)).map((op) => op.operation),
    ).toEqual([]);
    expect(writes.filter((op) => op.version !== EC2).map((op) => op.operation)).toEqual([]);
    // Not vacuous: the run did read the account, and the chaos monkey chose instances (killed in
    // dry-run through read-only checks, since Auto Scaling has no dry-run: docs/safety.md).
    expect(ops.some((op) => op.operation === 'DescribeAutoScalingGroups')).toBe(true);
    // The figures docs/safety.md quotes.
    console.info(
      `dry-run audit: ${simianWrites.length} Simian writes in the kube-apiserver audit log (${real.length} without dryRun=All: ${[...written].join(', ')}); moto recorded ${ops.length} requests, ${ec2Writes.length} EC2 writes (all DryRun=true), ${writes.length - ec2Writes.length} other writes`,
    );
    const store = new Store(db);
    try {
      const ledger = store.ledger({ limit: 10_000 });
      expect(ledger.some((e) => e.ref.startsWith('arn:aws:ec2'))).toBe(true);
      expect(ledger.every((e) => e.dryRun)).toBe(true);
    } finally {
      store.close();
    }
  }, 300_000);
});
