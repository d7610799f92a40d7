import { createHash, randomBytes } from 'node:crypto';
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LatencyProxy } from './proxy.js';

// The proxy on loopback, against an echo server: what each toxic does to real sockets, in a few
// hundred ms each. Lower bounds are exact (a delay is never shorter than asked); upper bounds leave
// room for a busy machine's timers. The fidelity figures (p50, p99 over many requests, against
// toxiproxy) are in test/bench/latency-proxy.ts.
let echo: Server;
let echoPort: number;
beforeAll(async () => {
  echo = createServer((s) => s.pipe(s));
  await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
  echoPort = (echo.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => echo.close(() => r())));

let proxy: LatencyProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

async function start(): Promise<{ proxy: LatencyProxy; port: number }> {
  proxy = new LatencyProxy({
    listen: { host: '127.0.0.1', port: 0 },
    upstream: { host: '127.0.0.1', port: echoPort },
  });
  const { port } = await proxy.start();
  return { proxy, port };
}

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port, noDelay: true }, () => resolve(s));
    s.once('error', reject);
  });
}

/** Round trips of one byte on one connection, in ms. */
async function roundTrips(socket: Socket, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await new Promise<void>((resolve) => {
      socket.once('data', () => resolve());
      socket.write('x');
    });
    out.push(performance.now() - t0);
  }
  return out;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const later = (ms: number) => Date.now() + ms;

