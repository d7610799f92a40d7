import { describe, expect, it } from 'vitest';
import { parseExpiry, parseTtl } from './ttl.js';

// The cases of kube-janitor's own tests (tests/test_parse_ttl.py, tests/test_parse_expiry.py) and
// README: Simian must read every value as kube-janitor does.
describe('parseTtl, as kube-janitor', () => {
  it('reads one number and one unit, and forever', () => {
    expect(parseTtl('1s')).toEqual({ seconds: 1 });
    expect(parseTtl('08s')).toEqual({ seconds: 8 });
    expect(parseTtl('5m')).toEqual({ seconds: 300 });
    expect(parseTtl('2h')).toEqual({ seconds: 7200 });
    expect(parseTtl('7d')).toEqual({ seconds: 604_800 });
    expect(parseTtl('1w')).toEqual({ seconds: 604_800 });
    expect(parseTtl('120s')).toEqual({ seconds: 120 });
    expect(parseTtl('forever')).toEqual({ forever: true });
    expect(parseTtl('Forever')).toEqual({ forever: true });
  });

  it('refuses anything else, as kube-janitor does', () => {
    for (const bad of ['foo', '1y', '1h30m', '', ' 5m', '-5m', '1.5h']) {
      expect(parseTtl(bad), bad).toHaveProperty('invalid');
    }
  });
});

describe('parseExpiry, as kube-janitor', () => {
  it('reads the three formats as UTC', () => {
    expect(parseExpiry('2008-09-26T01:51:42Z')).toEqual(new Date('2008-09-26T01:51:42Z'));
    expect(parseExpiry('2008-09-26T01:51')).toEqual(new Date('2008-09-26T01:51:00Z'));
    expect(parseExpiry('2008-09-26')).toEqual(new Date('2008-09-26T00:00:00Z'));
    expect(parseExpiry('2019-02-28T20:40:00Z')).toEqual(new Date('2019-02-28T20:40:00Z'));
  });

  it('refuses what kube-janitor refuses', () => {
    for (const bad of [
      '99-06-02T12:12:59',
      '2010-12-12 09:26:11',
      '2019-02-30',
      '2019-02-25T09:26:14',
      '2019-02-25T09:26:14+01:00',
      '2019-02-25T25:00',
    ]) {
      expect(parseExpiry(bad), bad).toHaveProperty('invalid');
    }
  });
});
