import { ConfigError } from '@simian/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DELETE_AFTER_KEY, MARKED_AT_KEY, VIOLATION_KEY } from './marks.js';
import { planConformity } from './plan-conformity.js';
import { configWith, planContext } from './__fixtures__/context.js';
import { MemoryProvider } from '@simian/testing';
import { awsFixture, kubeFixture } from './__fixtures__/resources.js';
import type { Resource } from '@simian/core';

const T0 = new Date('2026-11-02T10:00:00Z');
const WEB = 'k8s:test/shop/web';
let shop: Resource[];
let aws: Resource[];
beforeAll(async () => {
  shop = await kubeFixture('shop.yaml');
  aws = await awsFixture('aws.json');
});

const kube = () => new MemoryProvider('kubernetes', shop, 'test');
const ENFORCE = 'enforce: { rules: [K8S-EXPO-001, K8S-AVAIL-001] }';

describe('planConformity: findings', () => {
  it('reports every finding with its stack as group, and acts on nothing when no rule is enforced', async () => {
    const plan = await planConformity(planContext(configWith(), [kube()], T0));
    expect(plan.findings.map((f) => [f.ruleId, f.resource.ref, f.group])).toEqual([
      ['K8S-AVAIL-001', 'k8s:test/shop/Deployment/web', WEB],
      ['K8S-EXPO-001', 'k8s:test/shop/Service/web-admin', WEB],
    ]);
    expect(plan.actions).toEqual([]);
    expect(plan.notes).toEqual([]);
  });

  it('keeps waived findings, marked as waived, and reports expired waivers', async () => {
    const config = configWith(`policy:
  waivers:
    - { rule: K8S-EXPO-001, ref: "k8s:test/shop/Service/web-admin", owner: shop, justification: behind a VPN, approver: sec, ticket: SEC-1, expires: "2027-01-01" }
    - { rule: K8S-AVAIL-001, selector: { namespace: shop }, owner: shop, justification: migrating, approver: sec, ticket: SEC-2, expires: "2026-10-01" }`);
    const plan = await planConformity(planContext(config, [kube()], T0));
    expect(plan.findings.map((f) => [f.ruleId, f.waiver?.by ?? null, f.group])).toEqual([
      ['K8S-AVAIL-001', null, WEB],
      ['SIMIAN-WAIVER-EXPIRED', null, WEB],
      ['K8S-EXPO-001', 'config', WEB],
    ]);
  });

  it('says so in the notes when a listing fails, and every action depends on the listings of its scope', async () => {
    const p = kube();
    p.failList.add('PodDisruptionBudget');
    const plan = await planConformity(planContext(configWith(ENFORCE), [p], T0));
    expect(plan.notes?.[0]).toMatch(
      /^kubernetes test: listing failed for PodDisruptionBudget \(listing PodDisruptionBudget was throttled \(429\)\)/,
    );
    expect(plan.actions.length).toBeGreaterThan(0);
    for (const a of plan.actions) {
      expect(a.dependsOn).toContainEqual({
        provider: 'kubernetes',
        kind: 'PodDisruptionBudget',
        scope: 'test',
      });
    }
  });
});

describe('planConformity: enforcement', () => {
  it("marks each member of a stack that breaks an enforced rule, with the rules and the stack's deadline", async () => {
    const plan = await planConformity(
      planContext(configWith(`${ENFORCE}\ngracePeriod: 2d`), [kube()], T0),
    );
    expect(plan.actions.map((a) => [a.verb, a.resource.ref, a.group, a.ruleId])).toEqual([
      ['mark', 'k8s:test/shop/Deployment/web', WEB, 'K8S-AVAIL-001,K8S-EXPO-001'],
      ['mark', 'k8s:test/shop/Service/web-admin', WEB, 'K8S-AVAIL-001,K8S-EXPO-001'],
    ]);
    expect(plan.actions[0]!.params).toEqual({
      marks: {
        [VIOLATION_KEY]: 'K8S-AVAIL-001,K8S-EXPO-001',
        [MARKED_AT_KEY]: '2026-11-02T10:00:00.000Z',
        [DELETE_AFTER_KEY]: '2026-11-04T10:00:00.000Z',
      },
    });
    expect(plan.actions.every((a) => a.reversible === false)).toBe(true);
    expect(plan.groups).toEqual({ [WEB]: { total: 1, healthy: 1 } });
    expect(plan.notes).toEqual([
      `stack ${WEB} (label app.kubernetes.io/instance) breaks enforced rule(s) K8S-AVAIL-001, K8S-EXPO-001: 2 resources marked; scale-to-zero after 2026-11-04T10:00:00.000Z (in 2d)`,
    ]);
  });

  it('only enforces the rules listed: a stack that breaks another rule is reported, not marked', async () => {
    const plan = await planConformity(
      planContext(configWith('enforce: { rules: [K8S-OWN-001] }'), [kube()], T0),
    );
    expect(plan.findings.length).toBe(2);
    expect(plan.actions).toEqual([]);
  });

  it('rejects an enforced rule that is unknown or report-only, naming the enforceable ones', async () => {
    const config = configWith(
      'enforce: { rules: [K8S-EXPO-001, K8S-HEALTH-001, K8S-NOPE-9, "K8S-*"] }',
    );
    const error = await planConformity(planContext(config, [kube()], T0)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).describe()).toBe(
      [
        'monkeys.conformity.enforce.rules[1]: rule K8S-HEALTH-001 is report-only: its METADATA does not say enforceable: true',
        'monkeys.conformity.enforce.rules[2]: no loaded rule has the id "K8S-NOPE-9"',
        'monkeys.conformity.enforce.rules[3]: no loaded rule has the id "K8S-*" (patterns are not allowed here: name each rule)',
        '  hint: enforceable rules in the loaded bundles: AWS-NET-001, AWS-TAG-001, K8S-AVAIL-001, K8S-EXPO-001, K8S-OWN-001',
      ].join('\n'),
    );
  });

  it('marks AWS resources with the same { marks } params, and stops a standalone instance after the deadline', async () => {
    const p = new MemoryProvider('aws', aws, 'eu-west-1');
    const config = configWith('enforce: { rules: [AWS-NET-001] }');
    const first = await planConformity(planContext(config, [p], T0));
    expect(first.actions.map((a) => [a.verb, a.resource.name, a.group])).toEqual([
      ['mark', 'i-0000000000000000a', 'aws:123456789012/eu-west-1/billing'],
    ]);
    expect(Object.keys(first.actions[0]!.params as object)).toEqual(['marks']);
  });
});
