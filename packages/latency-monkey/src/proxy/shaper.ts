import type { Socket } from 'node:net';
import type { Toxic } from './toxic.js';

/** Bytes held in a shaper before it stops reading its source (backpressure). */
const HIGH_WATER = 1 << 20;

/**
 * One direction of a proxied connection: takes the chunks `from` sends and writes them to `to`,
 * each at the time its toxics say. Toxics are read per chunk, so adding or removing one acts on
 * open connections at once. Chunks leave in the order they came.
 */
export class Shaper {
  readonly #to: Socket;
  readonly #from: Socket;
  readonly #toxics: () => Toxic[];
  readonly #random: () => number;
  readonly #queue: Array<{ chunk: Buffer; at: number }> = [];
  #held = 0;
  #lastRelease = 0;
  #timer: NodeJS.Timeout | undefined;
  #ended = false;
  #blocked = false;

  constructor(from: Socket, to: Socket, toxics: () => Toxic[], random: () => number) {
    this.#from = from;
    this.#to = to;
    this.#toxics = toxics;
    this.#random = random;
    from.on('data', (chunk: Buffer) => this.#take(chunk));
    from.on('end', () => {
      this.#ended = true;
      this.#flush();
    });
  }

  #take(chunk: Buffer): void {
    const toxics = this.#toxics();
    // No toxic and nothing queued: straight through, as a plain pipe would.
    if (toxics.length === 0 && this.#queue.length === 0 && !this.#blocked) {
      this.#lastRelease = performance.now();
      this.#queue.push({ chunk, at: 0 });
      this.#held += chunk.length;
      this.#flush();
      return;
    }
    const now = performance.now();
    let at = now;
    for (const t of toxics) {
      const s = t.spec;
      if (s.type === 'timeout') return; // dropped while the toxic is there
      if (s.type === 'latency') {
        const jitter = s.jitterMs ? (this.#random() * 2 - 1) * s.jitterMs : 0;
        at = Math.max(at, now + Math.max(0, s.latencyMs + jitter));
      }
    }
    // Bandwidth: a chunk leaves no sooner than the previous one plus its own transfer time.
    const bandwidth = toxics.find((t) => t.spec.type === 'bandwidth');
    if (bandwidth && bandwidth.spec.type === 'bandwidth') {
      at = Math.max(at, this.#lastRelease) + chunk.length / bandwidth.spec.rateKBps;
    }
    // In order: never before the chunk ahead of it.
    at = Math.max(at, this.#lastRelease);
    this.#lastRelease = at;
    this.#queue.push({ chunk, at });
    this.#held += chunk.length;
    if (this.#held > HIGH_WATER) this.#from.pause();
    this.#flush();
  }

  #flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#blocked) return;
    const now = performance.now();
    while (this.#queue.length > 0 && this.#queue[0]!.at <= now + 0.5) {
      const { chunk } = this.#queue.shift()!;
      this.#held -= chunk.length;
      if (this.#to.destroyed) continue;
      if (!this.#to.write(chunk)) {
        // The receiver is slower than the sender: stop reading until it has drained.
        this.#blocked = true;
        this.#from.pause();
        this.#to.once('drain', () => {
          this.#blocked = false;
          this.#flush();
        });
        return;
      }
    }
    if (this.#held <= HIGH_WATER / 2 && this.#from.isPaused()) this.#from.resume();
    if (this.#queue.length > 0) {
      this.#timer = setTimeout(() => this.#flush(), Math.max(0, this.#queue[0]!.at - now));
      return;
    }
    if (this.#ended && !this.#to.destroyed) this.#to.end();
  }

  /** Stops writing: the connection is gone. */
  close(): void {
    clearTimeout(this.#timer);
    this.#queue.length = 0;
  }
}
