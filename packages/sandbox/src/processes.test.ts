import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  isRecordedProcessRunning,
  launchDetached,
  parseProcStat,
  stopRecordedProcess,
} from './processes.js';

describe('parseProcStat', () => {
  it('reads state and start time after a command name with spaces and parentheses', () => {
    const fields = Array.from({ length: 50 }, (_, i) => String(i + 3));
    fields[0] = 'S';
    fields[19] = '987654';
    expect(parseProcStat(`4242 (a (weird) name) ${fields.join(' ')}`)).toEqual({
      state: 'S',
      startTicks: 987654,
    });
  });
});

describe('recorded processes', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('starts a detached process, recognises it, and stops it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'simian-proc-'));
    dirs.push(dir);
    const record = await launchDetached({
      name: 'moto',
      command: '/bin/sleep',
      args: ['30'],
      logFile: join(dir, 'sleep.log'),
    });
    expect(await isRecordedProcessRunning(record)).toBe(true);
    // Same pid, but not the recorded program: never signalled.
    const impostor = { ...record, executable: 'etcd' };
    expect(await isRecordedProcessRunning(impostor)).toBe(false);
    expect(await stopRecordedProcess(impostor)).toBe(false);
    expect(await isRecordedProcessRunning(record)).toBe(true);
    // Same pid and program, another start time: a reused pid, also left alone.
    expect(
      await isRecordedProcessRunning({ ...record, startTicks: (record.startTicks ?? 0) + 1 }),
    ).toBe(false);

    expect(await stopRecordedProcess(record)).toBe(true);
    expect(await isRecordedProcessRunning(record)).toBe(false);
    expect(await stopRecordedProcess(record)).toBe(false);
  });
});
