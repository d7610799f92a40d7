import { PassThrough, Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HIGH_WATER, Shaper } from './shaper.js';
import type { Toxic, ToxicSpec } from './toxic.js';

// The shaper between two in-memory streams, on fake timers and a fake performance.now(): when
// each chunk leaves is exact here. What the same code does on real sockets is in proxy.test.ts
// and test/bench/latency-proxy.ts.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

const toxic = (spec: ToxicSpec): Toxic => ({
  id: spec.type,
  spec,
  stream: 'downstream',
  toxicity: 1,
  expiresAtMs: Number.MAX_SAFE_INTEGER,
});

/** A destination that records each chunk with the (fake) time it was written. */
function recorder(options: { highWaterMark?: number; hold?: boolean } = {}) {
  const got: Array<{ text: string; at: number }> = [];
  const pending: Array<() => void> = [];
  const to = new Writable({
    highWaterMark: options.highWaterMark ?? 16 * 1024,
    write(chunk: Buffer, _encoding, done) {
      got.push({ text: chunk.toString(), at: performance.now() });
      if (options.hold) pending.push(done);
      else done();
    },
  });
  return { to, got, pending };
}

/** Lets the streams' own nextTick work run (fake timers leave nextTick alone). */
const settle = () => new Promise<void>((r) => process.nextTick(() => process.nextTick(r)));

/** Writes `text` into `from` at fake time `atMs` (advancing the clock to it). */
async function sendAt(from: PassThrough, atMs: number, text: string): Promise<void> {
  await vi.advanceTimersByTimeAsync(atMs - performance.now());
  from.write(text);
  await settle();
}

describe('the shaper', () => {
  it('without toxics writes each chunk as it comes, with no timer and no queue', async () => {
    const from = new PassThrough();
    const { to, got } = recorder();
    const shaper = new Shaper(from, to, () => [], Math.random);
    from.write('a');
    from.write('b');
    await settle();
    expect(got.map((g) => g.text)).toEqual(['a', 'b']);
    expect(vi.getTimerCount()).toBe(0);
    expect(shaper.held).toBe(0);
  });

  it('without toxics respects backpressure: stops reading while the receiver is full, bytes unchanged and in order', async () => {
    const from = new PassThrough();
    const { to, got, pending } = recorder({ highWaterMark: 4, hold: true });
    new Shaper(from, to, () => [], Math.random);
    from.write('12345'); // over the receiver's mark: it says stop
    await settle();
    expect(from.isPaused()).toBe(true);
    from.write('678');
    from.write('9');
    await settle();
    expect(got.map((g) => g.text)).toEqual(['12345']);
    // The receiver takes what it has: the shaper reads and writes on.
    while (pending.length > 0 || got.length < 3) {
      pending.shift()?.();
      await settle();
    }
    expect(got.map((g) => g.text).join('')).toBe('123456789');
    expect(from.isPaused()).toBe(false);
  });

  it("counts each chunk's delay from its own arrival, not from when the one ahead left", async () => {
    const from = new PassThrough();
    const { to, got } = recorder();
    new Shaper(from, to, () => [toxic({ type: 'latency', latencyMs: 100 })], Math.random);
    const t0 = performance.now();
    await sendAt(from, t0, 'a');
    await sendAt(from, t0 + 40, 'b');
    await vi.advanceTimersByTimeAsync(t0 + 99 - performance.now());
    expect(got).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(got.map((g) => g.text)).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(t0 + 139 - performance.now());
    expect(got.map((g) => g.text)).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(1);
    expect(got).toEqual([
      { text: 'a', at: t0 + 100 },
      { text: 'b', at: t0 + 140 },
    ]);
  });

  it('waits with one timer, for the head of the queue only', async () => {
    const from = new PassThrough();
    const { to } = recorder();
    new Shaper(from, to, () => [toxic({ type: 'latency', latencyMs: 100 })], Math.random);
    const t0 = performance.now();
    for (let i = 0; i < 10; i++) await sendAt(from, t0 + i, String(i));
    expect(vi.getTimerCount()).toBe(1);
  });

  it('draws jitter uniformly around the delay: random 0 is delay − jitter, 0.5 the delay, 1 delay + jitter', async () => {
    const draws = [0, 0.5, 0.999_999];
    const from = new PassThrough();
    const { to, got } = recorder();
    new Shaper(
      from,
      to,
      () => [toxic({ type: 'latency', latencyMs: 100, jitterMs: 20 })],
      () => draws.shift()!,
    );
    const t0 = performance.now();
    await sendAt(from, t0, 'low');
    await vi.advanceTimersByTimeAsync(200);
    await sendAt(from, t0 + 200, 'middle');
    await vi.advanceTimersByTimeAsync(200);
    await sendAt(from, t0 + 400, 'high');
    await vi.advanceTimersByTimeAsync(200);
    expect(got.map((g) => [g.text, Math.round(g.at - t0)])).toEqual([
      ['low', 80],
      ['middle', 300],
      ['high', 520],
    ]);
  });

  it('keeps the order: a chunk drawn shorter than the one ahead leaves with it, not before', async () => {
    const draws = [1, 0]; // a: 100 + 50, b: 100 − 50
    const from = new PassThrough();
    const { to, got } = recorder();
    new Shaper(
      from,
      to,
      () => [toxic({ type: 'latency', latencyMs: 100, jitterMs: 50 })],
      () => draws.shift()!,
    );
    const t0 = performance.now();
    await sendAt(from, t0, 'a');
    await sendAt(from, t0 + 10, 'b');
    await vi.advanceTimersByTimeAsync(200);
    expect(got.map((g) => [g.text, Math.round(g.at - t0)])).toEqual([
      ['a', 150],
      ['b', 150],
    ]);
  });

  it('stops reading once more than its high-water mark waits, and reads on as it empties', async () => {
    const from = new PassThrough({ highWaterMark: 1024 });
    const { to, got } = recorder();
    const shaper = new Shaper(
      from,
      to,
      () => [toxic({ type: 'latency', latencyMs: 100 })],
      Math.random,
    );
    const chunk = 'x'.repeat(256 * 1024);
    for (let i = 0; i < 6; i++) from.write(chunk);
    await settle();
    expect(shaper.held).toBeGreaterThan(HIGH_WATER);
    expect(shaper.held).toBeLessThan(HIGH_WATER + chunk.length * 2);
    expect(from.isPaused()).toBe(true);
    await vi.advanceTimersByTimeAsync(100);
    await settle();
    expect(from.isPaused()).toBe(false);
    await vi.advanceTimersByTimeAsync(100);
    expect(got.map((g) => g.text).join('')).toBe(chunk.repeat(6));
  });

  it('ends the destination after the last queued chunk has left', async () => {
    const from = new PassThrough();
    const { to, got } = recorder();
    let finishedAt: number | undefined;
    to.on('finish', () => (finishedAt = performance.now()));
    new Shaper(from, to, () => [toxic({ type: 'latency', latencyMs: 50 })], Math.random);
    const t0 = performance.now();
    from.end('last');
    await settle();
    expect(finishedAt).toBeUndefined();
    await vi.advanceTimersByTimeAsync(50);
    await settle();
    expect(got.map((g) => g.text)).toEqual(['last']);
    expect(finishedAt).toBe(t0 + 50);
  });
});
