import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfigText } from '../config/load.js';
import type { SimianConfig } from '../config/schema.js';
import { Inventory } from '../inventory.js';
import type { MonkeyBaseConfig } from '../monkey.js';
import { Registry } from '../registry.js';
import { monkeyConfigOf } from '../engine/run.js';
import { Store } from '../store/store.js';
import type { Action, GroupHealth } from '../types.js';
import { actionOn, deletingMonkey, MemoryProvider, pod } from '@simian/testing';
import { SafetyGate } from './gate.js';
import { RunTally, type GateContext } from './rule.js';

const MONDAY_10_UTC = new Date('2026-11-23T10:00:00Z');
const monkey = deletingMonkey();

function setup(
  yaml = '',
  groups: Record<string, GroupHealth> = { 'shop/web': { total: 4, healthy: 4, desired: 4 } },
) {
  const registry = new Registry().registerMonkey(monkey);
  const config: SimianConfig = parseConfigText(
    `version: 1\nmonkeys:\n  test:\n    enabled: true\n    schedule:\n      timezone: UTC\n${yaml}`,
    'simian.yaml',
    registry,
    { env: {} },
  );
  const ctx = (over: Partial<GateContext> = {}): GateContext => ({
    config,
    monkey,
    monkeyConfig: monkeyConfigOf(config, monkey) as MonkeyBaseConfig,
    now: MONDAY_10_UTC,
    groups,
    tally: new RunTally(),
    killSwitch: undefined,
    phase: 'plan',
    ...over,
  });
  return { config, ctx };
}

const gate = new SafetyGate();
const judge = (a: Action, c: GateContext) => gate.judge(a, c);
const web = pod('web-1');

