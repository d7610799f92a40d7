import { z } from 'zod';
import type { PythonFunction } from '@simian/experiments';
import { queryPrometheus, rfc3339 } from './prometheus-api.js';

const argumentsSchema = z.strictObject({
  /** PromQL. */
  query: z.string().min(1),
  /** Evaluation time: "now", "2 minutes ago", RFC 3339. Prometheus' own time when absent. */
  when: z.string().optional(),
  /** Passed to Prometheus as its `timeout` parameter. */
  timeout: z.union([z.number().positive(), z.string()]).optional(),
});

/**
 * `chaosprometheus.probes.query`: an instant query; the output is Prometheus' JSON answer as-is
 * (`{status: "success", data: {resultType, result}}`), so a `jsonpath` tolerance can check it.
 */
export const prometheusQuery: PythonFunction<typeof argumentsSchema> = {
  description: 'Prometheus instant query; output is the API answer as-is.',
  kind: 'probe',
  arguments: argumentsSchema,
  permissions: [],
  example: {
    type: 'probe',
    name: 'error-rate-is-low',
    provider: {
      type: 'python',
      module: 'chaosprometheus.probes',
      func: 'query',
      arguments: { query: 'sum(rate(http_requests_total{code=~"5.."}[1m]))', when: 'now' },
    },
    tolerance: { type: 'jsonpath', path: '$.data.result[0].value[1]', expect: '0' },
  },
  async run(args, context) {
    const params: Record<string, string> = { query: args.query };
    if (args.timeout !== undefined) params.timeout = String(args.timeout);
    if (args.when) params.time = rfc3339(args.when);
    context.logger.debug({ params }, 'querying Prometheus');
    return queryPrometheus(context.configuration, 'query', params, context.signal);
  },
};
