import { seededRng } from '@simian/core';
import { describe, expect, it } from 'vitest';
import { chooseVictims, describeChoice } from './choose-victims.js';

const pods = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];

describe('choosing victims', () => {
  it('takes as many as the mode asks when nothing holds it back', () => {
    const c = chooseVictims(
      pods,
      { mode: { kind: 'percent', percent: 30 }, members: 10, healthy: 10, minHealthy: 1 },
      seededRng(1),
    );
    expect(c.victims).toHaveLength(3);
    expect(new Set(c.victims).size).toBe(3);
    expect(c.limitedBy).toEqual([]);
  });

  it('never leaves fewer than min-healthy healthy, whatever the percent', () => {
    for (let seed = 0; seed < 200; seed++) {
      const c = chooseVictims(
        pods,
        {
          mode: { kind: 'random-max-percent', percent: 100 },
          members: 10,
          healthy: 10,
          minHealthy: 7,
        },
        seededRng(seed),
      );
      expect(c.victims.length).toBeLessThanOrEqual(3);
      expect(c.victims.length).toBeGreaterThanOrEqual(1);
    }
    const capped = chooseVictims(
      pods,
      { mode: { kind: 'percent', percent: 80 }, members: 10, healthy: 10, minHealthy: 7 },
      seededRng(1),
    );
    expect(capped.victims).toHaveLength(3);
    expect(describeChoice(capped, { kind: 'percent', percent: 80 }, 10)).toBe(
      'kill mode percent:80 asks for 8 of 10, limited: min healthy 7 allows 3 of 10 healthy',
    );
  });

  it('takes none from a group already at its minimum', () => {
    const c = chooseVictims(
      pods.slice(0, 2),
      { mode: { kind: 'one' }, members: 2, healthy: 2, minHealthy: 2 },
      seededRng(1),
    );
    expect(c.victims).toEqual([]);
    expect(c.limitedBy).toEqual(['min healthy 2 allows 0 of 2 healthy']);
  });

  it('keeps within what a PodDisruptionBudget allows', () => {
    const c = chooseVictims(
      pods,
      {
        mode: { kind: 'fixed', count: 4 },
        members: 10,
        healthy: 10,
        minHealthy: 1,
        budgetAllows: { allowed: 2, name: 'shop/web' },
      },
      seededRng(1),
    );
    expect(c.victims).toHaveLength(2);
    expect(c.limitedBy).toEqual(['PodDisruptionBudget shop/web allows 2 disruptions']);
  });

  it('never picks more than there are ready candidates', () => {
    const c = chooseVictims(
      ['a'],
      { mode: { kind: 'fixed', count: 3 }, members: 5, healthy: 5, minHealthy: 0 },
      seededRng(1),
    );
    expect(c.victims).toEqual(['a']);
    expect(c.limitedBy).toEqual(['only 1 member is ready']);
  });

  it('is the same choice for the same seed, and spreads over all candidates across seeds', () => {
    const pick = (seed: number) =>
      chooseVictims(
        pods,
        { mode: { kind: 'one' }, members: 10, healthy: 10, minHealthy: 1 },
        seededRng(seed),
      ).victims[0];
    expect(pick(42)).toBe(pick(42));
    const seen = new Set(Array.from({ length: 300 }, (_, s) => pick(s)));
    expect(seen).toEqual(new Set(pods));
  });
});
