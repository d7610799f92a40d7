// The whole lifecycle through the real engine and gate, over an in-memory provider whose marks
// and scales persist between runs: mark, wait, tear down, stay down; unmark when fixed or waived.
import type { Resource, RunResult } from '@simian/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { DELETE_AFTER_KEY, VIOLATION_KEY } from './marks.js';
import { configWith, run } from './__fixtures__/context.js';
import { MemoryProvider } from '@simian/testing';
import { awsFixture, kubeFixture } from './__fixtures__/resources.js';

const T0 = new Date('2026-11-02T10:00:00Z');
const later = (hours: number) => new Date(T0.getTime() + hours * 3_600_000);
const DEPLOYMENT = 'k8s:test/shop/Deployment/web';
const SERVICE = 'k8s:test/shop/Service/web-admin';
const ACT = `dryRun: false
enforce: { rules: [K8S-EXPO-001, K8S-AVAIL-001] }
gracePeriod: 24h
safety: { blastRadius: { minHealthy: 0, maxGroupShare: 1 } }`;

let p: MemoryProvider;
beforeEach(async () => {
  p = new MemoryProvider('kubernetes', await kubeFixture('shop.yaml'), 'test');
});

const outcomes = (r: RunResult) =>
  r.monkeys[0]!.outcomes.map((o) => [o.action.verb, o.action.resource.ref, o.status]);
const replicas = (ref = DEPLOYMENT) =>
  (p.resources.get(ref)!.raw as { spec: { replicas?: number } }).spec.replicas;
const annotations = (ref: string) => p.resources.get(ref)!.annotations ?? {};
function edit(ref: string, change: (r: Resource) => void): void {
  const r = p.resources.get(ref)!;
  change(r);
}

describe('the enforcement lifecycle', () => {
  it('marks, waits out the grace period, scales to zero, then has nothing left to do', async () => {
    const config = configWith(ACT);
    const first = await run(config, [p], T0);
    expect(first.monkeys[0]!.error).toBeUndefined();
    expect(outcomes(first)).toEqual([
      ['mark', DEPLOYMENT, 'succeeded'],
      ['mark', SERVICE, 'succeeded'],
    ]);
    expect(annotations(DEPLOYMENT)[VIOLATION_KEY]).toBe('K8S-AVAIL-001,K8S-EXPO-001');
    expect(annotations(SERVICE)[DELETE_AFTER_KEY]).toBe('2026-11-03T10:00:00.000Z');

    const waiting = await run(config, [p], later(23));
    expect(outcomes(waiting)).toEqual([]);
    expect(waiting.monkeys[0]!.gated.notes).toContain(
      'stack k8s:test/shop/web (label app.kubernetes.io/instance) breaks enforced rule(s) K8S-AVAIL-001, K8S-EXPO-001: scale-to-zero after 2026-11-03T10:00:00.000Z (in 1h)',
    );

    const due = await run(config, [p], later(24));
    expect(outcomes(due)).toEqual([['scale', DEPLOYMENT, 'succeeded']]);
    expect(replicas()).toBe(0);

    const after = await run(config, [p], later(25));
    expect(outcomes(after)).toEqual([]);
    expect(after.monkeys[0]!.gated.notes).toContainEqual(
      expect.stringContaining(
        'after its deadline 2026-11-03T10:00:00.000Z (1h ago): already down: Deployment web (it runs 0 replicas)',
      ),
    );
  });

  it('unmarks a stack fixed in time, and never tears it down', async () => {
    const config = configWith(ACT);
    await run(config, [p], T0);
    edit(DEPLOYMENT, (r) => {
      delete r.labels['simian.dev/availability'];
    });
    edit(SERVICE, (r) => {
      (r.raw as { spec: { type: string } }).spec.type = 'ClusterIP';
    });
    const fixed = await run(config, [p], later(30));
    expect(outcomes(fixed)).toEqual([
      ['unmark', DEPLOYMENT, 'succeeded'],
      ['unmark', SERVICE, 'succeeded'],
    ]);
    expect(annotations(DEPLOYMENT)[DELETE_AFTER_KEY]).toBeUndefined();
    expect(replicas()).toBe(1);
  });

  it('does not tear down a stack whose violations are waived in the config; it unmarks it', async () => {
    await run(configWith(ACT), [p], T0);
    const waived = configWith(`${ACT}
policy:
  waivers:
    - { rule: "K8S-*", selector: { namespace: shop, labels: { app.kubernetes.io/instance: web } }, owner: shop, justification: launch week, approver: cto, ticket: OPS-7, expires: "2027-01-01" }`);
    const result = await run(waived, [p], later(48));
    expect(outcomes(result)).toEqual([
      ['unmark', DEPLOYMENT, 'succeeded'],
      ['unmark', SERVICE, 'succeeded'],
    ]);
    expect(result.monkeys[0]!.gated.findings.every((f) => f.waiver?.by === 'config')).toBe(true);
    expect(replicas()).toBe(1);
  });

  it('does not tear down a stack waived by annotations on its resources', async () => {
    const config = configWith(ACT);
    await run(config, [p], T0);
    edit(DEPLOYMENT, (r) => (r.annotations!['simian.dev/waive'] = 'K8S-AVAIL-001'));
    edit(SERVICE, (r) => (r.annotations!['simian.dev/waive'] = 'K8S-EXPO-001'));
    const result = await run(config, [p], later(48));
    expect(outcomes(result).map(([verb]) => verb)).toEqual(['unmark', 'unmark']);
    expect(replicas()).toBe(1);
  });

  it('tears down despite annotation waivers when they are forbidden', async () => {
    const config = configWith(`${ACT}\npolicy: { allowAnnotationWaivers: false }`);
    await run(config, [p], T0);
    edit(DEPLOYMENT, (r) => (r.annotations!['simian.dev/waive'] = 'K8S-AVAIL-001,K8S-EXPO-001'));
    edit(SERVICE, (r) => (r.annotations!['simian.dev/waive'] = 'K8S-EXPO-001'));
    const result = await run(config, [p], later(48));
    expect(outcomes(result)).toEqual([['scale', DEPLOYMENT, 'succeeded']]);
  });

  it('deletes the workloads with teardown: delete', async () => {
    const config = configWith(`${ACT}\nteardown: delete`);
    await run(config, [p], T0);
    const result = await run(config, [p], later(24));
    expect(outcomes(result)).toEqual([['delete', DEPLOYMENT, 'succeeded']]);
    expect(p.resources.has(DEPLOYMENT)).toBe(false);
    expect(p.resources.has(SERVICE)).toBe(true);
  });
});

