import { describe, expect, it } from 'vitest';
import { selectorMatches, selectorQuery } from './label-selector.js';

describe('selectorMatches', () => {
  const labels = { app: 'web', tier: 'front' };

  it('matchLabels must all hold', () => {
    expect(selectorMatches({ matchLabels: { app: 'web' } }, labels)).toBe(true);
    expect(selectorMatches({ matchLabels: { app: 'web', tier: 'back' } }, labels)).toBe(false);
  });

  it('supports the four operators', () => {
    expect(
      selectorMatches(
        { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] },
        labels,
      ),
    ).toBe(true);
    expect(
      selectorMatches(
        { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] },
        labels,
      ),
    ).toBe(false);
    expect(
      selectorMatches(
        { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] },
        labels,
      ),
    ).toBe(true);
    expect(
      selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, labels),
    ).toBe(true);
    expect(
      selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, labels),
    ).toBe(false);
  });

  it('an unknown operator selects nothing', () => {
    expect(
      selectorMatches(
        { matchExpressions: [{ key: 'app', operator: 'Gt', values: ['1'] }] },
        labels,
      ),
    ).toBe(false);
  });

  it('an empty selector selects everything, a missing one nothing', () => {
    expect(selectorMatches({}, labels)).toBe(true);
    expect(selectorMatches(undefined, labels)).toBe(false);
    expect(selectorMatches(null, labels)).toBe(false);
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

  it('has no query for a missing selector or an operator without a query form', () => {
    expect(selectorQuery(undefined)).toBeUndefined();
    expect(
      selectorQuery({ matchExpressions: [{ key: 'app', operator: 'Gt', values: ['1'] }] }),
    ).toBeUndefined();
  });
});
