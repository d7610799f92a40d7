// The container image cannot be built here (no container engine), so this checks what it would
// run: the Dockerfile's entry point is the repository's own bin/simian.js, and that file, built,
// runs as the image's non-root user and reads its config from SIMIAN_CONFIG, as the chart's pods do.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '@simian/testing/cli';
import { describe, expect, it } from 'vitest';

const dockerfile = readFileSync(join(ROOT, 'deploy/Dockerfile'), 'utf8');
const line = (instruction: string) =>
  dockerfile
    .split('\n')
    .filter((l) => l.startsWith(`${instruction} `))
    .at(-1)
    ?.slice(instruction.length + 1);

function run(args: string[], uid: number, env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      uid,
      gid: uid,
      env: { PATH: process.env.PATH ?? '', HOME: tmpdir(), NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe("the image's entry point", () => {
  it('is bin/simian.js, run by node, as user 65532, with SIMIAN_CONFIG in /etc/simian', () => {
    expect(JSON.parse(line('ENTRYPOINT')!)).toEqual(['node', '/app/packages/cli/bin/simian.js']);
    expect(line('USER')).toBe('65532:65532');
    expect(line('ENV')).toBe('SIMIAN_CONFIG=/etc/simian/simian.yaml');
    expect(line('WORKDIR')).toBe('/app');
  });

  it('that file runs as the non-root user and validates the config SIMIAN_CONFIG names', async () => {
    const entry = JSON.parse(line('ENTRYPOINT')!) as string[];
    const file = join(ROOT, entry[1]!.replace(/^\/app\//, ''));
    const dir = mkdtempSync(join(tmpdir(), 'simian-entry-'));
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, 'simian.yaml'), 'version: 1\nmonkeys:\n  chaos: { enabled: true }\n');
    const ok = await run([file, 'validate'], 65532, { SIMIAN_CONFIG: join(dir, 'simian.yaml') });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('simian.yaml');
    writeFileSync(join(dir, 'bad.yaml'), 'version: 1\nmonkeys:\n  chaos: { enabld: true }\n');
    const bad = await run([file, 'validate'], 65532, { SIMIAN_CONFIG: join(dir, 'bad.yaml') });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('enabld');
  });
});
