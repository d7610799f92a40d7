import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '@simian/core';

/** The answer to one attempt. Failures are values, never thrown: a sink never stops a run. */
export type Attempt = { ok: true; status: number } | { ok: false; retry: boolean; error: string };

/** Statuses below 500 worth another attempt: the receiver is busy for now, not refusing us. */
const RETRY_STATUS = new Set([408, 425, 429]);

/** How one sink delivers. */
export interface Delivery {
  /** Never logged: it often holds a token. */
  url: string;
  /** Milliseconds for one attempt. */
  timeout: number;
  /** Attempts after the first. */
  retries: number;
  /** Wait before the first retry, doubled before each next one. */
  backoffMs: number;
}

/** POSTs `body` as JSON once; a failure says whether another attempt may help. */
export async function postJson(delivery: Delivery, body: unknown): Promise<Attempt> {
  try {
    const response = await fetch(delivery.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'simian' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(delivery.timeout),
    });
    // Drain the body so the connection is released.
    await response.arrayBuffer().catch(() => undefined);
    if (response.ok) return { ok: true, status: response.status };
    return {
      ok: false,
      retry: response.status >= 500 || RETRY_STATUS.has(response.status),
      error: `HTTP ${response.status}`,
    };
  } catch (e) {
    return { ok: false, retry: true, error: describeError(e, delivery.timeout, [delivery.url]) };
  }
}

/**
 * Why a call failed, in words, with every secret in `secrets` cut out: the URL often holds a
 * token, and whatever the runtime put in its message must not reach a log.
 */
export function describeError(e: unknown, timeout: number, secrets: readonly string[]): string {
  const error = e as Error & { cause?: { code?: string; message?: string } };
  const why =
    error?.name === 'TimeoutError'
      ? `no answer within ${timeout} ms`
      : (error?.cause?.code ?? error?.cause?.message ?? error?.message ?? String(e));
  return secrets.reduce((text, s) => (s ? text.split(s).join('[sink url]') : text), why);
}

/**
 * Tries `attempt` until it succeeds, fails for good, or runs out of retries, waiting
 * `backoffMs`, then twice that, and so on between attempts. Returns the last answer.
 */
export async function withBackoff(
  attempt: () => Promise<Attempt>,
  retries: number,
  backoffMs: number,
): Promise<Attempt & { attempts: number }> {
  let last: Attempt = { ok: false, retry: false, error: 'not attempted' };
  let n = 0;
  for (n = 1; n <= retries + 1; n++) {
    if (n > 1) await sleep(backoffMs * 2 ** (n - 2));
    last = await attempt();
    if (last.ok || !last.retry) break;
  }
  return { ...last, attempts: Math.min(n, retries + 1) };
}

/**
 * Delivers in order, in the background: each `send` waits for the one before. `flush` waits for
 * what is queued. A failure is logged by `send` itself; nothing here throws.
 */
export class SendQueue {
  #queue: Promise<void> = Promise.resolve();

  send(work: () => Promise<void>): void {
    this.#queue = this.#queue.then(work).catch(() => undefined);
  }

  flush(): Promise<void> {
    return this.#queue;
  }
}

/** POSTs with retries and logs the outcome under `label`, never the URL. */
export async function deliverJson(
  delivery: Delivery,
  body: unknown,
  logger: Logger,
  about: Record<string, unknown>,
  what: string,
): Promise<boolean> {
  const result = await withBackoff(
    () => postJson(delivery, body),
    delivery.retries,
    delivery.backoffMs,
  );
  if (result.ok) {
    logger.debug(
      { ...about, status: result.status, attempt: result.attempts },
      `${what} delivered`,
    );
    return true;
  }
  logger.warn(
    { ...about, error: result.error, attempts: result.attempts },
    `could not deliver ${what}; the run goes on`,
  );
  return false;
}
