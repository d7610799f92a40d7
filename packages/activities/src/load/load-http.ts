import autocannon from 'autocannon';
import { z } from 'zod';
import { ActionFailedError } from '@simian/core';
import type { PythonFunction } from '@simian/experiments';

const httpUrl = z.string().refine((u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol), {
  message: 'must be an absolute http:// or https:// URL',
});
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/** `"GET http://host/path"`, a line of vegeta's http targets format, or the same as a mapping. */
const targetSchema = z.union([
  z
    .string()
    .regex(/^[A-Z]+\s+https?:\/\/\S+$/, 'a target is "METHOD URL", as in vegeta\'s targets file'),
  z.strictObject({
    method: z.enum(METHODS).default('GET'),
    url: httpUrl,
    /** vegeta's `header`: each name with its values. */
    header: z.record(z.string(), z.array(z.string())).optional(),
    body: z.string().optional(),
  }),
]);

/** vegeta's `-rate`: `50` (per second), or `freq/per` as in `50/1s`, `300/1m`. */
const rateSchema = z.union([
  z.number().positive(),
  z
    .string()
    .regex(
      /^\d+(\.\d+)?(\/\d*(ms|s|m|h))?$/,
      'a rate is a number per second, or freq/per such as 50/1s',
    ),
]);
/** vegeta's `-duration`: seconds, or a Go duration such as `30s`, `1m30s`. */
const durationSchema = z.union([
  z.number().positive(),
  z
    .string()
    .regex(
      /^(\d+(\.\d+)?(ms|s|m|h))+$/,
      'a duration is seconds, or a Go duration such as 30s or 1m30s',
    ),
]);

const argumentsSchema = z
  .strictObject({
    /** The endpoint to load (or give `targets`). */
    url: httpUrl.optional(),
    /** @default "GET" */
    method: z.enum(METHODS).optional(),
    headers: z.record(z.string(), z.string()).optional(),
    body: z.string().optional(),
    /**
     * vegeta's targets: requests sent in turn (`"GET http://shop/health"`, or `{method, url,
     * header, body}`); they must share one scheme, host and port. Instead of `url`.
     */
    targets: z.array(targetSchema).min(1).optional(),
    /** Requests per second across all connections (or vegeta's `50/1s`): the load is held at this rate. */
    rate: rateSchema,
    /** Seconds of load (or a Go duration, `30s`). Stops early when the run is interrupted. */
    duration: durationSchema,
    /** Concurrent connections. @default the rate, at most 10 */
    connections: z.number().int().positive().optional(),
    /** Seconds before one request counts as a timeout. @default 10 */
    timeout: z.number().positive().optional(),
  })
  .refine((a) => (a.url === undefined) !== (a.targets === undefined), {
    message: 'give url or targets, one of them',
    path: ['url'],
  });

const GO_UNITS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 };

/** Seconds of a Go duration (`1m30s`), or the number as given. */
export function seconds(value: number | string): number {
  if (typeof value === 'number') return value;
  let total = 0;
  for (const [, n, unit] of value.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g))
    total += Number(n) * GO_UNITS[unit!]!;
  return total;
}

/** Requests per second of a vegeta rate (`50/1s`, `300/1m`, `10/` meaning per second). */
export function perSecond(rate: number | string): number {
  if (typeof rate === 'number') return rate;
  const [freq, per] = rate.split('/');
  const over = per === undefined || per === '' ? 1 : seconds(/^\d/.test(per) ? per : `1${per}`);
  return Number(freq) / over;
}

interface Request {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

/** The requests to send, in turn, from `url` or vegeta's `targets`. */
function requestsOf(args: z.output<typeof argumentsSchema>): Request[] {
  if (args.url) {
    return [
      {
        method: args.method ?? 'GET',
        url: args.url,
        ...(args.headers ? { headers: args.headers } : {}),
        ...(args.body !== undefined ? { body: args.body } : {}),
      },
    ];
  }
  return (args.targets ?? []).map((t) => {
    if (typeof t === 'string') {
      const [method, url] = t.split(/\s+/);
      return { method: method!, url: url! };
    }
    return {
      method: t.method,
      url: t.url,
      ...(t.header
        ? {
            headers: Object.fromEntries(
              Object.entries(t.header).map(([k, v]) => [k, v.join(', ')]),
            ),
          }
        : {}),
      ...(t.body !== undefined ? { body: t.body } : {}),
    };
  });
}

/**
 * What `vegeta report -type=json` says of the same run: the names a tolerance written against a
 * vegeta report uses (`success` ratio, `status_codes`, latencies in nanoseconds).
 */
export interface VegetaReport {
  requests: number;
  rate: number;
  throughput: number;
  success: number;
  status_codes: Record<string, number>;
  latencies: {
    mean: number;
    '50th': number;
    '90th': number;
    '99th': number;
    max: number;
    min: number;
  };
  errors: string[];
}

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
  /** The same figures in vegeta's report vocabulary. */
  vegeta: VegetaReport;
}

/**
 * `simian.load.http`: constant-rate HTTP load with autocannon, the way the seeds use hey or
 * vegeta (`vegeta attack -rate 50/1s -duration 30s`: `rate: 50/1s, duration: 30s, targets:
 * [...]`), usually as a `background: true` activity beside the fault. Its output (success rate and
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
    const rate = perSecond(args.rate);
    const duration = seconds(args.duration);
    const requests = requestsOf(args);
    const origin = new URL(requests[0]!.url).origin;
    const stray = requests.find((r) => new URL(r.url).origin !== origin);
    if (stray) {
      return Promise.reject(
        new ActionFailedError(`targets must share one origin: ${stray.url} is not on ${origin}`),
      );
    }
    const connections = args.connections ?? Math.max(1, Math.min(10, Math.ceil(rate)));
    const first = requests[0]!;
    return new Promise<HttpLoadOutput>((resolve, reject) => {
      const instance = autocannon(
        {
          url: first.url,
          method: first.method as autocannon.Request['method'],
          ...(first.headers ? { headers: first.headers } : {}),
          ...(first.body !== undefined ? { body: first.body } : {}),
          ...(requests.length > 1
            ? {
                requests: requests.map((r) => {
                  const u = new URL(r.url);
                  return {
                    method: r.method as autocannon.Request['method'],
                    path: `${u.pathname}${u.search}`,
                    ...(r.headers ? { headers: r.headers } : {}),
                    ...(r.body !== undefined ? { body: r.body } : {}),
                  };
                }),
              }
            : {}),
          connections,
          overallRate: rate,
          duration,
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
            resolve(summarize(result, rate));
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
  const ran = (result.finish.getTime() - result.start.getTime()) / 1000;
  const ns = (ms: number) => Math.round(ms * 1e6);
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
    duration: ran,
    vegeta: {
      requests,
      rate: ran > 0 ? requests / ran : 0,
      throughput: ran > 0 ? successes / ran : 0,
      success: requests === 0 ? 0 : successes / requests,
      status_codes: statusCodes,
      latencies: {
        mean: ns(latency.mean),
        '50th': ns(latency.p50),
        '90th': ns(latency.p90),
        '99th': ns(latency.p99),
        max: ns(latency.max),
        min: ns(latency.min),
      },
      errors:
        result.errors > 0
          ? [`${result.errors} requests failed (${result.timeouts} timed out)`]
          : [],
    },
  };
}
