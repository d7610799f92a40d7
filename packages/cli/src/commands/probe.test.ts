// `simian probe` as a process: against a real HTTP server on loopback, and refusing what is not
// yours to probe.
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const main = join(root, 'packages/cli/src/main.ts');
// Run from a folder of its own (no simian.yaml there), so tsx is named by its full path.
const tsx = pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href;
const cwd = mkdtempSync(join(tmpdir(), 'simian-probe-cli-'));

function simian(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(
      process.execPath,
      ['--conditions=@simian/source', '--import', tsx, main, ...args],
      {
        cwd,
        env: { ...process.env, SIMIAN_KILL_SWITCH: '', ...env },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let server: Server;
let port = 0;
let requests = 0;
beforeAll(async () => {
  server = createServer((req, res) => {
    requests++;
    if (req.url === '/.git/config') {
      res
        .writeHead(200, { 'content-type': 'text/plain' })
        .end('[core]\n\trepositoryformatversion = 0\n');
    } else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  rmSync(cwd, { recursive: true, force: true });
});

describe('simian probe', () => {
  it('probes a loopback endpoint and prints what answered, as JSON, failing on high', async () => {
    const { code, stdout } = await simian([
      'probe',
      `http://127.0.0.1:${port}`,
      '-o',
      'json',
      '--fail-on',
      'high',
      '--rate',
      '0',
    ]);
    const out = JSON.parse(stdout) as {
      targets: Array<{ url: string; reachable: boolean }>;
      findings: Array<{ ruleId: string; evidence: { path: string } }>;
    };
    expect(out.targets).toEqual([
      expect.objectContaining({ url: `http://127.0.0.1:${port}`, reachable: true }),
    ]);
    expect(out.findings.map((f) => f.ruleId)).toContain('SEC-EXPOSE-005');
    expect(code).toBe(1);
  }, 60_000);

  it('prints a table for people', async () => {
    const { code, stdout } = await simian(['probe', `http://localhost:${port}`, '--rate', '0']);
    expect(stdout).toMatch(/ENDPOINT\s+ADDRESS\s+ANSWERED\s+TLS GRADE\s+FINDINGS/);
    expect(stdout).toContain('SEC-EXPOSE-005');
    expect(code).toBe(0);
  }, 60_000);

  it('refuses an endpoint that is not loopback, configured or allowed, before any packet', async () => {
    const { code, stderr } = await simian(['probe', 'https://203.0.113.10']);
    expect(stderr).toContain('is not yours to probe as far as Simian knows');
    expect(stderr).toContain('--allow 203.0.113.10');
    expect(code).toBe(2);
  }, 60_000);

  it('probes nothing while the kill switch is engaged', async () => {
    const before = requests;
    const { code, stderr } = await simian(['probe', `http://127.0.0.1:${port}`], {
      SIMIAN_KILL_SWITCH: '1',
    });
    expect(stderr).toContain('nothing was probed: the kill switch is engaged');
    expect(code).toBe(2);
    expect(requests).toBe(before);
  }, 60_000);
});
