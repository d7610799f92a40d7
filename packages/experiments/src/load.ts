import { ConfigError, readInputFile, type ConfigIssue } from '@simian/core';
import { checkExperiment, type ExperimentCheck } from './check.js';
import type { ActivityRegistry } from './registry.js';
import { experimentSchema, type Experiment } from './schema.js';
import { parsePositioned, type PositionedDocument } from './source-positions.js';
import { toIssue } from './zod-issues.js';

export interface LoadExperimentOptions {
  /**
   * When given, the experiment is also checked against it (functions exist, arguments fit, refs
   * resolve, environment variables are set), with the same file:line errors.
   */
  activities?: ActivityRegistry;
  /** @default process.env */
  env?: NodeJS.ProcessEnv;
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

/** Parses, validates the format and (with `activities`) checks the experiment; never throws for content. */
export function parseAndCheck(
  text: string,
  file: string,
  options: LoadExperimentOptions = {},
): { experiment?: Experiment; issues: ConfigIssue[]; check?: ExperimentCheck } {
  const doc = parsePositioned(text, file);
  if (doc.syntaxErrors.length > 0) return { issues: doc.syntaxErrors };
  const parsed = experimentSchema.safeParse(doc.value ?? null, { reportInput: true });
  if (!parsed.success) {
    return { issues: parsed.error.issues.map((i) => positioned(toIssue(i), doc)) };
  }
  if (!options.activities) return { experiment: parsed.data, issues: [] };
  const check = checkExperiment(parsed.data, {
    activities: options.activities,
    ...(options.env ? { env: options.env } : {}),
  });
  return { experiment: parsed.data, issues: check.issues.map((i) => positioned(i, doc)), check };
}

function positioned(issue: ConfigIssue, doc: PositionedDocument): ConfigIssue {
  const position = doc.positionOf(issue.path);
  return position ? { ...issue, position } : issue;
}
