import type { Resource } from '@simian/core';
import { resourceFromObject } from '@simian/provider-kubernetes';
import { describe, expect, it } from 'vitest';
import { budgetsCovering } from './disruption-budgets.js';

// Objects as the API serves them, made into resources by the Kubernetes provider's conversion.
const pod = (app: string): Resource =>
  resourceFromObject(
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `${app}-1`, namespace: 'shop', labels: { app, tier: 'front' } },
    },
    { context: 'test' },
  );
const budget = (
  name: string,
  status: Record<string, number> | undefined,
  generation = 1,
): Resource =>
  resourceFromObject(
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name, namespace: 'shop', generation },
      spec: { selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }] } },
      ...(status ? { status } : {}),
    },
    { context: 'test' },
  );

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
