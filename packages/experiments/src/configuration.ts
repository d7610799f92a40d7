import type { ConfigIssue } from '@simian/core';
import type { ExperimentConfiguration } from './substitute.js';

/**
 * The experiment's `configuration` block, resolved as chaoslib's `load_configuration` does: plain
 * values are kept; `{ type: env, key, default?, env_var_type? }` is read from the environment
 * (an unset variable without a default is an issue) and converted to `env_var_type`. `vars`
 * (`--var`, `--var-file`) override an entry of the same name, as chaos run's do; a var may even
 * be a whole `{type: env}` definition. With `unsetIsWarning` (validation), an unset variable is a
 * warning: the value is only needed when the experiment runs.
 */
export function loadConfiguration(
  raw: Record<string, unknown> | undefined,
  env: NodeJS.ProcessEnv,
  options: { vars?: Record<string, unknown>; unsetIsWarning?: boolean } = {},
): { configuration: ExperimentConfiguration; issues: ConfigIssue[]; warnings: ConfigIssue[] } {
  const configuration: ExperimentConfiguration = {};
  const issues: ConfigIssue[] = [];
  const warnings: ConfigIssue[] = [];
  const vars = options.vars ?? {};
  for (const [key, written] of Object.entries(raw ?? {})) {
    const path = `configuration.${key}`;
    const value = Object.hasOwn(vars, key) ? vars[key] : written;
    if (!isTyped(value)) {
      configuration[key] = value;
      continue;
    }
    if (value.type === 'probe') {
      issues.push({
        path,
        message: 'dynamic configuration (a probe whose output becomes the value) is not supported',
      });
      continue;
    }
    if (value.type !== 'env') {
      configuration[key] = value;
      continue;
    }
    if (typeof value.key !== 'string' || value.key === '') {
      issues.push({ path: `${path}.key`, message: 'must name an environment variable' });
      continue;
    }
    const fromEnv = env[value.key];
    if (fromEnv === undefined && !('default' in value)) {
      (options.unsetIsWarning ? warnings : issues).push({
        path,
        message: `refers to environment variable ${value.key}, which is not set (set it, pass --var ${key}=VALUE, or add a default:)`,
      });
      continue;
    }
    try {
      configuration[key] = convertToType(value.env_var_type, fromEnv ?? value.default);
    } catch (e) {
      issues.push({ path: `${path}.env_var_type`, message: (e as Error).message });
    }
  }
  return { configuration, issues, warnings };
}

function isTyped(value: unknown): value is Record<string, unknown> & { type: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'type' in value;
}

/** chaoslib's `convert_to_type`: str (default), int, float, bytes, bool, json. */
export function convertToType(type: unknown, value: unknown): unknown {
  if (type === undefined || type === null || type === 'str' || type === 'string') return value;
  if (typeof value !== 'string') return value;
  switch (type) {
    case 'int':
    case 'integer': {
      if (!/^\s*[-+]?\d+\s*$/.test(value)) throw new Error(`"${value}" is not an integer`);
      return Number.parseInt(value, 10);
    }
    case 'float':
    case 'number': {
      const n = Number(value);
      if (value.trim() === '' || Number.isNaN(n)) throw new Error(`"${value}" is not a number`);
      return n;
    }
    case 'bytes':
      return value;
    case 'bool':
      return !['false', '0', 'no'].includes(value.toLowerCase());
    case 'json':
      return value === '' ? value : (JSON.parse(value) as unknown);
    default:
      throw new Error(
        `variable type can only be: bool, str, int, float, bytes or json, but "${String(type)}" was given`,
      );
  }
}
