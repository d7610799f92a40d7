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
});
