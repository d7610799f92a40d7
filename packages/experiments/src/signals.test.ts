import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ExperimentJournal } from './journal.js';

describe('a real SIGTERM during the method', () => {
  it('stops the method, runs the rollbacks, and the journal ends as interrupted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'simian-sigterm-'));
    const journalPath = join(dir, 'journal.json');
    const marker = join(dir, 'rolled-back');
    const script = fileURLToPath(new URL('./__fixtures__/sigterm-experiment.ts', import.meta.url));
    const child = spawn(
      process.execPath,
      ['--conditions=@simian/source', '--import', 'tsx', script, journalPath, marker],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let stdout = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        if (stdout.includes('pausing after the activity')) resolve();
      });
      void exited.then((code) => reject(new Error(`child exited early with ${code}:\n${stdout}`)));
    });
    const signalledAt = Date.now();
    child.kill('SIGTERM');
    const code = await exited;

    expect(Date.now() - signalledAt).toBeLessThan(10_000);
    expect(code).toBe(1);
    expect(existsSync(marker)).toBe(true);
    expect(stdout).toContain('service up after rollbacks: true');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as ExperimentJournal;
    expect(journal.status).toBe('interrupted');
    expect(journal.run.map((r) => [r.activity.name, r.status])).toEqual([
      ['stop-the-service', 'succeeded'],
    ]);
    expect(journal.rollbacks.map((r) => [r.activity.name, r.status])).toEqual([
      ['write-marker', 'succeeded'],
      ['restart-the-service', 'succeeded'],
    ]);
    expect(journal.steady_states.after).toBeNull();
  }, 60_000);
});
