import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfigText } from '../config/load.js';
import { silentLogger } from '../logger.js';
import { Registry } from '../registry.js';
import { Store } from '../store/store.js';
import { deletingMonkey } from '@simian/testing';
import { runDaemon } from './daemon.js';
import { ScriptedLock } from '@simian/testing';
import { FileLeaderLock, type LeaderLock } from './leader-lock.js';

const until = async (what: () => boolean, ms = 5_000) => {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('the daemon and its lock', () => {
  let store: Store;
  beforeEach(() => {
    store = new Store(':memory:');
  });
  afterEach(() => store.close());

  const start = (lock: LeaderLock) => {
    const registry = new Registry().registerMonkey(deletingMonkey());
    const config = parseConfigText(
      // Once a year, so no slot falls inside a test: the daemon only waits, holding or not.
      'version: 1\nmonkeys:\n  test:\n    enabled: true\n    schedule:\n      cron: "0 0 1 1 *"\n      windows: { days: [sun, mon, tue, wed, thu, fri, sat], hours: { start: "00:00", end: "24:00" } }\n',
      'simian.yaml',
      registry,
      { env: {} },
    );
    const abort = new AbortController();
    const runs: unknown[] = [];
    const done = runDaemon({
      config,
      registry,
      store,
      logger: silentLogger(),
      lock,
      signal: abort.signal,
      standbyRetryMs: 10,
      onRun: (r) => runs.push(r),
    });
    return { abort, done, runs };
  };

  it('stands by without acting while another replica holds the lock, and releases on abort', async () => {
    const lock = new ScriptedLock(
      () => false,
      () => true,
    );
    const { abort, done, runs } = start(lock);
    await until(() => lock.acquires >= 5);
    abort.abort();
    await done;
    expect(runs).toEqual([]);
    expect(lock.renews).toBe(0);
    expect(lock.released).toBe(1);
  });

  it('renews the lock while it waits for a slot, and stops acting the moment it is lost', async () => {
    // Granted once; lost at the fifth renewal; never granted again.
    const lock = new ScriptedLock(
      (n) => n === 1,
      (n) => n < 5,
    );
    const { abort, done, runs } = start(lock);
    await until(() => lock.acquires >= 3);
    abort.abort();
    await done;
    expect(lock.renews).toBe(5);
    expect(runs).toEqual([]);
  });
});

describe('FileLeaderLock', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'simian-lock-'));

  it('is held by this process, then released', async () => {
    const path = join(dir(), 'nested', 'daemon.lock');
    const lock = new FileLeaderLock(path);
    expect(await lock.acquire()).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe(String(process.pid));
    expect(await lock.renew()).toBe(true);
    await lock.release();
    expect(await lock.renew()).toBe(false);
  });

  it('is not taken from a live process, and is taken over from a dead one', async () => {
    const path = join(dir(), 'daemon.lock');
    // The parent of this test process is alive for as long as the test runs.
    writeFileSync(path, String(process.ppid));
    const lock = new FileLeaderLock(path);
    expect(await lock.acquire()).toBe(false);
    expect(await lock.renew()).toBe(false);

    const exited = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    writeFileSync(path, exited.stdout.toString());
    expect(await lock.acquire()).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe(String(process.pid));
  });
});
