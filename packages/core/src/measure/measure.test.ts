import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { judgeDelay } from './delay-fidelity.js';
import { probeLatency } from './latency-probe.js';
import { percentile, summarizeLatency } from './percentiles.js';

describe('percentiles', () => {
  it('takes the nearest rank', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 95)).toBe(95);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeUndefined();
  });

  it('summarizes successes and counts failures apart', () => {
    expect(summarizeLatency([30, 10, 20], 1)).toEqual({
      count: 4,
      failures: 1,
      errorRate: 0.25,
      p50Ms: 20,
      p95Ms: 30,
      p99Ms: 30,
      minMs: 10,
      maxMs: 30,
      meanMs: 20,
    });
    expect(summarizeLatency([], 3)).toEqual({ count: 3, failures: 3, errorRate: 1 });
  });
});

describe('judgeDelay', () => {
  const base = summarizeLatency([2, 2, 3], 0);
  it('accepts a delay between 0.8x and 1.5x of the request', () => {
    const f = judgeDelay(100, base, summarizeLatency([101, 103, 110], 0));
    expect(f).toMatchObject({ verdict: 'as-requested', addedP50Ms: 101, ratio: 1.01 });
  });
  it('calls out a delay several times what was asked', () => {
    const f = judgeDelay(100, base, summarizeLatency([302, 305, 310], 0));
    expect(f.verdict).toBe('too-much');
    expect(f.text).toMatch(/3x the 100 ms requested \(outside 0.8x-1.5x\)/);
  });
  it('calls out a delay that did not happen', () => {
    expect(judgeDelay(1500, base, base)).toMatchObject({ verdict: 'too-little', ratio: 0 });
  });
  it('says when nothing could be measured', () => {
    const f = judgeDelay(100, base, summarizeLatency([], 5));
    expect(f).toMatchObject({ verdict: 'unmeasured' });
    expect(f.text).toMatch(/no probe succeeded during the fault \(5 failed\)/);
  });
});

describe('probeLatency on loopback', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/fail') {
        res.writeHead(503).end();
        return;
      }
      setTimeout(() => res.end('ok'), Number(url.searchParams.get('ms') ?? 0));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('times HTTP exchanges on one kept-alive connection', async () => {
    const seen = new Set<number>();
    server.on('connection', (s) => seen.add(s.remotePort ?? 0));
    const s = await probeLatency(`http://${base}/?ms=60`, {
      samples: 5,
      intervalMs: 0,
      timeoutMs: 2000,
    });
    expect(s).toMatchObject({ count: 5, failures: 0 });
    expect(s.p50Ms!).toBeGreaterThanOrEqual(59);
    expect(s.p50Ms!).toBeLessThan(250);
    expect(seen.size).toBe(1);
  });

  it('counts 5xx answers, timeouts and refused connections as failures', async () => {
    const opts = { samples: 2, intervalMs: 0, timeoutMs: 100 };
    expect((await probeLatency(`http://${base}/fail`, opts)).failures).toBe(2);
    expect((await probeLatency(`http://${base}/?ms=400`, opts)).failures).toBe(2);
    expect((await probeLatency('tcp://127.0.0.1:1', opts)).failures).toBe(2);
  });

  it('times TCP connects', async () => {
    const s = await probeLatency(`tcp://${base}`, { samples: 3, intervalMs: 0, timeoutMs: 1000 });
    expect(s).toMatchObject({ count: 3, failures: 0 });
    expect(s.p99Ms!).toBeLessThan(500);
  });

  it('refuses a target it cannot probe', async () => {
    await expect(
      probeLatency('ftp://x', { samples: 1, intervalMs: 0, timeoutMs: 10 }),
    ).rejects.toThrow(/"ftp:\/\/x" is no latency probe target/);
  });
});
