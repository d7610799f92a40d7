import { s3ReportsSchema, SimianError, type Provider } from '@simian/core';
import type { z } from 'zod';
import { defineReporter, type LiveContext, type LiveReporter } from '../reporter.js';
import { currentReport } from '../sinks/current-report.js';
import { describeError, withBackoff } from '../sinks/deliver.js';
import { checkSinkFormats, FORMAT_FILES, renderCompliance } from '../sinks/render-formats.js';

type S3Options = z.output<typeof s3ReportsSchema>;

/** Test knobs of {@link createS3Reporter}. */
export interface S3Timing {
  /** @default 1000 */
  backoffMs?: number;
  /** @default 2 */
  retries?: number;
}

/**
 * Reports written to an S3 bucket after each run (`reporting.s3`): for each format one object per
 * run, `PREFIX<run id>/report.EXT`, and the same body at `PREFIX latest/report.EXT`, through the
 * AWS provider (the only place the SDK lives). Retried with backoff; a failure is logged and the
 * run goes on.
 */
export function createS3Reporter(
  o: S3Options,
  context: LiveContext,
  timing: S3Timing = {},
): LiveReporter {
  checkSinkFormats(o.formats, 'reporting.s3.formats', false);
  const logger = context.logger.child({ reporter: 's3', sink: context.label });
  let pending: Promise<void> = Promise.resolve();
  const writer = (): Provider => {
    const provider = context.providers?.().find((p) => p.putReportFile);
    if (!provider) {
      throw new SimianError('CONFIG_INVALID', 'reporting.s3 needs an AWS target to write with', {
        hint: 'add targets.aws to simian.yaml (its credentials write the objects)',
      });
    }
    return provider;
  };
  return {
    name: 's3',
    onRunEnd(result) {
      pending = (async () => {
        let provider: Provider;
        try {
          provider = writer();
        } catch (e) {
          logger.warn(
            { error: (e as Error).message },
            'cannot write reports to S3; the run goes on',
          );
          return;
        }
        const report = currentReport(result, context);
        for (const format of o.formats) {
          const { ext, type } = FORMAT_FILES[format]!;
          const body = renderCompliance(format, report);
          for (const key of [
            `${o.prefix}${result.runId}/report.${ext}`,
            `${o.prefix}latest/report.${ext}`,
          ]) {
            const written = await withBackoff(
              async () => {
                try {
                  await provider.putReportFile!(
                    { bucket: o.bucket, key, body, contentType: type },
                    o.scope ? { scope: o.scope } : {},
                  );
                  return { ok: true, status: 200 };
                } catch (e) {
                  return { ok: false, retry: true, error: describeError(e, 0, []) };
                }
              },
              timing.retries ?? 2,
              timing.backoffMs ?? 1000,
            );
            if (written.ok)
              logger.info({ bucket: o.bucket, key, runId: result.runId }, 'report written to S3');
            else
              logger.warn(
                { bucket: o.bucket, key, error: written.error, attempts: written.attempts },
                'could not write a report to S3; the run goes on',
              );
          }
        }
      })();
      return pending;
    },
    flush: () => pending,
  };
}

/** Reports written to an S3 bucket after each run (reporting.s3). */
export const s3Reporter = defineReporter({
  name: 's3',
  description:
    'reports written to an S3 bucket after each run: one object per run and format, and a latest copy (reporting.s3)',
  options: s3ReportsSchema,
  live: (o, context) => createS3Reporter(o, context),
});
