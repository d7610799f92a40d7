import autocannon from 'autocannon';
import { z } from 'zod';
import { ActionFailedError } from '@simian/core';
import type { PythonFunction } from '@simian/experiments';

const argumentsSchema = z.strictObject({
  /** The endpoint to load. */
  url: z.string().refine((u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol), {
    message: 'must be an absolute http:// or https:// URL',
  }),
  /** @default "GET" */
  method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.string().optional(),
  /** Requests per second, across all connections: the load is held at this rate. */
  rate: z.number().positive(),
  /** Seconds of load. Stops early when the run is interrupted. */
  duration: z.number().positive(),
  /** Concurrent connections. @default the rate, at most 10 */
  connections: z.number().int().positive().optional(),
  /** Seconds before one request counts as a timeout. @default 10 */
  timeout: z.number().positive().optional(),
});

/** What the load run measured. Latencies are milliseconds. */
export interface HttpLoadOutput {
  /** Requests that got an answer or an error. */
  requests: number;
  /** Answers with a status below 400. */
  successes: number;
  /** `successes / requests`, 0 when nothing was sent. */
  successRate: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  latency: { p50: number; p90: number; p99: number; max: number; mean: number };
  /** The rate asked for, requests per second. */
  rate: number;
  /** Seconds the load actually ran. */
  duration: number;
}

/**
 * `simian.load.http`: constant-rate HTTP load with autocannon, the way the seeds use hey or
 * vegeta, usually as a `background: true` activity beside the fault. Its output (success rate and
 * latency percentiles) can be judged by a tolerance such as
 * `{type: range, target: successRate, range: [0.99, 1]}`.
 */
export const httpLoad: PythonFunction<typeof argumentsSchema> = {
  description: 'Constant-rate HTTP load (autocannon); output success rate and latency percentiles.',
  kind: 'any',
  arguments: argumentsSchema,
  permissions: [],
  example: {
    type: 'action',
    name: 'load-the-front-door',
    background: true,
    provider: {
      type: 'python',
      module: 'simian.load',
      func: 'http',
      arguments: { url: 'http://shop.example/health', rate: 50, duration: 30 },
    },
  },
  run(args, context) {
    const connections = args.connections ?? Math.max(1, Math.min(10, Math.ceil(args.rate)));
    return new Promise<HttpLoadOutput>((resolve, reject) => {
      const instance = autocannon(
        {
          url: args.url,
          method: args.method ?? 'GET',
          ...(args.headers ? { headers: args.headers } : {}),
          ...(args.body !== undefined ? { body: args.body } : {}),
          connections,
          overallRate: args.rate,
          duration: args.duration,
          timeout: args.timeout ?? 10,
        },
        (error: unknown, result: autocannon.Result) => {
          context.signal.removeEventListener('abort', stop);
          if (error) {
            reject(
              new ActionFailedError(`load on ${args.url} failed: ${String(error)}`, {
                cause: error,
              }),
            );
          } else {
            resolve(summarize(result, args.rate));
          }
        },
      );
      const stop = () => instance.stop();
      if (context.signal.aborted) stop();
      else context.signal.addEventListener('abort', stop, { once: true });
    });
  },
};

function summarize(result: autocannon.Result, rate: number): HttpLoadOutput {
  const answered = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
  // autocannon counts timeouts among its errors.
  const requests = answered + result.errors;
  const successes = result['1xx'] + result['2xx'] + result['3xx'];
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s.count ?? 0]),
  );
  const latency = result.latency;
  return {
    requests,
    successes,
    successRate: requests === 0 ? 0 : successes / requests,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    latency: {
      p50: latency.p50,
      p90: latency.p90,
      p99: latency.p99,
      max: latency.max,
      mean: latency.mean,
    },
    rate,
    duration: (result.finish.getTime() - result.start.getTime()) / 1000,
  };
}
