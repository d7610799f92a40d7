import { describe, expect, it } from 'vitest';
import { WORKLOAD_KINDS } from '../config.js';
import {
  kubeResources,
  readFixture,
  type FixtureObject,
} from '../__fixtures__/fixture-provider.js';
import { groupPodsByWorkload } from './group-pods.js';

const resources = kubeResources(
  readFixture<{ items: FixtureObject[] }>('shop-cluster.json').items,
  'test',
);
const ofKind = (k: string) => resources.filter((r) => r.kind === k);
const input = (kinds: readonly (typeof WORKLOAD_KINDS)[number][] = WORKLOAD_KINDS) => ({
  pods: ofKind('Pod'),
  replicaSets: ofKind('ReplicaSet'),
  workloads: kinds.flatMap((k) => ofKind(k)),
  kinds,
});

describe('grouping pods by their top controller', () => {
  it('follows Pod -> ReplicaSet -> Deployment, and stops at StatefulSets, DaemonSets and standalone ReplicaSets', () => {
    const { groups } = groupPodsByWorkload(input());
    expect(Object.fromEntries(groups.map((g) => [g.key, g.pods.map((p) => p.name)]))).toEqual({
      'test/shop/DaemonSet/agent': ['agent-0', 'agent-1', 'agent-2'],
      'test/shop/Deployment/api': [
        'api-7c9b-1',
        'api-7c9b-2',
        'api-7c9b-3',
        'api-7c9b-4',
        'api-7c9b-5',
        'api-7c9b-6',
      ],
      'test/shop/Deployment/cart': ['cart-6f8d-1', 'cart-6f8d-2', 'cart-6f8d-3'],
      'test/shop/Deployment/checkout': ['checkout-55b-1', 'checkout-55b-2'],
      'test/shop/Deployment/legacy': ['legacy-1a-1', 'legacy-1a-2'],
      'test/shop/Deployment/web': ['web-5d4f-a', 'web-5d4f-b', 'web-5d4f-c'],
      'test/shop/ReplicaSet/batch': ['batch-1', 'batch-2'],
      'test/shop/StatefulSet/db': ['db-0', 'db-1', 'db-2'],
    });
    const web = groups.find((g) => g.key === 'test/shop/Deployment/web')!;
    expect(web.replicaSets.map((r) => r.name)).toEqual(['web-5d4f']);
  });

  it('sets aside bare pods and pods of other controllers, with the reason', () => {
    const { ungrouped } = groupPodsByWorkload(input());
    expect(ungrouped.map((u) => [u.pod.name, u.reason])).toEqual([
      ['debug', 'a bare pod: no controller would replace it'],
      ['report-28471-x', 'controlled by Job report-28471, not a chaos target kind'],
    ]);
  });

  it('leaves out kinds that are not enabled', () => {
    const { groups, ungrouped } = groupPodsByWorkload(input(['StatefulSet']));
    expect(groups.map((g) => g.key)).toEqual(['test/shop/StatefulSet/db']);
    expect(ungrouped.find((u) => u.pod.name === 'web-5d4f-a')?.reason).toBe(
      'controlled by Deployment web, not a chaos target kind',
    );
  });

  it('says so when a pod names a ReplicaSet the listing does not have', () => {
    const { ungrouped } = groupPodsByWorkload({ ...input(), replicaSets: [] });
    expect(ungrouped.find((u) => u.pod.name === 'web-5d4f-a')?.reason).toBe(
      'its ReplicaSet web-5d4f is not in the listing',
    );
  });
});