describe('safety', () => {
  it('is dry-run by default: marks are sent as dry-run and nothing changes', async () => {
    const config = configWith('enforce: { rules: [K8S-EXPO-001] }');
    const result = await run(config, [p], T0);
    expect(result.dryRun).toBe(true);
    expect(outcomes(result)).toEqual([
      ['mark', DEPLOYMENT, 'dry-run'],
      ['mark', SERVICE, 'dry-run'],
    ]);
    expect(p.calls.every((c) => c.dryRun)).toBe(true);
    expect(annotations(DEPLOYMENT)[DELETE_AFTER_KEY]).toBeUndefined();
  });

  it("leaves the last workload of a stack to the gate's min-healthy rule unless minHealthy is 0, and says why", async () => {
    const config = configWith(`dryRun: false
enforce: { rules: [K8S-EXPO-001] }
gracePeriod: 1h`);
    await run(config, [p], T0);
    const result = await run(config, [p], later(2));
    const m = result.monkeys[0]!;
    expect(m.outcomes).toEqual([]);
    expect(m.gated.dropped.map((d) => [d.action.verb, d.rule, d.reason])).toEqual([
      [
        'scale',
        'min-healthy',
        'group k8s:test/shop/web would keep 0 healthy, below its minimum of 1',
      ],
    ]);
    expect(m.gated.notes).toContain(
      'teardown needs monkeys.conformity.safety.blastRadius.minHealthy: 0 (it is 1), or the gate keeps 1 workload(s) of each stack running',
    );
    expect(replicas()).toBe(1);
  });

  it('holds back every action of a scope whose listing failed', async () => {
    p.failList.add('Namespace');
    const result = await run(configWith(ACT), [p], T0);
    const m = result.monkeys[0]!;
    expect(m.outcomes).toEqual([]);
    expect(m.gated.dropped.map((d) => d.rule)).toEqual([
      'inventory-complete',
      'inventory-complete',
    ]);
  });

  it('skips a teardown whose mark a person removed after planning', async () => {
    const config = configWith(ACT);
    await run(config, [p], T0);
    p.onRead = (ref) => {
      if (ref === DEPLOYMENT) delete p.resources.get(ref)!.annotations![DELETE_AFTER_KEY];
    };
    const result = await run(config, [p], later(24));
    expect(result.monkeys[0]!.outcomes.map((o) => [o.action.verb, o.status, o.reason])).toEqual([
      [
        'scale',
        'skipped',
        'no longer applies: Deployment web no longer carries the conformity.simian.dev/delete-after mark',
      ],
    ]);
    expect(replicas()).toBe(1);
  });
});

describe('AWS stacks', () => {
  it('tags, then stops a standalone instance that breaks an enforced rule', async () => {
    const ec2 = new MemoryProvider('aws', await awsFixture('aws.json'), 'eu-west-1');
    const config = configWith(`dryRun: false
enforce: { rules: [AWS-NET-001] }
gracePeriod: 1h
safety: { blastRadius: { minHealthy: 0 } }`);
    const ref = 'arn:aws:ec2:eu-west-1:123456789012:instance/i-0000000000000000a';
    const first = await run(config, [ec2], T0);
    expect(outcomes(first)).toEqual([['mark', ref, 'succeeded']]);
    expect(ec2.resources.get(ref)!.labels[VIOLATION_KEY]).toBe('AWS-NET-001');
    const due = await run(config, [ec2], later(1));
    expect(outcomes(due)).toEqual([['stop', ref, 'succeeded']]);
  });
});
