import { z } from 'zod';
import type { PythonFunction } from '@simian/experiments';
import { queryPrometheus, rfc3339 } from './prometheus-api.js';

const argumentsSchema = z.strictObject({
  /** PromQL. */
  query: z.string().min(1),
  /** "5 minutes ago", RFC 3339, Unix seconds. */
  start: z.string().min(1),
  /** "now", RFC 3339, Unix seconds. */
  end: z.string().min(1),
  /** Seconds between points (or a Prometheus duration such as "15s"). @default 1 */
  step: z.union([z.number().positive(), z.string().min(1)]).optional(),
  /** Passed to Prometheus as its `timeout` parameter. */
  timeout: z.union([z.number().positive(), z.string()]).optional(),
});

/**
 * `chaosprometheus.probes.query_interval`: a range query; the output is Prometheus' JSON answer
 * as-is (`data.resultType` is `matrix`).
 */
export const prometheusQueryInterval: PythonFunction<typeof argumentsSchema> = {
  description: 'Prometheus range query; output is the API answer as-is.',
  kind: 'probe',
  arguments: argumentsSchema,
  permissions: [],
  example: {
    type: 'probe',
    name: 'requests-over-the-last-minute',
    provider: {
      type: 'python',
      module: 'chaosprometheus.probes',
      func: 'query_interval',
      arguments: {
        query: 'sum(rate(http_requests_total[30s]))',
        start: '1 minute ago',
        end: 'now',
        step: 5,
      },
    },
  },
  async run(args, context) {
    const now = new Date();
    const params: Record<string, string> = { query: args.query };
    if (args.timeout !== undefined) params.timeout = String(args.timeout);
    const step = args.step ?? 1;
    params.step = String(step);
    params.start = rfc3339(args.start, now);
    params.end = rfc3339(args.end, now);
    context.logger.debug({ params }, 'querying Prometheus');
    return queryPrometheus(context.configuration, 'query_range', params, context.signal);
  },
};
