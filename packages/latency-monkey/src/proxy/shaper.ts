import type { Readable, Writable } from 'node:stream';
import type { Toxic } from './toxic.js';

/** Bytes held in a shaper's queue before it stops reading its source (backpressure). */
export const HIGH_WATER = 1 << 20;

/**
 * How early a chunk may leave, in ms. Node's timers count whole milliseconds on a clock read once
 * per turn of the event loop, so a timer wakes up to about a millisecond before or after the
 * moment asked for; waiting again for a sub-millisecond rest costs a whole further millisecond
 * and more. A chunk within this much of its time leaves at once, which centres the error on the
 * time asked for rather than always adding to it.
 */
export const EARLY_MS = 0.5;

/** A chunk waiting for its time: `at` on `performance.now()`'s clock. */
interface Held {
  chunk: Buffer;
  at: number;
}

/**
 * One direction of a proxied connection: takes the chunks `from` sends and writes them to `to`,
 * each at the time its toxics say. Toxics are read per chunk, so adding or removing one acts on
 * open connections at once. Chunks leave in the order they came.
 *
 * With no toxic and nothing queued, a chunk is written at once, as a pipe would (the fast path:
 * no clock, no queue, no timer). With a delay, each chunk's time is counted from its arrival, and
 * one timer per direction waits for the head of the queue only: a later chunk's time is never
 * earlier than the head's, so nothing waits behind a later deadline.
 */
export class Shaper {
  readonly #to: Writable;
  readonly #from: Readable;
  readonly #toxics: () => Toxic[];
  readonly #random: () => number;
  /** The queue: `#queue[#head]` leaves first; the array is compacted as it empties. */
  #queue: Held[] = [];
  #head = 0;
  #held = 0;
  /** When the last chunk queued with a time is due (chunks leave no sooner). */
  #lastRelease = 0;
  #timer: NodeJS.Timeout | undefined;
  #ended = false;
  /** `to` said stop (write returned false) and has not drained yet. */
  #blocked = false;
  /** This shaper paused `from` (and so may resume it). */
  #paused = false;

  constructor(
    from: Readable,
    to: Writable,
    toxics: () => Toxic[],
    random: () => number,
    /** `handed`: the owner of `from` hands its reads to {@link Shaper.take} itself (onread). */
    options: { reads?: 'data-events' | 'handed' } = {},
  ) {
    this.#from = from;
    this.#to = to;
    this.#toxics = toxics;
    this.#random = random;
    if (options.reads !== 'handed') from.on('data', (chunk: Buffer) => this.take(chunk, false));
    from.on('end', () => {
      this.#ended = true;
      this.#flush();
    });
  }

  /** Bytes waiting in the queue (not counting what `to` buffers itself). */
  get held(): number {
    return this.#held;
  }

  /**
   * Takes one chunk read from `from`. A `borrowed` chunk lives in a read buffer its owner reuses
   * (onread): it is copied if it has to wait. Returns whether `to` may still hold a reference to
   * it (a write not finished at once), in which case its buffer must not be reused yet.
   */
  take(chunk: Buffer, borrowed: boolean): boolean {
    const toxics = this.#toxics();
    if (toxics.length === 0 && this.#head === this.#queue.length) {
      if (!this.#blocked) {
        this.#write(chunk);
        return this.#to.writableLength > 0;
      }
      // Blocked: behind what `to` has not taken yet, in order.
      this.#push(borrowed ? Buffer.from(chunk) : chunk, 0);
      return false;
    }
    if (borrowed) chunk = Buffer.from(chunk);
    const now = performance.now();
    let at = now;
    for (const t of toxics) {
      const s = t.spec;
      if (s.type === 'timeout') return false; // dropped while the toxic is there
      if (s.type === 'latency') {
        // Uniform over [latency - jitter, latency + jitter], centred on the latency asked for.
        const jitter = s.jitterMs ? (this.#random() * 2 - 1) * s.jitterMs : 0;
        at = Math.max(at, now + Math.max(0, s.latencyMs + jitter));
      }
    }
    // Bandwidth: a chunk leaves no sooner than the previous one plus its own transfer time.
    for (const t of toxics) {
      if (t.spec.type === 'bandwidth') {
        at = Math.max(at, this.#lastRelease) + chunk.length / t.spec.rateKBps;
        break;
      }
    }
    // In order: never before the chunk ahead of it.
    at = Math.max(at, this.#lastRelease);
    this.#lastRelease = at;
    const wasEmpty = this.#head === this.#queue.length;
    this.#push(chunk, at);
    // A new head (the queue was empty) needs the timer; behind a head, the timer is set already.
    if (wasEmpty && !this.#blocked) this.#arm(now);
    return false;
  }

  #push(chunk: Buffer, at: number): void {
    this.#queue.push({ chunk, at });
    this.#held += chunk.length;
    if (this.#held > HIGH_WATER) this.#pause();
  }

  /** Writes one chunk to `to`; when `to` is full, stops until it drains. */
  #write(chunk: Buffer): void {
    if (this.#to.destroyed) return;
    if (this.#to.write(chunk)) return;
    // The receiver is slower than the sender: stop reading until it has drained.
    this.#blocked = true;
    this.#pause();
    this.#to.once('drain', () => {
      this.#blocked = false;
      this.#flush();
    });
  }

  /** Writes every chunk whose time has come, then waits for the next one, or ends `to`. */
  #flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#blocked) return;
    const now = performance.now();
    const due = () =>
      this.#head < this.#queue.length && this.#queue[this.#head]!.at <= now + EARLY_MS;
    // Several chunks due at once leave in one write (writev) rather than one each.
    const several = due() && this.#head + 1 < this.#queue.length;
    if (several) this.#to.cork();
    while (!this.#blocked && due()) {
      const { chunk } = this.#queue[this.#head]!;
      this.#queue[this.#head++] = undefined as unknown as Held; // let the chunk go
      this.#held -= chunk.length;
      this.#write(chunk);
    }
    if (several) this.#to.uncork();
    if (this.#head === this.#queue.length) {
      this.#queue = [];
      this.#head = 0;
    } else if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
    if (this.#blocked) return;
    if (this.#held <= HIGH_WATER / 2) this.#resume();
    if (this.#head < this.#queue.length) {
      this.#arm(now);
      return;
    }
    if (this.#ended && !this.#to.destroyed) this.#to.end();
  }

  /** One timer, for the head of the queue. */
  #arm(now: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#flush(), Math.max(0, this.#queue[this.#head]!.at - now));
  }

  #pause(): void {
    if (this.#paused) return;
    this.#paused = true;
    this.#from.pause();
  }

  #resume(): void {
    if (!this.#paused) return;
    this.#paused = false;
    this.#from.resume();
  }

  /** Stops writing: the connection is gone. */
  close(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#queue = [];
    this.#head = 0;
    this.#held = 0;
  }
}
