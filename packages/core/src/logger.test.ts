import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, destination };
}

describe('logger', () => {
  it('scrubs values read from ${ENV} wherever they appear in a line', () => {
    const { lines, destination } = capture();
    const log = createLogger({
      format: 'json',
      secrets: ['hooks.example/T000/XYZ-secret'],
      destination,
    });
    log.info(
      { target: 'https://hooks.example/T000/XYZ-secret' },
      'posting to https://hooks.example/T000/XYZ-secret',
    );
    expect(lines.join('')).not.toContain('XYZ-secret');
    expect(lines.join('')).toContain('[redacted]');
  });

  it('redacts well-known secret keys in objects', () => {
    const { lines, destination } = capture();
    const log = createLogger({ format: 'json', destination });
    log.info({ auth: { token: 'abc123', password: 'hunter2' } }, 'calling');
    const line = JSON.parse(lines[0]!) as { auth: Record<string, string> };
    expect(line.auth).toEqual({ token: '[redacted]', password: '[redacted]' });
  });

  it('writes readable lines in pretty mode, still scrubbed', () => {
    const { lines, destination } = capture();
    const log = createLogger({ format: 'pretty', secrets: ['s3cr3t-value'], destination });
    log.warn('kill switch s3cr3t-value engaged');
    expect(lines.join('')).toMatch(/WARN.*kill switch \[redacted\] engaged/);
  });

  it('scrubs a secret containing " or \\ from JSON lines, where it appears escaped', () => {
    const { lines, destination } = capture();
    const secret = 'pa"ss\\word-42';
    const log = createLogger({ format: 'json', secrets: [secret], destination });
    log.error({ err: new Error(`login failed with ${secret}`), body: { echo: secret } }, secret);
    const text = lines.join('');
    expect(text).toContain('[redacted]');
    expect(text).not.toContain('ss\\\\word-42');
    expect(text).not.toContain('word-42');
  });

  it('scrubs the user-info of URLs even when no secret was named', () => {
    const { lines, destination } = capture();
    const log = createLogger({ format: 'json', destination });
    log.warn('could not post to https://alice:t0ps3cret@hooks.example/x');
    expect(lines.join('')).not.toContain('t0ps3cret');
    expect(lines.join('')).toContain('https://[redacted]@hooks.example/x');
  });
});