describe('the latency proxy on loopback', () => {
  it('passes bytes through untouched without toxics, adding well under a millisecond', async () => {
    const { port } = await start();
    const s = await open(port);
    const rtts = await roundTrips(s, 50);
    s.destroy();
    expect(median(rtts)).toBeLessThan(20);
  });

  it('without toxics passes 16 MB unchanged to a receiver that keeps stopping (backpressure)', async () => {
    // The receiver stops reading for 20 ms after every MB, so the proxy must hold back; it
    // answers with the SHA-256 of all it got once it has all of it.
    const size = 16 << 20;
    const sink = createServer((s) => {
      const hash = createHash('sha256');
      let sinceStop = 0;
      let got = 0;
      s.on('data', (d: Buffer) => {
        hash.update(d);
        got += d.length;
        if (got === size) s.write(hash.digest('hex'));
        sinceStop += d.length;
        if (sinceStop >= 1 << 20) {
          sinceStop = 0;
          s.pause();
          setTimeout(() => s.resume(), 20);
        }
      });
    });
    await new Promise<void>((r) => sink.listen(0, '127.0.0.1', r));
    try {
      proxy = new LatencyProxy({
        listen: { host: '127.0.0.1', port: 0 },
        upstream: { host: '127.0.0.1', port: (sink.address() as AddressInfo).port },
      });
      const { port } = await proxy.start();
      const data = randomBytes(size);
      const s = await open(port);
      const answer = new Promise<string>((resolve) => {
        let text = '';
        s.setEncoding('utf8').on('data', (d: string) => {
          text += d;
          if (text.length === 64) resolve(text);
        });
      });
      s.write(data);
      expect(await answer).toBe(createHash('sha256').update(data).digest('hex'));
      s.destroy();
    } finally {
      await new Promise<void>((r) => sink.close(() => r()));
    }
  });

  it("passes 16 MB from the server unchanged to a client that keeps stopping (the proxy's reused read buffer)", async () => {
    const size = 16 << 20;
    const data = randomBytes(size);
    const source = createServer((s) => s.end(data));
    await new Promise<void>((r) => source.listen(0, '127.0.0.1', r));
    try {
      proxy = new LatencyProxy({
        listen: { host: '127.0.0.1', port: 0 },
        upstream: { host: '127.0.0.1', port: (source.address() as AddressInfo).port },
      });
      const { port } = await proxy.start();
      const s = await open(port);
      const hash = createHash('sha256');
      let sinceStop = 0;
      await new Promise<void>((resolve) => {
        s.on('data', (d: Buffer) => {
          hash.update(d);
          sinceStop += d.length;
          if (sinceStop >= 1 << 20) {
            sinceStop = 0;
            s.pause();
            setTimeout(() => s.resume(), 20);
          }
        });
        s.on('end', () => resolve());
      });
      expect(hash.digest('hex')).toBe(createHash('sha256').update(data).digest('hex'));
    } finally {
      await new Promise<void>((r) => source.close(() => r()));
    }
  });

  it('latency downstream: each answer 100 ms later, in order', async () => {
    const { proxy, port } = await start();
    proxy.addToxic(
      { type: 'latency', latencyMs: 100 },
      { stream: 'downstream', expiresAtMs: later(60_000) },
    );
    const s = await open(port);
    const rtts = await roundTrips(s, 5);
    s.destroy();
    for (const r of rtts) {
      expect(r).toBeGreaterThanOrEqual(99);
      expect(r).toBeLessThan(300);
    }
  });

  it('latency both ways adds up; jitter stays within ± its bound', async () => {
    const { proxy, port } = await start();
    proxy.addToxic(
      { type: 'latency', latencyMs: 40, jitterMs: 20 },
      { stream: 'upstream', expiresAtMs: later(60_000) },
    );
    proxy.addToxic(
      { type: 'latency', latencyMs: 40, jitterMs: 20 },
      { stream: 'downstream', expiresAtMs: later(60_000) },
    );
    const s = await open(port);
    const rtts = await roundTrips(s, 10);
    s.destroy();
    for (const r of rtts) {
      expect(r).toBeGreaterThanOrEqual(39);
      expect(r).toBeLessThan(300);
    }
    expect(Math.max(...rtts) - Math.min(...rtts)).toBeGreaterThan(2);
  });

  it('takes a toxic off by itself at its expiry, on open connections too', async () => {
    const { proxy, port } = await start();
    proxy.addToxic(
      { type: 'latency', latencyMs: 200 },
      { stream: 'downstream', expiresAtMs: later(300) },
    );
    const s = await open(port);
    expect((await roundTrips(s, 1))[0]!).toBeGreaterThanOrEqual(199);
    await new Promise((r) => setTimeout(r, 150));
    expect(proxy.toxics()).toEqual([]);
    expect(median(await roundTrips(s, 5))).toBeLessThan(100);
    s.destroy();
  });

  it('bandwidth: 40 KB at 100 KB/s take about 0.4 s', async () => {
    const { proxy, port } = await start();
    proxy.addToxic(
      { type: 'bandwidth', rateKBps: 100 },
      { stream: 'downstream', expiresAtMs: later(60_000) },
    );
    const s = await open(port);
    const t0 = performance.now();
    const size = 40_000;
    await new Promise<void>((resolve) => {
      let got = 0;
      s.on('data', (d: Buffer) => {
        got += d.length;
        if (got >= size) resolve();
      });
      s.write(Buffer.alloc(size, 1));
    });
    const took = performance.now() - t0;
    s.destroy();
    expect(took).toBeGreaterThan(350);
    expect(took).toBeLessThan(2000);
  });

  it('reset: the client sees the connection reset by peer', async () => {
    const { proxy, port } = await start();
    proxy.addToxic(
      { type: 'reset', afterMs: 50 },
      { stream: 'downstream', expiresAtMs: later(60_000) },
    );
    const s = await open(port);
    const error = await new Promise<NodeJS.ErrnoException>((resolve) => s.once('error', resolve));
    expect(error.code).toBe('ECONNRESET');
  });

  it('timeout: nothing comes through, and the connection closes after the timeout', async () => {
    const { proxy, port } = await start();
    proxy.addToxic(
      { type: 'timeout', timeoutMs: 200 },
      { stream: 'downstream', expiresAtMs: later(60_000) },
    );
    const s = await open(port);
    let got = 0;
    s.on('data', (d: Buffer) => (got += d.length));
    s.write('hello');
    const t0 = performance.now();
    await new Promise<void>((resolve) => s.once('close', () => resolve()));
    expect(performance.now() - t0).toBeGreaterThan(150);
    expect(got).toBe(0);
  });

  it('toxicity: a toxic on half the connections reaches about half of them', async () => {
    let n = 0;
    proxy = new LatencyProxy({
      listen: { host: '127.0.0.1', port: 0 },
      upstream: { host: '127.0.0.1', port: echoPort },
      // Alternating draws: 0.25, 0.75, 0.25, ...
      random: () => (n++ % 2 === 0 ? 0.25 : 0.75),
    });
    const { port } = await proxy.start();
    proxy.addToxic(
      { type: 'latency', latencyMs: 80 },
      { stream: 'downstream', expiresAtMs: later(60_000), toxicity: 0.5 },
    );
    const slow: boolean[] = [];
    for (let i = 0; i < 4; i++) {
      const s = await open(port);
      slow.push((await roundTrips(s, 1))[0]! >= 79);
      s.destroy();
    }
    expect(slow).toEqual([true, false, true, false]);
  });
});
