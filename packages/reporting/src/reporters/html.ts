import { z } from 'zod';
import { complianceHtml } from '../html/compliance-page.js';
import { journalsHtml } from '../html/journals-page.js';
import { defineReporter } from '../reporter.js';
import { forFindingsKinds } from './compliance-kinds.js';

const options = z.strictObject({
  /** @default the report's own */
  title: z.string().min(1).optional().describe('The title at the top of the page.'),
});

/**
 * `-o html`: one self-contained HTML file (no network, no CDN: it opens on an air-gapped laptop):
 * a summary a manager reads in ten seconds, scores per framework, trends, owners and namespaces,
 * recovery times and savings, then every finding with its evidence, with filters. Experiment
 * journals render as the experiment report.
 */
export const htmlReporter = defineReporter({
  name: 'html',
  description:
    'one self-contained HTML file: summary, scores, trends, filters, every finding with its evidence',
  options,
  render: {
    ...forFindingsKinds((report, o: z.output<typeof options>) =>
      complianceHtml(o.title ? { ...report, title: o.title } : report),
    ),
    journals: (r, o) => journalsHtml(o.title ? { ...r.data, title: o.title } : r.data),
  },
});
