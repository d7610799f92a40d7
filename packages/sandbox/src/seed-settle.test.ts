import { describe, expect, it } from 'vitest';
import { isSettled } from './seed-settle.js';

describe('isSettled', () => {
  it('wants every replica of a Deployment available at the current generation', () => {
    const deployment = (status: object) => ({
      kind: 'Deployment',
      metadata: { generation: 2 },
      spec: { replicas: 3 },
      status,
    });
    expect(
      isSettled(deployment({ observedGeneration: 2, availableReplicas: 3, updatedReplicas: 3 })),
    ).toBe(true);
    expect(
      isSettled(deployment({ observedGeneration: 2, availableReplicas: 2, updatedReplicas: 3 })),
    ).toBe(false);
    expect(
      isSettled(deployment({ observedGeneration: 1, availableReplicas: 3, updatedReplicas: 3 })),
    ).toBe(false);
  });

  it('takes a failed Job as settled as much as a complete one', () => {
    const job = (type: string) => ({
      kind: 'Job',
      status: { conditions: [{ type, status: 'True' }] },
    });
    expect(isSettled(job('Complete'))).toBe(true);
    expect(isSettled(job('Failed'))).toBe(true);
    expect(isSettled({ kind: 'Job', status: {} })).toBe(false);
  });

  it('wants claims Bound and bare pods Ready; other kinds only need to exist', () => {
    expect(isSettled({ kind: 'PersistentVolumeClaim', status: { phase: 'Pending' } })).toBe(false);
    expect(isSettled({ kind: 'PersistentVolumeClaim', status: { phase: 'Bound' } })).toBe(true);
    expect(
      isSettled({
        kind: 'Pod',
        status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
      }),
    ).toBe(true);
    expect(isSettled({ kind: 'Pod', status: { phase: 'Pending' } })).toBe(false);
    expect(isSettled({ kind: 'ConfigMap' })).toBe(true);
  });
});
