import { metricsSchema } from '@simian/core';
import type { z } from 'zod';
import { SimianMetrics } from '../metrics/simian-metrics.js';
import { defineReporter, type LiveContext, type LiveReporter } from '../reporter.js';
import { currentReport } from '../sinks/current-report.js';
import { describeError, withBackoff } from '../sinks/deliver.js';

type MetricsOptions = z.output<typeof metricsSchema>;

/** A live reporter that keeps {@link SimianMetrics} up to date, and pushes them when asked. */
export interface MetricsReporter extends LiveReporter {
  readonly metrics: SimianMetrics;
}

/**
 * Prometheus metrics of every run: counters from the run hooks, the current state (findings,
 * scores, the janitor's figures) after each run, faults at each scrape or push. With a
 * Pushgateway (`reporting.metrics.pushgateway`), each run's end pushes them, for `simian run
 * --once` in a CronJob; `simian daemon` serves them at /metrics instead. A failed push is retried,
 * logged without the URL, and never stops a run.
 */
export function createMetricsReporter(
  o: MetricsOptions,
  context: LiveContext,
  metrics = new SimianMetrics(context.faults ? { faults: context.faults } : {}),
  timing: { backoffMs?: number } = {},
): MetricsReporter {
  const logger = context.logger.child({ reporter: 'metrics', sink: context.label });
  let pending: Promise<void> = Promise.resolve();
  return {
    name: 'metrics',
    metrics,
    onPlan: (gated) => metrics.plan(gated),
    onAction: (outcome) => metrics.action(outcome),
    onRunEnd(result) {
      metrics.run(result);
      try {
        metrics.state(currentReport(result, context));
      } catch (e) {
        logger.warn(
          { error: (e as Error).message },
          'could not read the current findings for the metrics',
        );
      }
      const gateway = o.pushgateway;
      if (!gateway) return;
      pending = (async () => {
        const pushed = await withBackoff(
          async () => {
            try {
              await metrics.push(gateway, o.job);
              return { ok: true, status: 200 };
            } catch (e) {
              return { ok: false, retry: true, error: describeError(e, 5000, [gateway]) };
            }
          },
          2,
          timing.backoffMs ?? 1000,
        );
        if (pushed.ok)
          logger.info({ job: o.job, runId: result.runId }, 'metrics pushed to the Pushgateway');
        else
          logger.warn(
            { error: pushed.error, attempts: pushed.attempts },
            'could not push the metrics; the run goes on',
          );
      })();
      return pending;
    },
    flush: () => pending,
  };
}

/** Prometheus metrics (reporting.metrics): served by simian daemon, pushed by simian run. */
export const metricsReporter = defineReporter({
  name: 'metrics',
  description:
    'Prometheus metrics (simian_*): served by simian daemon at /metrics, pushed to a Pushgateway after simian run (reporting.metrics)',
  options: metricsSchema,
  live: (o, context) => createMetricsReporter(o, context),
  fromFlag: (url) => ({ pushgateway: url }),
});
