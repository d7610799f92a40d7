import { runMonkeys, seededRng, silentLogger, Store } from '@simian/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { awsEstate, shopCluster } from './__fixtures__/fixture-provider.js';
import { chaosConfig, chaosRegistry, MONDAY_10_UTC } from './__fixtures__/chaos-context.js';

const LOOSE = 'safety:\n  blastRadius:\n    maxActionsPerRun: 50\n    maxGroupShare: 1\n';

describe('the chaos monkey in the engine', () => {
  let store: Store;
  beforeEach(() => {
    store = new Store(':memory:');
  });
  afterEach(() => store.close());

  const run = (yaml: string, top = LOOSE, now = MONDAY_10_UTC) => {
    const k8s = shopCluster();
    const aws = awsEstate();
    const result = runMonkeys({
      config: chaosConfig(yaml, top),
      registry: chaosRegistry(),
      store,
      logger: silentLogger(),
      mode: 'run',
      providers: [k8s, aws],
      now,
      rng: seededRng(5),
      env: {},
    });
    return { result, k8s, aws };
  };

  it('is in dry-run unless told otherwise: every kill goes to the provider as a dry run', async () => {
    const { result, k8s, aws } = run('');
    const r = await result;
    expect(r.dryRun).toBe(true);
    expect([...k8s.calls, ...aws.calls].every((c) => c.dryRun)).toBe(true);
    expect(k8s.calls.length).toBeGreaterThan(0);
    expect(store.ledger().every((e) => e.status === 'dry-run')).toBe(true);
  });

  it("lets the gate's min-healthy rule drop the kills of a degraded workload", async () => {
    const { result } = run('');
    const gated = (await result).monkeys[0]!.gated;
    const cart = gated.dropped.filter((d) => d.action.group === 'test/shop/Deployment/cart');
    expect(cart.length).toBeGreaterThan(0);
    expect(cart[0]).toMatchObject({
      rule: 'min-healthy',
      reason: 'group test/shop/Deployment/cart is degraded: 2 of 3 healthy',
    });
    expect(gated.allowed.some((a) => a.group === 'test/shop/Deployment/cart')).toBe(false);
  });

  it('kills nothing outside the window (business hours by default)', async () => {
    const { result, k8s } = run('    dryRun: false\n', LOOSE, new Date('2026-11-22T10:00:00Z'));
    const gated = (await result).monkeys[0]!.gated;
    expect(gated.allowed).toEqual([]);
    expect(new Set(gated.dropped.map((d) => d.rule))).toEqual(new Set(['window']));
    expect(k8s.calls).toEqual([]);
  });

  it('acts when dry-run is off, and keeps to the blast radius of the run', async () => {
    const { result, k8s } = run(
      '    dryRun: false\n    recovery: { wait: false }\n    aws: { enabled: false }\n',
      'safety:\n  blastRadius:\n    maxActionsPerRun: 2\n    maxGroupShare: 1\n',
    );
    const r = await result;
    expect(k8s.calls.filter((c) => !c.dryRun)).toHaveLength(2);
    expect(r.monkeys[0]!.gated.dropped.some((d) => d.rule === 'blast-radius')).toBe(true);
    expect(store.ledger({ status: 'succeeded' })).toHaveLength(2);
  });
});
