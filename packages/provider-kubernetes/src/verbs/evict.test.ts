import { describe, expect, it } from 'vitest';
import { KubeApiError } from '../rest/api-error.js';
import { budgetNameFromMessage, isBudgetRefusal } from './evict.js';

describe('eviction refusals', () => {
  it('recognises a PodDisruptionBudget 429 and reads the budget name', () => {
    const error = new KubeApiError(
      'POST /api/v1/namespaces/shop/pods/web-1/eviction',
      429,
      {
        reason: 'TooManyRequests',
        message: "Cannot evict pod as it would violate the pod's disruption budget.",
        details: {
          causes: [
            {
              reason: 'DisruptionBudget',
              message: 'The disruption budget web-pdb needs 2 healthy pods and has 2 currently',
            },
          ],
        },
      },
      '',
    );
    expect(isBudgetRefusal(error)).toBe(true);
    expect(budgetNameFromMessage(error)).toBe('web-pdb');
  });

  it('treats a 429 from API priority and fairness as ordinary throttling', () => {
    const error = new KubeApiError(
      'POST /x',
      429,
      { reason: 'TooManyRequests', message: 'Too many requests, please try again later.' },
      '',
    );
    expect(isBudgetRefusal(error)).toBe(false);
  });

  it('recognises the 500 for a pod under several budgets', () => {
    const error = new KubeApiError(
      'POST /x',
      500,
      {
        message:
          'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.',
      },
      '',
    );
    expect(isBudgetRefusal(error)).toBe(true);
  });
});
