import type { ReporterDefinition } from '../reporter.js';
import { jsonReporter } from './json.js';
import { junitReporter } from './junit.js';
import { sarifReporter } from './sarif.js';
import { tableReporter } from './table.js';
import { webhookReporter } from './webhook.js';

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
  webhook: webhookReporter,
} satisfies Record<string, ReporterDefinition>;

/** The name of a built-in reporter. */
export type ReporterName = keyof typeof reporters;
