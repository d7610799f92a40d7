import { seededRng } from '@simian/core';
import { describe, expect, it } from 'vitest';
import { formatKillMode, parseKillMode, requestedKills } from './kill-mode.js';

describe('kill modes', () => {
  it('reads every form, with ":" in config and "-", "_" or "." in label values', () => {
    expect(parseKillMode('one')).toEqual({ kind: 'one' });
    expect(parseKillMode('fixed:3')).toEqual({ kind: 'fixed', count: 3 });
    expect(parseKillMode('fixed-3')).toEqual({ kind: 'fixed', count: 3 });
    expect(parseKillMode('percent:30')).toEqual({ kind: 'percent', percent: 30 });
    expect(parseKillMode('percent.30')).toEqual({ kind: 'percent', percent: 30 });
    expect(parseKillMode('random-max-percent_50')).toEqual({
      kind: 'random-max-percent',
      percent: 50,
    });
    expect(parseKillMode(' Random-Max-Percent:50 ')).toEqual({
      kind: 'random-max-percent',
      percent: 50,
    });
  });

  it('says what is wrong, with the forms it accepts', () => {
    expect(parseKillMode('half')).toEqual({
      problem:
        'kill mode must be "one", "fixed:N", "percent:P" or "random-max-percent:P", but "half" was given',
    });
    expect(parseKillMode('fixed')).toEqual({
      problem: 'kill mode "fixed" needs a number, as in "fixed:2"',
    });
    expect(parseKillMode('percent:0')).toEqual({
      problem: 'kill mode "percent:0" needs a percent from 1 to 100',
    });
    expect(parseKillMode('percent:120')).toHaveProperty('problem');
    expect(parseKillMode('fixed:0')).toHaveProperty('problem');
    expect(parseKillMode('one:2')).toHaveProperty('problem');
  });

  it('writes a mode back the way config spells it', () => {
    for (const text of ['one', 'fixed:2', 'percent:30', 'random-max-percent:50']) {
      const mode = parseKillMode(text);
      expect('problem' in mode ? mode.problem : formatKillMode(mode)).toBe(text);
    }
  });

  it('asks for a percent of the group, rounded down, never zero', () => {
    const rng = seededRng(1);
    expect(requestedKills({ kind: 'percent', percent: 30 }, 10, rng)).toBe(3);
    expect(requestedKills({ kind: 'percent', percent: 30 }, 3, rng)).toBe(1);
    expect(requestedKills({ kind: 'percent', percent: 100 }, 4, rng)).toBe(4);
    expect(requestedKills({ kind: 'fixed', count: 5 }, 3, rng)).toBe(5);
    expect(requestedKills({ kind: 'one' }, 0, rng)).toBe(0);
  });

  it('draws random-max-percent from 1 up to the percent, covering the whole range', () => {
    const rng = seededRng(7);
    const draws = Array.from({ length: 500 }, () =>
      requestedKills({ kind: 'random-max-percent', percent: 50 }, 10, rng),
    );
    expect(Math.min(...draws)).toBe(1);
    expect(Math.max(...draws)).toBe(5);
    expect(new Set(draws).size).toBe(5);
  });
});
