import { describe, expect, it } from 'vitest';
import { kindsToList, providerOfRule, type RuleReads } from './inventory-kinds.js';

const rule = (fields: Partial<RuleReads>): RuleReads => ({
  inventoryKinds: [],
  kinds: [],
  ...fields,
});

describe('kindsToList', () => {
  it('lists what the rules judge and look up, from the provider their METADATA names', () => {
    const rules = [
      rule({
        provider: 'kubernetes',
        kinds: ['Pod', 'Deployment'],
        inventoryKinds: ['NetworkPolicy'],
      }),
      rule({ provider: 'kubernetes', kinds: ['Namespace'], inventoryKinds: ['NetworkPolicy'] }),
      rule({ provider: 'aws', kinds: ['SecurityGroup'] }),
      rule({ provider: 'aws', kinds: ['Bucket'], enabled: false }),
    ];
    expect(kindsToList({}, rules)).toEqual([
      {
        provider: 'kubernetes',
        judged: ['Pod', 'Deployment', 'Namespace'],
        related: [{ kind: 'NetworkPolicy', listAs: 'NetworkPolicy' }],
      },
      { provider: 'aws', judged: ['SecurityGroup'], related: [] },
    ]);
  });

  it('takes judged kinds from the selection, and adds related kinds and list names', () => {
    const rules = [
      rule({ provider: 'kubernetes', inventoryKinds: ['HorizontalPodAutoscaler', 'Pod'] }),
      rule({ inventoryKinds: [] }),
    ];
    expect(
      kindsToList(
        {
          judged: { kubernetes: ['Deployment', 'Pod'], aws: ['Instance'] },
          related: { aws: ['AutoScalingGroup'] },
          listAs: { HorizontalPodAutoscaler: 'autoscaling/v2/HorizontalPodAutoscaler' },
        },
        rules,
      ),
    ).toEqual([
      {
        provider: 'kubernetes',
        judged: ['Deployment', 'Pod'],
        related: [
          { kind: 'HorizontalPodAutoscaler', listAs: 'autoscaling/v2/HorizontalPodAutoscaler' },
        ],
      },
      {
        provider: 'aws',
        judged: ['Instance'],
        related: [{ kind: 'AutoScalingGroup', listAs: 'AutoScalingGroup' }],
      },
    ]);
  });

  it('reads the provider from METADATA, never from the entrypoint path', () => {
    expect(providerOfRule({ provider: 'aws' })).toBe('aws');
    expect(providerOfRule({})).toBeUndefined();
  });
});
