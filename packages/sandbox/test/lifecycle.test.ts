import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { processesMarkedWith } from '../src/processes.js';
import { sandboxDown, sandboxPaths, sandboxStatus, sandboxUp } from '@simian/sandbox';

// A second sandbox in a folder of its own, next to the shared one the other files use.
describe('a separately started sandbox', () => {
  let cwd: string;
  afterAll(async () => {
    if (cwd) {
      await sandboxDown({ cwd });
      await rm(cwd, { recursive: true, force: true });
    }
  });

  it('comes up healthy, is reused by a second up, and leaves no process after down', async () => {
    cwd = await mkdtemp(join(tmpdir(), 'simian-sandbox-test-'));
    const first = await sandboxUp({ cwd });
    expect(first.reused).toBe(false);
    const status = await sandboxStatus({ cwd });
    expect(status.healthy).toBe(true);
    expect(status.components.map((c) => c.name)).toEqual([
      'etcd',
      'kube-apiserver',
      'kube-controller-manager',
      'kube-scheduler',
      'kwok',
      'moto',
    ]);
    const root = sandboxPaths(cwd).root;
    const pids = first.state.processes.map((p) => p.pid).sort((a, b) => a - b);
    expect(await processesMarkedWith(root)).toEqual(pids);

    const second = await sandboxUp({ cwd });
    expect(second.reused).toBe(true);
    expect(second.state.processes.map((p) => p.pid).sort((a, b) => a - b)).toEqual(pids);

    const down = await sandboxDown({ cwd });
    expect(down.stopped.sort()).toEqual(status.components.map((c) => c.name).sort());
    expect(await processesMarkedWith(root)).toEqual([]);
    expect(existsSync(sandboxPaths(cwd).stateFile)).toBe(false);
    expect((await sandboxStatus({ cwd })).components).toEqual([]);
  });

  it('stops what it started when up fails', async () => {
    // No component can be healthy within a millisecond: up fails right after starting etcd.
    const failed = await sandboxUp({ cwd, healthTimeoutMs: 1 }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(Error);
    expect((failed as Error).message).toMatch(/etcd/);
    expect(await processesMarkedWith(sandboxPaths(cwd).root)).toEqual([]);
    expect(existsSync(sandboxPaths(cwd).stateFile)).toBe(false);
  });
});