describe('safety gate', () => {
  let store: Store;
  beforeEach(() => {
    store = new Store(':memory:');
  });
  afterEach(() => store.close());

  it('lets a plain action in scope through', async () => {
    expect(await judge(actionOn(web), setup().ctx())).toBeUndefined();
  });

  it('kill switch: drops everything, even marks, but never fault removal', async () => {
    const c = setup().ctx({ killSwitch: 'environment variable SIMIAN_KILL_SWITCH=1' });
    expect(await judge(actionOn(web), c)).toEqual({
      rule: 'kill-switch',
      reason: 'kill switch engaged: environment variable SIMIAN_KILL_SWITCH=1',
    });
    expect((await judge(actionOn(web, { verb: 'mark' }), c))?.rule).toBe('kill-switch');
    expect(await judge(actionOn(web, { verb: 'remove-fault' }), c)).toBeUndefined();
  });

  it('inventory-complete: drops an action whose listing failed, keeps it when complete', async () => {
    const provider = new MemoryProvider('kubernetes', [web]);
    provider.failList.add('PersistentVolumeClaim');
    const inventory = new Inventory([provider]);
    await inventory.list('kubernetes', 'Pod', 'test');
    await inventory.list('kubernetes', 'PersistentVolumeClaim', 'test');
    const c = setup().ctx({ inventory });
    const ok = actionOn(web, {
      dependsOn: [{ provider: 'kubernetes', kind: 'Pod', scope: 'test' }],
    });
    const bad = actionOn(web, {
      dependsOn: [{ provider: 'kubernetes', kind: 'PersistentVolumeClaim', scope: 'test' }],
    });
    expect(await judge(ok, c)).toBeUndefined();
    const verdict = await judge(bad, c);
    expect(verdict?.rule).toBe('inventory-complete');
    expect(verdict?.reason).toContain(
      'kubernetes:test:PersistentVolumeClaim failed or is incomplete',
    );
  });

  it('inventory-complete: a listing never made counts as incomplete', async () => {
    const c = setup().ctx({ inventory: new Inventory([new MemoryProvider()]) });
    const a = actionOn(web, {
      dependsOn: [{ provider: 'kubernetes', kind: 'Pod', scope: 'test' }],
    });
    expect((await judge(a, c))?.rule).toBe('inventory-complete');
  });

  it('scope: include and exclude namespaces (globs), contexts and regions', async () => {
    const { ctx, config: scoped } = setup();
    scoped.safety.scope.namespaces = { include: ['shop', 'team-*'], exclude: ['team-secret'] };
    const c = ctx({ config: scoped });
    expect(await judge(actionOn(web), c)).toBeUndefined();
    expect(await judge(actionOn(pod('x', {}, 'team-a')), c)).toBeUndefined();
    expect(await judge(actionOn(pod('x', {}, 'team-secret')), c)).toEqual({
      rule: 'scope',
      reason: 'namespace "team-secret" is excluded by scope',
    });
    expect((await judge(actionOn(pod('x', {}, 'billing')), c))?.reason).toBe(
      'namespace "billing" is not in the included namespaces (shop, team-*)',
    );
    scoped.safety.scope.regions = { include: [], exclude: ['eu-central-1'] };
    const ec2 = actionOn(web, {
      resource: {
        ...actionOn(web).resource,
        provider: 'aws',
        namespace: undefined,
        region: 'eu-central-1',
      } as Action['resource'],
    });
    expect((await judge(ec2, c))?.reason).toBe('region "eu-central-1" is excluded by scope');
  });

  it('protected: kube-system by default, protected labels and refs', async () => {
    const c = setup().ctx();
    expect(await judge(actionOn(pod('dns', {}, 'kube-system')), c)).toEqual({
      rule: 'protected',
      reason: 'namespace "kube-system" is protected',
    });
    expect((await judge(actionOn(pod('db', { 'simian.dev/protected': 'true' })), c))?.reason).toBe(
      'label/tag simian.dev/protected=true marks it protected',
    );
  });

  it('protected: refs listed in config', async () => {
    const registry = new Registry().registerMonkey(monkey);
    const config = parseConfigText(
      'version: 1\nsafety:\n  protected:\n    refs: ["k8s:test/shop/Pod/web-1"]\nmonkeys:\n  test:\n    enabled: true\n',
      's.yaml',
      registry,
      { env: {} },
    );
    const c = setup().ctx({ config });
    expect(await judge(actionOn(web), c)).toEqual({
      rule: 'protected',
      reason: 'k8s:test/shop/Pod/web-1 is listed as protected',
    });
  });

  it('opt-out: label "true" drops the action for every verb but unmark', async () => {
    const c = setup().ctx();
    const out = pod('web-2', { 'simian.dev/opt-out': 'true' });
    expect(await judge(actionOn(out), c)).toEqual({
      rule: 'opt-out',
      reason: 'opted out with simian.dev/opt-out=true',
    });
    expect((await judge(actionOn(out, { verb: 'mark' }), c))?.rule).toBe('opt-out');
    // A resource that opted out after it was marked has the marks taken off.
    expect(await judge(actionOn(out, { verb: 'unmark' }), c)).toBeUndefined();
    expect(
      await judge(actionOn(pod('web-3', { 'simian.dev/opt-out': 'false' })), c),
    ).toBeUndefined();
  });

  it('opt-in: when the monkey requires it, only labelled resources pass', async () => {
    const { ctx } = setup('    safety:\n      optInLabel: chaos.simian.dev/enabled\n');
    expect(await judge(actionOn(web), ctx())).toEqual({
      rule: 'opt-in',
      reason: 'not opted in: chaos.simian.dev/enabled=true is missing',
    });
    expect(
      await judge(actionOn(pod('web-2', { 'chaos.simian.dev/enabled': 'true' })), ctx()),
    ).toBeUndefined();
  });

  it('window: destructive actions outside the window are dropped, marks are not', async () => {
    const c = setup().ctx({ now: new Date('2026-11-22T10:00:00Z') }); // a Sunday
    const v = await judge(actionOn(web), c);
    expect(v?.rule).toBe('window');
    expect(v?.reason).toContain('sun 2026-11-22 10:00 UTC is outside the allowed window');
    expect(await judge(actionOn(web, { verb: 'mark' }), c)).toBeUndefined();
  });

  it('min-interval: a group acted on recently is left alone; dry-runs do not count', async () => {
    const c = setup().ctx({ store });
    store.startRun({
      id: 'r1',
      dryRun: false,
      monkeys: ['test'],
      startedAt: '2026-11-23T09:30:00Z',
    });
    const dry = store.actionStarted('r1', actionOn(web), true, '2026-11-23T09:30:00.000Z');
    store.actionEnded(dry, 'dry-run', '2026-11-23T09:30:01.000Z');
    expect(await judge(actionOn(web), c)).toBeUndefined();
    const real = store.actionStarted('r1', actionOn(web), false, '2026-11-23T09:30:00.000Z');
    store.actionEnded(real, 'succeeded', '2026-11-23T09:30:01.000Z');
    const v = await judge(actionOn(web), c);
    expect(v).toEqual({
      rule: 'min-interval',
      reason: 'group shop/web was last acted on at 2026-11-23T09:30:00.000Z, less than 1h ago',
    });
    expect(
      await judge(actionOn(web), setup().ctx({ store, now: new Date('2026-11-23T10:31:00Z') })),
    ).toBeUndefined();
  });

  it('min-healthy: a degraded group is not touched', async () => {
    const { ctx } = setup('', { 'shop/web': { total: 3, healthy: 2, desired: 3 } });
    expect(await judge(actionOn(web), ctx())).toEqual({
      rule: 'min-healthy',
      reason: 'group shop/web is degraded: 2 of 3 healthy',
    });
  });

  it('min-healthy: never below the minimum, counting actions already let through', async () => {
    const { ctx } = setup('safety:\n  blastRadius:\n    minHealthy: 2\n    maxGroupShare: 1\n', {
      'shop/web': { total: 3, healthy: 3, desired: 3 },
    });
    const c = ctx();
    expect(await judge(actionOn(web), c)).toBeUndefined();
    c.tally.count(actionOn(web));
    expect(await judge(actionOn(pod('web-2')), c)).toEqual({
      rule: 'min-healthy',
      reason: 'group shop/web would keep 1 healthy, below its minimum of 2',
    });
  });

  it('min-healthy: a group with unknown health is held back (fail closed)', async () => {
    const { ctx } = setup('', {});
    expect((await judge(actionOn(web), ctx()))?.rule).toBe('min-healthy');
  });

  it('blast radius: at most maxActionsPerRun over the whole run', async () => {
    const { ctx } = setup(
      'safety:\n  blastRadius:\n    maxActionsPerRun: 2\n    maxGroupShare: 1\n    minHealthy: 0\n',
      {
        'shop/web': { total: 10, healthy: 10, desired: 10 },
      },
    );
    const c = ctx();
    const plan = {
      monkey: 'test',
      findings: [],
      actions: ['a', 'b', 'c'].map((n) => actionOn(pod(n), { id: n })),
      groups: c.groups,
    };
    const gated = await gate.filter(plan, c, true);
    expect(gated.allowed.map((a) => a.id)).toEqual(['a', 'b']);
    expect(gated.dropped).toEqual([
      expect.objectContaining({
        rule: 'blast-radius',
        reason: 'the run already has 2 destructive actions (max 2)',
      }),
    ]);
  });

  it('blast radius: at most maxGroupShare of one group', async () => {
    const { ctx } = setup('safety:\n  blastRadius:\n    maxGroupShare: 0.25\n    minHealthy: 0\n', {
      'shop/web': { total: 8, healthy: 8, desired: 8 },
    });
    const c = ctx();
    const plan = {
      monkey: 'test',
      findings: [],
      actions: ['a', 'b', 'c'].map((n) => actionOn(pod(n), { id: n })),
    };
    const gated = await gate.filter(plan, c, true);
    expect(gated.allowed.map((a) => a.id)).toEqual(['a', 'b']);
    expect(gated.dropped[0]!.reason).toBe(
      'group shop/web already has 2 of 8 members acted on (max share 0.25)',
    );
  });

  it('fails closed when a rule throws', async () => {
    const broken = new SafetyGate([
      {
        name: 'broken',
        description: '',
        appliesTo: 'all',
        resourceOnly: false,
        check: () => {
          throw new Error('boom');
        },
      },
    ]);
    expect(await broken.judge(actionOn(web), setup().ctx())).toEqual({
      rule: 'broken',
      reason: 'rule failed, so the action is held back: boom',
    });
  });

  it('fault-expiry: a fault needs a deadline, not passed, within safety.maxFaultDuration', async () => {
    const c = setup().ctx();
    const fault = (deadline?: string) =>
      judge(actionOn(web, { verb: 'inject-fault', ...(deadline ? { deadline } : {}) }), c);
    expect(await fault()).toEqual({
      rule: 'fault-expiry',
      reason: 'a fault must carry its deadline (Action.deadline)',
    });
    expect(await fault('2026-11-23T09:59:00Z')).toEqual({
      rule: 'fault-expiry',
      reason: 'the deadline 2026-11-23T09:59:00Z has passed',
    });
    expect(await fault('2026-11-23T11:30:00Z')).toEqual({
      rule: 'fault-expiry',
      reason: 'the deadline 2026-11-23T11:30:00Z is more than safety.maxFaultDuration (1h) away',
    });
    expect(await fault('2026-11-23T10:30:00Z')).toBeUndefined();
  });
});
