import { describe, expect, it } from 'vitest';
import { kubernetesTargetSchema } from './target-schema.js';

describe('targets.kubernetes', () => {
  it('accepts an empty entry (the current context) and fills defaults', () => {
    expect(kubernetesTargetSchema.parse([{}])).toEqual([
      { inCluster: false, requestTimeoutMs: 30_000, maxAttempts: 5 },
    ]);
  });

  it('rejects unknown keys: a typo is an error, not a silent default', () => {
    const result = kubernetesTargetSchema.safeParse([{ contxt: 'prod' }]);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/contxt/);
  });

  it('rejects inCluster together with a kubeconfig', () => {
    expect(kubernetesTargetSchema.safeParse([{ inCluster: true, kubeconfig: 'x' }]).success).toBe(
      false,
    );
  });

  it('takes namespace filters, a kill switch and inventory overrides', () => {
    const parsed = kubernetesTargetSchema.parse([
      {
        context: 'prod',
        namespaces: { include: ['shop'] },
        killSwitchConfigMap: { namespace: 'simian', name: 'stop' },
        pageSize: 2,
      },
    ]);
    expect(parsed[0]?.namespaces).toEqual({ include: ['shop'], exclude: [] });
    expect(parsed[0]?.pageSize).toBe(2);
  });
});
