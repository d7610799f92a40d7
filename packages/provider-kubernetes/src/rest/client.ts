import type { Logger } from '@simian/core';
import { KubeApiError, KubeUnreachableError, type KubeStatus } from './api-error.js';
import type { KubeConnection } from './connection.js';
import {
  isRetryableNetworkError,
  isRetryableStatus,
  parseRetryAfter,
  withRetries,
  type AttemptVerdict,
  type RetryPolicy,
} from './retry.js';
import { type Semaphore } from '@simian/core';
import { sendHttp } from './transport.js';

/** One call to the API server. */
export interface ApiCall {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** `/api/v1/namespaces/shop/pods`, without query. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** @default "application/json" */
  contentType?: string;
  /** `text`: the body as it came (a pod's log), not parsed. @default "json" */
  responseType?: 'json' | 'text';
  signal?: AbortSignal;
  /**
   * Failures that look retryable but are not, for this call: an eviction refused by a
   * PodDisruptionBudget is a 429 that no wait will change.
   */
  isFinal?: (error: KubeApiError) => boolean;
}

/** Requests a provider made, for `simian doctor` and the benchmark. */
export interface RequestStats {
  /** HTTP requests sent, retries included. */
  requests: number;
  /** Of which were retries. */
  retries: number;
  /** Answers of 429 (throttling or a PodDisruptionBudget). */
  throttled: number;
}

/** A new, zeroed {@link RequestStats}. */
export const emptyRequestStats = (): RequestStats => ({ requests: 0, retries: 0, throttled: 0 });

/** What a {@link RestClient} needs besides the connection. */
export interface RestClientOptions {
  semaphore: Semaphore;
  retry: RetryPolicy;
  timeoutMs: number;
  stats: RequestStats;
  logger: Logger;
}

/**
 * JSON over HTTP to one API server: bounded concurrency (a slot per attempt, never held while
 * backing off), retries on 429, 5xx and broken connections honouring `Retry-After`, one fresh try
 * after a 401 (expired token), and a count of every request.
 */
export class RestClient {
  readonly connection: KubeConnection;
  readonly #o: RestClientOptions;

  constructor(connection: KubeConnection, options: RestClientOptions) {
    this.connection = connection;
    this.#o = options;
  }

  /** Sends `call` and returns the parsed body; throws `KubeApiError` or `KubeUnreachableError`. */
  async call<T>(call: ApiCall): Promise<T> {
    const url = new URL(call.path, this.connection.server);
    for (const [key, value] of Object.entries(call.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const label = `${call.method} ${call.path}`;
    const body = call.body === undefined ? undefined : JSON.stringify(call.body);
    let refreshed = false;
    return withRetries<T>(
      async (attempt): Promise<AttemptVerdict<T>> => {
        const prepared = await this.connection.prepare(refreshed);
        try {
          const response = await this.#o.semaphore.run(() => {
            this.#o.stats.requests++;
            if (attempt > 1) this.#o.stats.retries++;
            return sendHttp({
              method: call.method,
              url,
              headers: {
                ...prepared.headers,
                accept: call.responseType === 'text' ? 'text/plain, */*' : 'application/json',
                ...(body === undefined
                  ? {}
                  : { 'content-type': call.contentType ?? 'application/json' }),
              },
              ...(body === undefined ? {} : { body }),
              agent: prepared.agent,
              timeoutMs: this.#o.timeoutMs,
              ...(call.signal ? { signal: call.signal } : {}),
            });
          });
          if (response.status >= 200 && response.status < 300) {
            if (call.responseType === 'text') return { done: true, value: response.text as T };
            return { done: true, value: (response.text ? JSON.parse(response.text) : {}) as T };
          }
          const error = new KubeApiError(
            label,
            response.status,
            parseStatus(response.text),
            response.text,
          );
          if (response.status === 429) this.#o.stats.throttled++;
          if (response.status === 401 && !refreshed) {
            refreshed = true;
            return { done: false, retryAfterMs: 0, error };
          }
          if (!isRetryableStatus(response.status) || call.isFinal?.(error)) throw error;
          const header = response.headers['retry-after'];
          const retryAfterMs =
            parseRetryAfter(Array.isArray(header) ? header[0] : header) ??
            secondsToMs(error.body?.details?.retryAfterSeconds);
          return { done: false, ...(retryAfterMs === undefined ? {} : { retryAfterMs }), error };
        } catch (error) {
          if (error instanceof KubeApiError) throw error;
          const unreachable = new KubeUnreachableError(label, this.connection.server.origin, error);
          if (call.signal?.aborted || !isRetryableNetworkError(error)) throw unreachable;
          return { done: false, error: unreachable };
        }
      },
      this.#o.retry,
      {
        ...(call.signal ? { signal: call.signal } : {}),
        onRetry: (attempt, delayMs, error) =>
          this.#o.logger.debug(
            { call: label, attempt, delayMs, error: (error as Error).message },
            'retrying',
          ),
      },
    );
  }
}

function parseStatus(text: string): KubeStatus | undefined {
  try {
    const parsed = JSON.parse(text) as KubeStatus;
    return typeof parsed === 'object' && parsed !== null ? parsed : undefined;
  } catch {
    return undefined;
  }
}

const secondsToMs = (s: number | undefined) => (s === undefined ? undefined : s * 1000);
