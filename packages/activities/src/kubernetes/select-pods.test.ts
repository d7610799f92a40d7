import { seededRng, type Resource } from '@simian/core';
import { resourceFromObject } from '@simian/provider-kubernetes';
import { describe, expect, it } from 'vitest';
import { selectPods, type PodSelection } from './select-pods.js';

const pod = (name: string, creationTimestamp: string): Resource =>
  resourceFromObject(
    { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'shop', creationTimestamp } },
    { context: 'test' },
  );
const pods = [
  pod('web-c', '2026-11-20T10:00:00Z'),
  pod('web-a', '2026-11-22T10:00:00Z'),
  pod('api-1', '2026-11-19T10:00:00Z'),
  pod('web-b', '2026-11-21T10:00:00Z'),
];
const base: PodSelection = { all: false, rand: false, mode: 'fixed', qty: 1, order: 'alphabetic' };
const names = (s: Partial<PodSelection>, seed = 1) =>
  selectPods(pods, { ...base, ...s }, seededRng(seed)).map((p) => p.name);

describe("chaostoolkit-kubernetes' pod selection", () => {
  it('takes the first qty pods by name, or by age with order: oldest', () => {
    expect(names({})).toEqual(['api-1']);
    expect(names({ qty: 2 })).toEqual(['api-1', 'web-a']);
    expect(names({ qty: 2, order: 'oldest' })).toEqual(['api-1', 'web-c']);
  });

  it('filters by a name pattern that matches anywhere in the name (re.search)', () => {
    expect(names({ name_pattern: 'b$', qty: 5 })).toEqual(['web-b']);
    expect(names({ name_pattern: 'web', all: true })).toEqual(['web-a', 'web-b', 'web-c']);
  });

  it('rounds a percentage up and caps qty at what there is', () => {
    expect(names({ mode: 'percentage', qty: 30 })).toHaveLength(2); // ceil(1.2)
    expect(names({ mode: 'percentage', qty: 100 })).toHaveLength(4);
    expect(names({ qty: 10 })).toHaveLength(4);
    expect(names({ qty: 0 })).toEqual([]);
  });

  it('samples at random with rand, the same way for the same seed', () => {
    expect(names({ rand: true, qty: 2 }, 5)).toEqual(names({ rand: true, qty: 2 }, 5));
    const seen = new Set(Array.from({ length: 100 }, (_, s) => names({ rand: true }, s)[0]));
    expect(seen.size).toBe(4);
  });
});
