// What keeps probes on your own systems: the allowance, the limits and the kill switch, against
// real servers on loopback that count what reaches them.
import { afterAll, describe, expect, it } from 'vitest';
import { httpServer, type TestServer } from '../__fixtures__/servers.js';
import { runProbes, type ProbeOptions } from './prober.js';
import { isLoopback, resolveAllowed } from './resolve.js';
import { targetFromUrl, type ProbeTarget } from './target.js';

const servers: TestServer[] = [];
afterAll(() => Promise.all(servers.map((s) => s.close())));

async function counting(): Promise<TestServer> {
  const server = await httpServer((_req, res) => {
    setTimeout(() => res.writeHead(404).end(), 20);
  });
  servers.push(server);
  return server;
}

const base: ProbeOptions = {
  limits: { concurrency: 4, perEndpointRate: 0 },
  timeoutMs: 3000,
  maxBodyBytes: 4096,
  tls: { expiryHighDays: 30, expiryWarnDays: 60 },
};

const target = (url: string, allow: ProbeTarget['allow']) =>
  targetFromUrl(url, { allow, source: 'inventory' });

describe('the allowance', () => {
  it('connects only to an address the target may be reached at, whatever DNS answers', async () => {
    const server = await counting();
    // shop.example.test "resolves" to 127.0.0.1, but the inventory says its load balancer is 10.9.9.9.
    const run = await runProbes(
      [target(`http://shop.example.test:${server.port}`, { addresses: ['10.9.9.9'], names: [] })],
      { ...base, lookup: async () => ['127.0.0.1'] },
    );
    expect(run.targets[0]).toMatchObject({
      reachable: false,
      skipped: expect.stringContaining(
        'resolves to 127.0.0.1, outside the addresses this target may be reached at (10.9.9.9)',
      ),
    });
    expect(server.connections).toBe(0);
    expect(run.connections).toBe(0);
  });

  it('trusts the DNS answer of a name the config lists', async () => {
    const server = await counting();
    const run = await runProbes(
      [
        target(`http://api.example.test:${server.port}`, {
          addresses: [],
          names: ['api.example.test'],
        }),
      ],
      { ...base, lookup: async () => ['127.0.0.1'] },
    );
    expect(run.targets[0]).toMatchObject({ address: '127.0.0.1', reachable: true });
    expect(server.connections).toBeGreaterThan(0);
  });

  it("refuses an IP that is not the target's, and accepts one inside an allowed network", async () => {
    expect(
      await resolveAllowed('127.0.0.2', { addresses: ['127.0.0.1'], names: [] }),
    ).toMatchObject({ ok: false });
    expect(
      await resolveAllowed('10.1.2.3', { addresses: [], names: [], networks: ['10.0.0.0/8'] }),
    ).toEqual({ ok: true, address: '10.1.2.3' });
    expect(isLoopback('127.8.0.1')).toBe(true);
    expect(isLoopback('::1')).toBe(true);
    expect(isLoopback('10.0.0.1')).toBe(false);
  });
});

describe('the limits', () => {
  it('keeps connections at once within the concurrency', async () => {
    const a = await counting();
    const b = await counting();
    const allow = { addresses: ['127.0.0.1'], names: [] };
    const run = await runProbes(
      [target(`http://127.0.0.1:${a.port}`, allow), target(`http://127.0.0.1:${b.port}`, allow)],
      { ...base, limits: { concurrency: 1, perEndpointRate: 0 } },
    );
    expect(run.connections).toBeGreaterThan(20);
    expect(a.maxConcurrent + b.maxConcurrent).toBeLessThanOrEqual(2);
    expect(Math.max(a.maxConcurrent, b.maxConcurrent)).toBe(1);
  });

  it('paces new connections to one endpoint at the per-endpoint rate', async () => {
    const server = await counting();
    const run = await runProbes(
      [target(`http://127.0.0.1:${server.port}`, { addresses: ['127.0.0.1'], names: [] })],
      { ...base, limits: { concurrency: 8, perEndpointRate: 50 } },
    );
    const times = server.requests.map((r) => r.at);
    const span = times[times.length - 1]! - times[0]!;
    // n requests at 50 a second take at least (n - 1) * 20 ms; allow a little timer slack.
    expect(span).toBeGreaterThanOrEqual((times.length - 1) * 20 - 25);
    expect(run.connections).toBe(times.length);
  });
});

describe('the kill switch', () => {
  it('stops the run: targets not started are skipped, and say why', async () => {
    const server = await counting();
    const allow = { addresses: ['127.0.0.1'], names: [] };
    let engaged = false;
    const targets = Array.from({ length: 3 }, () =>
      target(`http://127.0.0.1:${server.port}`, allow),
    );
    engaged = true;
    const run = await runProbes(targets, {
      ...base,
      stopReason: async () => (engaged ? 'environment variable SIMIAN_KILL_SWITCH=1' : undefined),
    });
    expect(run.stopped).toBe('kill switch engaged: environment variable SIMIAN_KILL_SWITCH=1');
    expect(run.targets.every((t) => t.skipped === run.stopped)).toBe(true);
    expect(server.connections).toBe(0);
  });
});

describe('a tcp:// target', () => {
  it('reports whether something accepts the connection, and sends nothing', async () => {
    const server = await counting();
    const allow = { addresses: ['127.0.0.1'], names: [] };
    const closed = await counting();
    await closed.close();
    const run = await runProbes(
      [
        target(`tcp://127.0.0.1:${server.port}`, allow),
        target(`tcp://127.0.0.1:${closed.port}`, allow),
      ],
      base,
    );
    expect(run.targets.map((t) => t.reachable)).toEqual([true, false]);
    expect(server.requests).toEqual([]);
    expect(run.findings).toEqual([]);
  });
});
