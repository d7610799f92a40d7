import { Semaphore } from '@simian/core';

/** How hard the probes may push: connections at once, and connections per second per endpoint. */
export interface ProbeLimitSettings {
  /** Connections open at once, over every target. */
  concurrency: number;
  /** New connections per second to one address and port. */
  perEndpointRate: number;
}

/**
 * Bounds every connection a probe opens: a global semaphore, and a per-endpoint pacing so one
 * server never sees more than `perEndpointRate` new connections a second, however many checks
 * want it.
 */
export class ProbeLimits {
  readonly #slots: Semaphore;
  readonly #interval: number;
  readonly #next = new Map<string, number>();
  /** Connections opened so far. */
  connections = 0;

  constructor(settings: ProbeLimitSettings) {
    this.#slots = new Semaphore(Math.max(1, Math.floor(settings.concurrency)));
    this.#interval = settings.perEndpointRate > 0 ? 1000 / settings.perEndpointRate : 0;
  }

  /** Runs one connection's work for `endpoint` (`address:port`) within the limits. */
  async run<T>(endpoint: string, task: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const at = Math.max(now, this.#next.get(endpoint) ?? now);
    this.#next.set(endpoint, at + this.#interval);
    if (at > now) await new Promise((r) => setTimeout(r, at - now));
    return this.#slots.run(() => {
      this.connections++;
      return task();
    });
  }
}
