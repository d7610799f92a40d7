import type { ReporterDefinition } from '../reporter.js';
import { csvReporter } from './csv.js';
import { htmlReporter } from './html.js';
import { jsonReporter } from './json.js';
import { junitReporter } from './junit.js';
import { markdownReporter } from './markdown.js';
import { ocsfReporter } from './ocsf.js';
import { openReportsReporter } from './openreports.js';
import { pdfReporter } from './pdf.js';
import { policyReportReporter } from './policyreport.js';
import { sarifReporter } from './sarif.js';
import { tableReporter } from './table.js';
import { webhookReporter } from './webhook.js';
import { slackReporter } from './slack.js';
import { filesReporter } from './files.js';
import { s3Reporter } from './s3.js';
import { clusterReportsReporter } from './cluster-reports.js';
import { metricsReporter } from './metrics.js';

/**
 * Every reporter, by the name users give it (`-o NAME`, `--reporter NAME`), as Vitest's
 * `ReportersMap`. A new output format is one file in this folder and one line here; the commands
 * that make the kinds of report it renders accept it from then on.
 */
export const reporters = {
  table: tableReporter,
  json: jsonReporter,
  junit: junitReporter,
  sarif: sarifReporter,
  markdown: markdownReporter,
  html: htmlReporter,
  pdf: pdfReporter,
  csv: csvReporter,
  ocsf: ocsfReporter,
  policyreport: policyReportReporter,
  openreports: openReportsReporter,
  webhook: webhookReporter,
  slack: slackReporter,
  files: filesReporter,
  s3: s3Reporter,
  'cluster-reports': clusterReportsReporter,
  metrics: metricsReporter,
} satisfies Record<string, ReporterDefinition>;

/** The name of a built-in reporter. */
export type ReporterName = keyof typeof reporters;
