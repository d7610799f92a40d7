import type { ConfigIssue } from '@simian/core';
import { createActivityRegistry } from './builtins.js';
import type { ExperimentActivitySummary } from './check.js';
import { parseAndCheck, readExperimentFile } from './load.js';
import type { ActivityRegistry } from './registry.js';
import type { Experiment } from './schema.js';

/** What `simian experiment validate FILE` reports. */
export interface ExperimentValidation {
  file: string;
  /** Set when the file parsed and matched the format (it may still have `errors`). */
  experiment?: Experiment;
  /** Every problem, each with its path and file:line:column. Empty means the experiment can run. */
  errors: ConfigIssue[];
  /** Every activity in order (hypothesis, method, rollbacks), and whether Simian runs it natively. */
  activities: ExperimentActivitySummary[];
}

export interface ValidateExperimentOptions {
  /** @default createActivityRegistry() (core's builtins only) */
  activities?: ActivityRegistry;
  /** @default process.env */
  env?: NodeJS.ProcessEnv;
}

/**
 * Checks an experiment file without running anything. Throws only when the file cannot be read;
 * everything else is in `errors`.
 */
export function validateExperiment(
  file: string,
  options: ValidateExperimentOptions = {},
): ExperimentValidation {
  const text = readExperimentFile(file);
  const { experiment, issues, check } = parseAndCheck(text, file, {
    activities: options.activities ?? createActivityRegistry(),
    ...(options.env ? { env: options.env } : {}),
  });
  return {
    file,
    ...(experiment ? { experiment } : {}),
    errors: issues,
    activities: check?.activities ?? [],
  };
}
