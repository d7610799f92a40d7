import { findingId, Store, type Finding } from '@simian/core';
import { describe, expect, it } from 'vitest';
import type { RuleInfo } from '../model/finding.js';
import { historyFromStore } from './store-history.js';

const on = (name: string, ruleId = 'K8S-IMG-001'): Finding => ({
  ruleId,
  severity: 'high',
  monkey: 'conformity',
  resource: {
    ref: `k8s:c/shop/Deployment/${name}`,
    kind: 'Deployment',
    name,
    namespace: 'shop',
    provider: 'kubernetes',
    context: 'c',
  },
  message: `${name} breaks ${ruleId}`,
});
const [A, B, C] = [on('a'), on('b'), on('c')];
const day = (d: number) => `2026-11-0${d}T10:00:00.000Z`;
const rules: RuleInfo[] = [
  {
    id: 'K8S-IMG-001',
    title: 'Mutable tag',
    severity: 'high',
    frameworks: ['cis-kubernetes-1.12:5.5.1'],
    monkey: 'conformity',
  },
  {
    id: 'K8S-RES-001',
    title: 'No requests',
    severity: 'low',
    frameworks: ['cis-kubernetes-1.12:5.7.1'],
    monkey: 'conformity',
  },
];

/** r1: A, B; r2: B, C; r3: chaos only (conformity not due); r4: A, C. */
function store(): Store {
  const s = new Store(':memory:');
  s.recordFindings('r1', [A!, B!], day(1), 'conformity');
  s.recordFindings('r1', [], day(1), 'chaos');
  s.recordFindings('r2', [B!, C!], day(2), 'conformity');
  s.recordFindings('r3', [], day(3), 'chaos');
  s.recordFindings('r4', [A!, C!], day(4), 'conformity');
  return s;
}
const ids = (fs: readonly Finding[]) => fs.map((f) => f.resource.name).sort();

describe('historyFromStore', () => {
  it('the current state is each monkey’s latest scan; a monkey that did not plan keeps its findings', () => {
    const s = store();
    const h = historyFromStore(s, rules, { until: new Date(day(3)) });
    expect(h.scans.map((x) => [x.monkey, x.runId]).sort()).toEqual([
      ['chaos', 'r3'],
      ['conformity', 'r2'],
    ]);
    expect(ids(h.findings)).toEqual(['b', 'c']);
  });

  it('against the monkey’s scan before its latest: regressed, resolved, unchanged', () => {
    const h = historyFromStore(store(), rules);
    expect(ids(h.findings)).toEqual(['a', 'c']);
    // Chaos's scan before its latest (r3) is r1's; conformity's before r4 is r2's.
    expect(h.baseline?.at).toBe(day(2));
    expect(h.baseline?.runIds.sort()).toEqual(['r1', 'r2']);
    expect(Object.fromEntries(h.changes)).toEqual({ [findingId(A!)]: 'regressed' });
    expect(ids(h.resolved)).toEqual(['b']);
    expect(h.seen.get(findingId(A!))).toEqual({ first: day(1), last: day(4) });
  });

  it('against a chosen baseline run: new since then', () => {
    const h = historyFromStore(store(), rules, { baseline: 'r1' });
    expect(h.baseline?.runIds.sort()).toEqual(['r1']);
    expect(Object.fromEntries(h.changes)).toEqual({ [findingId(C!)]: 'new' });
    expect(ids(h.resolved)).toEqual(['b']);
  });

  it('--since a date: trends start there, compared with the state just before it', () => {
    const h = historyFromStore(store(), rules, { since: '2026-11-02' });
    expect(h.baseline?.runIds).toEqual(['r1']);
    expect(h.points.map((p) => [p.runId, p.open])).toEqual([
      ['r2', 2],
      ['r3', 2],
      ['r4', 2],
    ]);
    // One control of two fails (K8S-IMG-001's); K8S-RES-001 has no finding and passes. Both are
    // conformity rules, so Simian's own framework scores the same.
    expect(h.points.at(-1)!.scores).toEqual({ 'cis-kubernetes-1.12': 50, simian: 50 });
  });

  it('nothing to compare with on the first run; unknown runs and dates are refused', () => {
    const s = new Store(':memory:');
    s.recordFindings('only', [A!], day(1), 'conformity');
    const h = historyFromStore(s, rules);
    expect(h.baseline).toBeUndefined();
    expect(h.changes.size).toBe(0);
    expect(() => historyFromStore(s, rules, { baseline: 'nope' })).toThrow(
      '--baseline nope: no run with that id',
    );
  });
});
