import { describe, expect, it } from 'vitest';
import { redactDeep, redactText } from './redact.js';

describe('redactText', () => {
  it('removes a secret as it is and as a JSON string holds it', () => {
    const secret = 'a"b\\c-secret';
    const json = JSON.stringify({ message: `token ${secret} refused` });
    expect(redactText(`token ${secret}`, [secret])).toBe('token [redacted]');
    expect(redactText(json, [secret])).toBe('{"message":"token [redacted] refused"}');
  });

  it('removes the longer of two overlapping secrets whole', () => {
    expect(redactText('x=abcdefgh', ['abcd', 'abcdefgh'])).toBe('x=[redacted]');
  });

  it('removes the user-info of URLs, and leaves URLs without it alone', () => {
    expect(redactText('GET https://u:p4ss@host/x and http://host/y')).toBe(
      'GET https://[redacted]@host/x and http://host/y',
    );
  });

  it('leaves secrets shorter than 4 characters, which would shred every line', () => {
    expect(redactText('on and on', ['on'])).toBe('on and on');
  });
});

describe('redactDeep', () => {
  it('redacts every string of a nested value and keeps the rest', () => {
    const value = { a: ['k3y-value', 2, { b: 'x k3y-value y' }], c: true, d: null };
    expect(redactDeep(value, ['k3y-value'])).toEqual({
      a: ['[redacted]', 2, { b: 'x [redacted] y' }],
      c: true,
      d: null,
    });
  });
});
