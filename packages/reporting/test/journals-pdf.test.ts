// Seed 004's flow without pandoc or LaTeX: the same experiment runs under the real Chaos Toolkit
// (`chaos run`, from the sandbox toolchain) and under `simian experiment run`, and
// `simian report journals` renders both journals into one HTML report and a PDF printed by headless
// Chromium. The HTML, opened in Chromium, shows each experiment's hypothesis with the probes before
// and after, each activity with its timing, the rollbacks, and the load probe's percentiles chart.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureTools } from '@simian/sandbox';
import { simian } from '@simian/testing/cli';
import { chromiumPath, launchChromium, watchPage } from '@simian/testing/sandbox';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'simian-journals-pdf-'));
let server: Server;
let browser: Browser;

/** A service with a health endpoint and a "load test" that answers latency percentiles. */
async function startService(): Promise<string> {
  server = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(
      JSON.stringify(
        req.url === '/load' ? { requests: 500, p50: 12, p95: 48, p99: 97, unit: 'ms' } : { ok: 1 },
      ),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function experiment(base: string): string {
  const file = join(dir, 'experiment.json');
  writeFileSync(
    file,
    JSON.stringify({
      title: 'Does the shop survive a worker restart?',
      description: 'Restart a worker under load and watch the health endpoint.',
      tags: ['journals-pdf'],
      'steady-state-hypothesis': {
        title: 'the shop answers its health check',
        probes: [
          {
            type: 'probe',
            name: 'health-is-200',
            tolerance: 200,
            provider: { type: 'http', url: `${base}/health`, timeout: 3 },
          },
        ],
      },
      method: [
        {
          type: 'action',
          name: 'restart-worker',
          provider: { type: 'process', path: 'sh', arguments: ['-c', 'echo restarted worker-1'] },
        },
        {
          type: 'probe',
          name: 'load-test',
          provider: { type: 'http', url: `${base}/load`, timeout: 3 },
        },
      ],
      rollbacks: [
        {
          type: 'action',
          name: 'start-worker-again',
          provider: { type: 'process', path: 'echo', arguments: ['started'] },
        },
      ],
    }),
  );
  return file;
}

async function chaosRun(chaos: string, file: string, journal: string): Promise<void> {
  // Asynchronous on purpose: the service chaos calls lives in this process.
  const child = spawn(chaos, ['--no-version-check', 'run', '--journal-path', journal, file], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0 || !existsSync(journal)) throw new Error(`chaos run exited ${code}:\n${stderr}`);
}

beforeAll(async () => {
  const tools = await ensureTools(['chaostoolkit'], (l) => process.stderr.write(`${l}\n`));
  const file = experiment(await startService());
  await chaosRun(join(tools.chaostoolkit, 'chaos'), file, join(dir, 'chaostoolkit.json'));
  const own = await simian(
    ['experiment', 'run', file, '--journal-path', join(dir, 'simian.json')],
    dir,
  );
  expect(existsSync(join(dir, 'simian.json')), own.stderr).toBe(true);
  const report = await simian(
    [
      'report',
      'journals',
      'chaostoolkit.json',
      'simian.json',
      '--format',
      'html',
      '--format',
      'pdf',
      '--out',
      'out',
    ],
    dir,
    { SIMIAN_CHROMIUM: await chromiumPath() },
  );
  expect({ code: report.code, stderr: report.stderr }).toEqual({ code: 0, stderr: '' });
  browser = await launchChromium();
}, 900_000);
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

describe('simian report journals', () => {
  it("prints Chaos Toolkit's and Simian's journals to one PDF", () => {
    const pdf = readFileSync(join(dir, 'out/simian-experiments.pdf'));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
  });

  it('the HTML it prints shows hypothesis, probes before and after, activities, rollbacks and percentiles', async () => {
    const page = await browser.newPage();
    const url = pathToFileURL(join(dir, 'out/simian-experiments.html')).href;
    const problems = watchPage(page, url);
    await page.goto(url);
    const sections = page.locator('section.experiment');
    expect(await sections.count()).toBe(2);
    const producers: string[] = [];
    for (let i = 0; i < 2; i++) {
      const text = (await sections.nth(i).textContent())!;
      expect(text).toContain('Does the shop survive a worker restart?');
      expect(text).toContain('Hypothesis: the shop answers its health check');
      expect(text).toMatch(/before[^]*health-is-200[^]*after[^]*health-is-200/i);
      for (const name of ['restart-worker', 'load-test', 'start-worker-again'])
        expect(text).toContain(name);
      expect(text).toContain('Latency percentiles');
      expect(text).toMatch(/p95[^]*48 ms/);
      expect(await sections.nth(i).locator('svg.chart').count()).toBeGreaterThan(0);
      producers.push(text);
    }
    expect(producers.some((t) => /chaostoolkit|chaoslib/i.test(t))).toBe(true);
    expect(producers.some((t) => /simian/i.test(t))).toBe(true);
    expect(problems).toEqual({ errors: [], requests: [] });
    await page.close();
  });
});
