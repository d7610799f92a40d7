// The safety promises against real APIs behind a faulty network: fault proxies stand between
// Simian and the sandbox's kube-apiserver and moto. With no faults, their request logs prove
// dry-run on the wire (no write without dryRun=All or DryRun=true, none at all to an API without
// one); at 20 % faults (429 with Retry-After, 500, 503, resets, slow answers, pages cut half-way)
// no write is sent twice, nothing acts on a listing that failed, every failure is in the ledger
// with what to do, the run ends with a clear status, and retries wait out Retry-After.
// `npm run bench:faults` runs the same for longer and writes the figures into docs/safety.md.
import { Store } from '@simian/core';
import type { ProxiedRequest } from '@simian/testing/sandbox';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  awsAction,
  awsVersion,
  judgeFaultyRuns,
  prepareFaultyEstate,
  runSpanned,
  runThrough,
  startProxies,
  type FaultyEstate,
  type RunSpan,
} from './faulty-network-scenario.js';

let estate: FaultyEstate;
beforeAll(async () => {
  estate = await prepareFaultyEstate(inject('sandboxKubeconfig'), inject('sandboxAwsEndpoint'));
}, 300_000);
afterAll(() => estate?.remove());

describe('dry-run, proven on the wire', () => {
  it('every monkey in dry-run sends no write without dryRun=All (Kubernetes) or DryRun=true (EC2), and none to Auto Scaling, which has no dry-run', async () => {
    const proxies = await startProxies(estate, 0, 1);
    const store = new Store(':memory:');
    try {
      const result = await runThrough(estate, proxies, {
        dryRun: true,
        maxAttempts: 5,
        seed: 1,
        store,
      });
      expect(result.status).toBe('completed');
      const kubeWrites = proxies.kube.requests.filter((r) => r.write);
      // Not vacuous: the monkeys did try to act (evictions, marks), each as a dry run.
      expect(kubeWrites.length).toBeGreaterThan(0);
      expect(kubeWrites.filter((r) => !/[?&]dryRun=All(&|$)/.test(r.url))).toEqual([]);
      const awsWrites = proxies.moto.requests.filter((r) => r.write);
      // Instances of an Auto Scaling group are killed through Auto Scaling, which has no dry-run:
      // the provider's read-only checks stand in for the call (docs/safety.md), ledgered as dry runs.
      expect(store.ledger().filter((e) => e.ref.startsWith('arn:aws:ec2')).length).toBeGreaterThan(
        0,
      );
      const ec2 = (r: ProxiedRequest) => awsVersion(r) === '2016-11-15';
      expect(awsWrites.filter((r) => ec2(r) && !/(?:^|&)DryRun=true(&|$)/.test(r.body))).toEqual(
        [],
      );
      expect(awsWrites.filter((r) => !ec2(r)).map(awsAction)).toEqual([]);
      expect(store.ledger().every((e) => e.dryRun)).toBe(true);
    } finally {
      store.close();
      await proxies.close();
    }
  });
});

describe('at 20 % faults', () => {
  it('writes each kill once, acts on no failed listing, ledgers every failure with what to do, ends with a clear status, and waits out Retry-After', async () => {
    const proxies = await startProxies(estate, 0.2, 42);
    const store = new Store(':memory:');
    try {
      // Three tries per request, then one: a fault on a listing then fails it, and what relied on
      // it must not run.
      const results = [];
      const spans: RunSpan[] = [];
      for (const [seed, maxAttempts] of [
        [1, 3],
        [2, 1],
        [3, 1],
      ] as const) {
        results.push(
          await runSpanned(estate, proxies, { dryRun: false, maxAttempts, seed, store }, spans),
        );
      }
      const verdict = judgeFaultyRuns(proxies, results, store, spans);
      expect(verdict.broken).toEqual([]);
      // Not vacuous: faults were injected, a listing failed, and kills happened on both APIs.
      expect(verdict.faults).toBeGreaterThan(0);
      expect(verdict.statuses).toContain('incomplete');
      expect(verdict.writes.some((w) => w.startsWith('terminate '))).toBe(true);
      expect(verdict.writes.some((w) => w.includes('/eviction'))).toBe(true);
      expect(proxies.kube.requests.some((r) => r.fault === 'throttle')).toBe(true);
    } finally {
      store.close();
      await proxies.close();
    }
  });
});
