import { ConfigError, readInputFile, type ConfigIssue } from '@simian/core';
import { checkExperiment, type CheckExperimentOptions, type ExperimentCheck } from './check.js';
import type { ActivityRegistry } from './registry.js';
import { experimentSchema, type Experiment } from './schema.js';
import { parsePositioned, type PositionedDocument } from './source-positions.js';
import { summarizeRawActivities } from './summarize.js';
import { toIssue } from './zod-issues.js';

export interface LoadExperimentOptions {
  /**
   * When given, the experiment is also checked against it (functions exist, arguments fit, refs
   * resolve, environment variables are set), with the same file:line errors.
   */
  activities?: ActivityRegistry;
  /** @default process.env */
  env?: NodeJS.ProcessEnv;
  /** @default "run" */
  mode?: CheckExperimentOptions['mode'];
  /** `--var` / `--var-file` values. */
  vars?: CheckExperimentOptions['vars'];
}

/** Reads an experiment file (JSON or YAML). Throws `ConfigError` naming file:line:column. */
export function loadExperimentFile(file: string, options: LoadExperimentOptions = {}): Experiment {
  return parseExperimentText(readExperimentFile(file), file, options);
}

/** Parses experiment text; `file` names it in errors and picks JSON (`.json`) or YAML. */
export function parseExperimentText(
  text: string,
  file: string,
  options: LoadExperimentOptions = {},
): Experiment {
  const { experiment, issues } = parseAndCheck(text, file, options);
  if (!experiment || issues.length > 0) {
    throw new ConfigError(issues, {
      hint: 'the experiment format is described in docs/experiments.md',
    });
  }
  return experiment;
}

export function readExperimentFile(file: string): string {
  return readInputFile(file, {
    what: 'experiment file',
    code: 'CONFIG_NOT_FOUND',
    hint: 'pass the path of a Chaos Toolkit experiment in JSON or YAML',
  });
}

/** What parsing and checking found; never throws for content. */
export interface ParsedExperiment {
  experiment?: Experiment;
  issues: ConfigIssue[];
  warnings: ConfigIssue[];
  check?: ExperimentCheck;
  /** Set when the file did not match the format: the activities that could still be read. */
  partialActivities?: ExperimentCheck['activities'];
}

/** Parses, validates the format and (with `activities`) checks the experiment. */
export function parseAndCheck(
  text: string,
  file: string,
  options: LoadExperimentOptions = {},
): ParsedExperiment {
  const doc = parsePositioned(text, file);
  if (doc.syntaxErrors.length > 0) return { issues: doc.syntaxErrors, warnings: [] };
  const parsed = experimentSchema.safeParse(doc.value ?? null, { reportInput: true });
  if (!parsed.success) {
    return {
      issues: parsed.error.issues.map((i) => positioned(toIssue(i), doc)),
      warnings: [],
      ...(options.activities
        ? { partialActivities: summarizeRawActivities(doc.value, options.activities) }
        : {}),
    };
  }
  if (!options.activities) return { experiment: parsed.data, issues: [], warnings: [] };
  const check = checkExperiment(parsed.data, {
    activities: options.activities,
    ...(options.env ? { env: options.env } : {}),
    ...(options.mode ? { mode: options.mode } : {}),
    ...(options.vars ? { vars: options.vars } : {}),
  });
  return {
    experiment: parsed.data,
    issues: check.issues.map((i) => positioned(i, doc)),
    warnings: check.warnings.map((i) => positioned(i, doc)),
    check,
  };
}

function positioned(issue: ConfigIssue, doc: PositionedDocument): ConfigIssue {
  const position = doc.positionOf(issue.path);
  return position ? { ...issue, position } : issue;
}
