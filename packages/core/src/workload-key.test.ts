import { describe, expect, it } from 'vitest';
import { MemoryProvider } from '@simian/testing';
import type { Resource } from './types.js';
import { parseWorkloadGroupKey, podWorkload, workloadGroupKey } from './workload-key.js';

const resource = (kind: string, name: string, controller?: Resource['controller']): Resource => ({
  ref: `k8s:arn:aws:eks:eu-west-1:1:cluster/prod/shop/${kind}/${name}`,
  provider: 'kubernetes',
  kind,
  name,
  namespace: 'shop',
  context: 'arn:aws:eks:eu-west-1:1:cluster/prod',
  labels: {},
  ...(controller ? { controller } : {}),
  raw: {},
});

describe('workload group keys', () => {
  it('round-trip, a scope with slashes included', () => {
    const web = {
      scope: 'arn:aws:eks:eu-west-1:1:cluster/prod',
      namespace: 'shop',
      kind: 'Deployment',
      name: 'web',
    };
    const key = workloadGroupKey(web);
    expect(key).toBe('arn:aws:eks:eu-west-1:1:cluster/prod/shop/Deployment/web');
    expect(parseWorkloadGroupKey(key)).toEqual(web);
    expect(parseWorkloadGroupKey('shop/web')).toBeUndefined();
  });
});

describe('the workload of a pod', () => {
  it('goes through a ReplicaSet to its Deployment, and stops at a standalone one', async () => {
    const provider = new MemoryProvider('kubernetes', [
      resource('ReplicaSet', 'web-5d4f', { kind: 'Deployment', name: 'web' }),
      resource('ReplicaSet', 'batch'),
    ]);
    const scope = 'arn:aws:eks:eu-west-1:1:cluster/prod';
    expect(
      await podWorkload(
        provider,
        resource('Pod', 'web-5d4f-a', { kind: 'ReplicaSet', name: 'web-5d4f' }),
      ),
    ).toEqual({ scope, namespace: 'shop', kind: 'Deployment', name: 'web' });
    expect(
      await podWorkload(
        provider,
        resource('Pod', 'batch-1', { kind: 'ReplicaSet', name: 'batch' }),
      ),
    ).toEqual({ scope, namespace: 'shop', kind: 'ReplicaSet', name: 'batch' });
    expect(
      await podWorkload(provider, resource('Pod', 'db-0', { kind: 'StatefulSet', name: 'db' })),
    ).toEqual({ scope, namespace: 'shop', kind: 'StatefulSet', name: 'db' });
    expect(await podWorkload(provider, resource('Pod', 'debug'))).toBeUndefined();
  });
});
