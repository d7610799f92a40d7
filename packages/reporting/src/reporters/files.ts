import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileReportSchema } from '@simian/core';
import { z } from 'zod';
import { defineReporter, type LiveContext, type LiveReporter } from '../reporter.js';
import { currentReport } from '../sinks/current-report.js';
import { describeError } from '../sinks/deliver.js';
import { checkSinkFormats, renderCompliance } from '../sinks/render-formats.js';

const options = z.strictObject({
  files: z.array(fileReportSchema).min(1).describe('The files to rewrite after each run.'),
});

/**
 * Report files rewritten after each run (`reporting.files`): the current state from the store, in
 * each file's format. A file is written whole then renamed, so a reader never sees half of it; a
 * failure is logged and the run goes on.
 */
export function createFilesReporter(
  o: z.output<typeof options>,
  context: LiveContext,
): LiveReporter {
  checkSinkFormats(
    o.files.map((f) => f.format),
    'reporting.files',
    context.printPdf !== undefined,
  );
  const logger = context.logger.child({ reporter: 'files', sink: context.label });
  let pending: Promise<void> = Promise.resolve();
  return {
    name: 'files',
    onRunEnd(result) {
      pending = (async () => {
        const report = currentReport(result, context);
        for (const f of o.files) {
          const file = resolve(context.baseDir ?? process.cwd(), f.path);
          try {
            await mkdir(dirname(file), { recursive: true });
            const text = renderCompliance(f.format, report);
            const temp = `${file}.${process.pid}.tmp`;
            if (f.format === 'pdf') await context.printPdf!(text, temp);
            else await writeFile(temp, text);
            await rename(temp, file);
            logger.info({ file, format: f.format, runId: result.runId }, 'report written');
          } catch (e) {
            logger.warn(
              { file, format: f.format, error: describeError(e, 0, []) },
              'could not write a report file; the run goes on',
            );
          }
        }
      })();
      return pending;
    },
    flush: () => pending,
  };
}

/** Report files rewritten after each run (reporting.files). */
export const filesReporter = defineReporter({
  name: 'files',
  description: 'report files rewritten after each run, in any format (reporting.files)',
  options,
  live: (o, context) => createFilesReporter(o, context),
});
