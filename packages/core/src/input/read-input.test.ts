import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SimianError } from '../errors.js';
import { readInputFile, readInputStream, whyUnreadable } from './read-input.js';

const dir = mkdtempSync(join(tmpdir(), 'simian-read-input-'));
const read = (path: string, maxBytes?: number) =>
  readInputFile(path, { what: 'config file', ...(maxBytes ? { maxBytes } : {}) });

describe('readInputFile', () => {
  it('reads a regular file as UTF-8', () => {
    const file = join(dir, 'ok.yaml');
    writeFileSync(file, 'a: héllo\n');
    expect(read(file)).toBe('a: héllo\n');
  });

  it('refuses a FIFO by name, without opening it (which would wait for a writer)', () => {
    const fifo = join(dir, 'fifo.yaml');
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    expect(() => read(fifo)).toThrow(`config file ${fifo}: is a named pipe (FIFO)`);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses a device such as /dev/zero, which never ends', () => {
    expect(() => read('/dev/zero')).toThrow('config file /dev/zero: is a device');
  });

  it('refuses a directory, and says a path that does not exist', () => {
    const sub = join(dir, 'sub');
    mkdirSync(sub);
    expect(() => read(sub)).toThrow('is a directory, not a file');
    expect(() => read(join(dir, 'absent.yaml'))).toThrow('no such file or directory');
    expect(() => read(join(dir, 'ok.yaml', 'x'))).toThrow('a part of the path is a file');
  });

  it('refuses a file over the limit, saying both sizes and how to raise it', () => {
    const big = join(dir, 'big.yaml');
    writeFileSync(big, 'x'.repeat(3000));
    const error = (() => {
      try {
        read(big, 2048);
      } catch (e) {
        return e as SimianError;
      }
    })();
    expect(error).toBeInstanceOf(SimianError);
    expect(error?.message).toBe(`config file ${big}: is 2.9 KiB, more than the limit of 2 KiB`);
    expect(error?.hint).toContain('--max-file-size');
  });

  it('names permission problems in words', () => {
    // Tests run as root here, which reads anything: the errno is the kernel's, shaped by hand.
    expect(whyUnreadable(Object.assign(new Error('x'), { code: 'EACCES' }))).toBe(
      'permission denied (EACCES): this user may not read it',
    );
  });
});

describe('readInputStream', () => {
  it('reads a stream, and stops one past the limit', async () => {
    async function* chunks(n: number) {
      for (let i = 0; i < n; i++) yield new Uint8Array(1024);
    }
    expect((await readInputStream(chunks(2), { what: 'stdin', maxBytes: 4096 })).length).toBe(2048);
    await expect(readInputStream(chunks(100), { what: 'stdin', maxBytes: 4096 })).rejects.toThrow(
      'stdin: more than 4 KiB, the limit',
    );
  });
});
