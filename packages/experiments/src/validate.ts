import type { ConfigIssue } from '@simian/core';
import { createActivityRegistry } from './builtins.js';
import type { CheckExperimentOptions, ExperimentActivitySummary } from './check.js';
import type { ControlSummary } from './controls.js';
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
  /**
   * What does not stop validation but a person should know: environment values and executables
   * only the run needs, skipped controls, activities that run in the Python bridge.
   */
  warnings: ConfigIssue[];
  /**
   * Every activity in order (hypothesis, method, rollbacks), and whether Simian runs it natively.
   * Listed even when the file does not match the format, as far as it can be read.
   */
  activities: ExperimentActivitySummary[];
  /** Every declared control and what Simian does with it. */
  controls: ControlSummary[];
}

export interface ValidateExperimentOptions {
  /** @default createActivityRegistry() (core's builtins only) */
  activities?: ActivityRegistry;
  /** @default process.env */
  env?: NodeJS.ProcessEnv;
  /** `--var` / `--var-file` values. */
  vars?: CheckExperimentOptions['vars'];
}

/**
 * Checks an experiment file without running anything. Throws only when the file cannot be read;
 * everything else is in `errors` and `warnings`. Environment values and executables that only the
 * run needs are warnings here (the run refuses to start without them).
 */
export function validateExperiment(
  file: string,
  options: ValidateExperimentOptions = {},
): ExperimentValidation {
  const text = readExperimentFile(file);
  const parsed = parseAndCheck(text, file, {
    activities: options.activities ?? createActivityRegistry(),
    mode: 'validate',
    ...(options.env ? { env: options.env } : {}),
    ...(options.vars ? { vars: options.vars } : {}),
  });
  return {
    file,
    ...(parsed.experiment ? { experiment: parsed.experiment } : {}),
    errors: parsed.issues,
    warnings: parsed.warnings,
    activities: parsed.check?.activities ?? parsed.partialActivities ?? [],
    controls: parsed.check?.controls ?? [],
  };
}
