import type { Resource } from '@simian/core';
import { describe, expect, it } from 'vitest';
import { budgetsCovering } from './disruption-budgets.js';
import { selectorQuery } from './label-selector.js';

const pod = (app: string): Resource => ({
  ref: `k8s:test/shop/Pod/${app}-1`,
  provider: 'kubernetes',
  kind: 'Pod',
  name: `${app}-1`,
  namespace: 'shop',
  labels: { app, tier: 'front' },
  raw: {},
});
const budget = (
  name: string,
  status: Record<string, number> | undefined,
  generation = 1,
): Resource => ({
  ref: `k8s:test/shop/PodDisruptionBudget/${name}`,
  provider: 'kubernetes',
  kind: 'PodDisruptionBudget',
  name,
  namespace: 'shop',
  labels: {},
  raw: {
    metadata: { generation },
    spec: { selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }] } },
    ...(status ? { status } : {}),
  },
});

describe('PodDisruptionBudgets over a group', () => {
  it('takes the fewest disruptions any covering budget allows', () => {
    const v = budgetsCovering(
      [
        budget('a', { observedGeneration: 1, disruptionsAllowed: 2 }),
        budget('b', {
          observedGeneration: 1,
          disruptionsAllowed: 1,
          currentHealthy: 3,
          desiredHealthy: 2,
        }),
      ],
      [pod('web')],
    );
    expect(v).toMatchObject({ allowed: 1, decisive: 'b', names: ['a', 'b'] });
    expect(v!.detail).toBe(
      'PodDisruptionBudget shop/b allows 1 disruption now (3 healthy, 2 required)',
    );
  });

  it('does not trust a status that lags the spec', () => {
    const v = budgetsCovering(
      [budget('a', { observedGeneration: 1, disruptionsAllowed: 3 }, 2)],
      [pod('web')],
    );
    expect(v).toMatchObject({
      allowed: undefined,
      detail: 'PodDisruptionBudget shop/a has no current status yet',
    });
  });

  it('ignores budgets that select none of the pods', () => {
    expect(
      budgetsCovering(
        [budget('a', { observedGeneration: 1, disruptionsAllowed: 0 })],
        [pod('api')],
      ),
    ).toBeUndefined();
  });
});

describe('label selectors as query strings', () => {
  it('writes matchLabels and every expression operator', () => {
    expect(
      selectorQuery({
        matchLabels: { app: 'web' },
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['front', 'edge'] },
          { key: 'canary', operator: 'DoesNotExist' },
          { key: 'zone', operator: 'Exists' },
          { key: 'env', operator: 'NotIn', values: ['dev'] },
        ],
      }),
    ).toBe('app=web,tier in (front,edge),!canary,zone,env notin (dev)');
    expect(selectorQuery({})).toBeUndefined();
  });
});
