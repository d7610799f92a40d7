import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { withLock } from './lock.js';

describe('withLock', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('runs holders one after the other', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'simian-lock-'));
    dirs.push(dir);
    const events: string[] = [];
    const hold = (name: string) =>
      withLock(join(dir, 'lock'), 'test', async () => {
        events.push(`${name} in`);
        await new Promise((resolve) => setTimeout(resolve, 50));
        events.push(`${name} out`);
      });
    await Promise.all([hold('a'), hold('b')]);
    expect(events).toHaveLength(4);
    // Whoever got in first got out before the other got in.
    const first = events[0]!.split(' ')[0];
    const second = first === 'a' ? 'b' : 'a';
    expect(events).toEqual([`${first} in`, `${first} out`, `${second} in`, `${second} out`]);
  });

  it('takes over a lock whose holder died', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'simian-lock-'));
    dirs.push(dir);
    await mkdir(join(dir, 'lock'));
    // No process has pid 2^22 + 1 (above Linux's pid_max default).
    await writeFile(join(dir, 'lock', 'pid'), String(4_194_305));
    expect(await withLock(join(dir, 'lock'), 'test', async () => 'ran')).toBe('ran');
  });
});
