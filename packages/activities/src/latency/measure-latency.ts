import { parseDuration, probeLatency } from '@simian/core';
import type { PythonFunction } from '@simian/experiments';
import { z } from 'zod';
import type { ChaosActivityContext } from '../kubernetes/activity-targets.js';

/** The dotted name experiments call. */
export const MEASURE_LATENCY = 'simian.latency.probes.measure_latency';

const duration = (fallback: string) =>
  z
    .string()
    .refine((s) => parseDuration(s) !== undefined, {
      message: 'must be a duration such as "100ms"',
    })
    .default(fallback);

const argumentsSchema = z.strictObject({
  /** http(s)://host:port/path (one request per sample on a kept-alive connection) or tcp://host:port. */
  url: z.string().min(1),
  /** @default 20 */
  samples: z.int().min(1).max(10_000).default(20),
  /** @default "100ms" */
  interval: duration('100ms'),
  /** @default "5s" */
  timeout: duration('5s'),
});

/**
 * `simian.latency.probes.measure_latency`: times `url` `samples` times and returns p50, p95 and
 * p99 (ms), the failures and the error rate: a steady-state probe (`tolerance` on `p99Ms` with a
 * jsonpath) or a measurement in the method, before and during a fault.
 */
export const measureLatency: PythonFunction<typeof argumentsSchema> = {
  description:
    'Times an HTTP endpoint (kept-alive) or a TCP connect several times and returns p50/p95/p99, failures and error rate.',
  kind: 'probe',
  arguments: argumentsSchema,
  permissions: [],
  example: {
    type: 'probe',
    name: 'front-latency',
    provider: {
      type: 'python',
      module: 'simian.latency.probes',
      func: 'measure_latency',
      arguments: { url: 'http://front.shop.svc:80/', samples: 20 },
    },
  },
  async run(args, context: ChaosActivityContext) {
    return probeLatency(args.url, {
      samples: args.samples,
      intervalMs: parseDuration(args.interval)!,
      timeoutMs: parseDuration(args.timeout)!,
      signal: context.signal,
    });
  },
};
