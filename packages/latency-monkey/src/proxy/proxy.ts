import { randomUUID } from 'node:crypto';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { Shaper } from './shaper.js';
import type { Toxic, ToxicSpec, ToxicStream } from './toxic.js';

/** Bytes read from the upstream server at a time. */
const READ_BUFFER = 64 * 1024;

/** Where a proxy listens and what it forwards to. */
export interface ProxyOptions {
  listen: { host: string; port: number };
  upstream: { host: string; port: number };
  /** @default Math.random */
  random?: () => number;
}

/**
 * A TCP proxy with toxics, toxiproxy's model: every connection to `listen` is forwarded to
 * `upstream`, and the toxics in place shape each direction. A toxic is an Apply/Recover pair with
 * its expiry: {@link LatencyProxy.addToxic} puts it on, the proxy takes it off by itself when it
 * expires, {@link LatencyProxy.removeToxic} sooner. A proxy that dies takes its toxics with it.
 */
export class LatencyProxy {
  readonly #options: ProxyOptions;
  readonly #toxics = new Map<string, Toxic>();
  readonly #timers = new Map<string, NodeJS.Timeout>();
  readonly #connections = new Set<Socket>();
  readonly #random: () => number;
  #server: Server | undefined;
  /** Connections accepted so far. */
  accepted = 0;

  constructor(options: ProxyOptions) {
    this.#options = options;
    this.#random = options.random ?? Math.random;
  }

  /** Starts listening; resolves with the address (port 0 picks a free one). */
  async start(): Promise<AddressInfo> {
    const server = createServer((client) => this.#accept(client));
    this.#server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.#options.listen.port, this.#options.listen.host, () => resolve());
    });
    return server.address() as AddressInfo;
  }

  /** Puts a toxic on until `expiresAtMs`; returns it. */
  addToxic(
    spec: ToxicSpec,
    options: { stream: ToxicStream; expiresAtMs: number; toxicity?: number },
  ): Toxic {
    const toxic: Toxic = {
      id: randomUUID(),
      spec,
      stream: options.stream,
      toxicity: options.toxicity ?? 1,
      expiresAtMs: options.expiresAtMs,
    };
    this.#toxics.set(toxic.id, toxic);
    const timer = setTimeout(
      () => this.removeToxic(toxic.id),
      Math.max(0, options.expiresAtMs - Date.now()),
    );
    timer.unref();
    this.#timers.set(toxic.id, timer);
    if (spec.type === 'reset') {
      for (const c of this.#connections) this.#scheduleReset(c, spec.afterMs ?? 0);
    }
    return toxic;
  }

  /** Takes a toxic off; true if it was there. */
  removeToxic(id: string): boolean {
    clearTimeout(this.#timers.get(id));
    this.#timers.delete(id);
    return this.#toxics.delete(id);
  }

  /** The toxics in place now. */
  toxics(): Toxic[] {
    return [...this.#toxics.values()];
  }

  /** Stops listening, takes every toxic off and closes every connection. */
  async close(): Promise<void> {
    for (const id of [...this.#toxics.keys()]) this.removeToxic(id);
    for (const c of this.#connections) c.destroy();
    await new Promise<void>((resolve) =>
      this.#server ? this.#server.close(() => resolve()) : resolve(),
    );
  }

  #accept(client: Socket): void {
    this.accepted++;
    client.setNoDelay(true);
    // What the server sends (usually the bulk) is read into one buffer of this connection's,
    // reused while the client takes each read at once, rather than a new buffer per read; a read
    // still referenced by a write the client has not finished gets a fresh buffer after it.
    let readBuffer = Buffer.allocUnsafe(READ_BUFFER);
    let readKept = false;
    const upstream = connect({
      ...this.#options.upstream,
      noDelay: true,
      onread: {
        buffer: () => {
          if (readKept) readBuffer = Buffer.allocUnsafe(READ_BUFFER);
          readKept = false;
          return readBuffer;
        },
        callback: (bytes: number, buffer: Uint8Array) => {
          readKept = down.take(Buffer.from(buffer.buffer, buffer.byteOffset, bytes), true);
          return true; // the shaper pauses the socket itself when it must
        },
      },
    });
    this.#connections.add(client);
    // Toxicity is drawn once per connection and toxic, as toxiproxy does.
    const drawn = new Map<string, boolean>();
    const none: Toxic[] = [];
    const active = (stream: ToxicStream) => () =>
      // Read per chunk: with no toxic at all (the usual case), nothing to build.
      this.#toxics.size === 0
        ? none
        : this.toxics().filter((t) => {
            if (t.stream !== stream || t.expiresAtMs <= Date.now()) return false;
            if (t.toxicity >= 1) return true;
            if (!drawn.has(t.id)) drawn.set(t.id, this.#random() < t.toxicity);
            return drawn.get(t.id)!;
          });
    client.pause();
    upstream.once('connect', () => client.resume());
    const up = new Shaper(client, upstream, active('upstream'), this.#random);
    const down = new Shaper(upstream, client, active('downstream'), this.#random, {
      reads: 'handed',
    });
    const done = () => {
      up.close();
      down.close();
      this.#connections.delete(client);
      if (!client.destroyed) client.destroy();
      if (!upstream.destroyed) upstream.destroy();
    };
    client.on('close', done).on('error', done);
    upstream.on('close', done).on('error', done);
    for (const t of this.toxics()) {
      if (t.spec.type === 'reset') this.#scheduleReset(client, t.spec.afterMs ?? 0);
      if (t.spec.type === 'timeout' && t.spec.timeoutMs > 0) {
        setTimeout(() => {
          if (this.#toxics.has(t.id)) client.destroy();
        }, t.spec.timeoutMs).unref();
      }
    }
  }

  #scheduleReset(client: Socket, afterMs: number): void {
    setTimeout(() => {
      if (!client.destroyed) client.resetAndDestroy();
    }, afterMs).unref();
  }
}
