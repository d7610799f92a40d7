/**
 * A counting semaphore: at most `limit` tasks run at once, the rest wait in arrival order. Keeps a
 * provider from opening hundreds of sockets against an API server that throttles by concurrency.
 */
export class Semaphore {
  readonly #limit: number;
  #active = 0;
  readonly #waiting: Array<() => void> = [];

  /** @param limit how many tasks may run at once (at least 1). */
  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError(`a semaphore needs a limit of at least 1, but ${limit} was given`);
    }
    this.#limit = limit;
  }

  /** Tasks running now. */
  get active(): number {
    return this.#active;
  }

  /** Tasks waiting for a slot. */
  get waiting(): number {
    return this.#waiting.length;
  }

  /** Runs `task` once a slot is free, and frees the slot when it settles. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.#acquire();
    try {
      return await task();
    } finally {
      this.#release();
    }
  }

  #acquire(): Promise<void> {
    if (this.#active < this.#limit) {
      this.#active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  #release(): void {
    const next = this.#waiting.shift();
    // The slot passes straight to the next waiter, so `active` never dips below the limit between.
    if (next) next();
    else this.#active--;
  }
}

/** Maps `items` through `fn` with at most `limit` calls in flight; results keep input order. */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const semaphore = new Semaphore(limit);
  return Promise.all(items.map((item, i) => semaphore.run(() => fn(item, i))));
}
