import { z } from 'zod';
import { complianceHtml } from '../html/compliance-page.js';
import { journalsHtml } from '../html/journals-page.js';
import { defineReporter } from '../reporter.js';
import { forFindingsKinds } from './compliance-kinds.js';

/**
 * `-o pdf`: the HTML report, printed to PDF by headless Chromium (no pandoc, no LaTeX). It renders
 * the HTML here; the command prints it (it needs a file: `--output-file` or `--out`).
 */
export const pdfReporter = defineReporter({
  name: 'pdf',
  description: 'the HTML report printed to PDF by headless Chromium (needs a file)',
  options: z.strictObject({}),
  print: 'pdf',
  render: {
    ...forFindingsKinds((report) => complianceHtml(report)),
    journals: (r) => journalsHtml(r.data),
  },
});
