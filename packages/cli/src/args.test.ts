import { describe, expect, it } from 'vitest';
import { SEVERITIES } from '@simian/core';
import { ROLLBACK_STRATEGIES } from '@simian/experiments';
import { oneOf, wholeNumber } from './args.js';
import { EXPERIMENT_ROLLBACK_STRATEGIES } from './commands/experiment.js';
import { SCAN_SEVERITIES } from './commands/scan.js';

describe('flag values', () => {
  it('takes whole numbers within their range only', () => {
    const count = wholeNumber(1, 1000);
    expect(count('5')).toBe(5);
    for (const bad of ['0', '1001', '1e9', '2.5', 'five', '', '99999999999999999999'])
      expect(() => count(bad), bad).toThrow('give a whole number from 1 to 1000.');
  });

  it('takes one of a list, naming the list', () => {
    expect(() => oneOf(['a', 'b'])('c')).toThrow('give one of a, b.');
  });

  it('spells the lists of other packages as they do (kept here so --help loads nothing)', () => {
    expect([...SCAN_SEVERITIES]).toEqual([...SEVERITIES]);
    expect([...EXPERIMENT_ROLLBACK_STRATEGIES]).toEqual([...ROLLBACK_STRATEGIES]);
  });
});
