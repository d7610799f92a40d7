import type { ConfigIssue } from '@simian/core';
import type { ExperimentSecrets } from './substitute.js';

/**
 * The experiment's `secrets` block, resolved as chaoslib's `load_secrets` does: scopes of values,
 * where `{ type: env, key }` is read from the environment (unset is an issue, there is no
 * default) and nested mappings are walked. Vault is not supported: the issue says so. `vars`
 * (the `secrets:` of a `--var-file`) give values by scope and name, and win. With
 * `unsetIsWarning` (validation), an unset variable is a warning.
 */
export function loadSecrets(
  raw: Record<string, unknown> | undefined,
  env: NodeJS.ProcessEnv,
  options: { vars?: Record<string, unknown>; unsetIsWarning?: boolean } = {},
  path = 'secrets',
): { secrets: ExperimentSecrets; issues: ConfigIssue[]; warnings: ConfigIssue[] } {
  const secrets: ExperimentSecrets = {};
  const issues: ConfigIssue[] = [];
  const warnings: ConfigIssue[] = [];
  const vars = options.vars ?? {};
  for (const [key, value] of Object.entries(raw ?? {})) {
    const here = `${path}.${key}`;
    const given = vars[key];
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      secrets[key] = given ?? value;
      continue;
    }
    // chaoslib replaces a whole entry (a scope, or one secret) given in the var file.
    if (given !== undefined && given !== null) {
      secrets[key] = given;
      continue;
    }
    const entry = value as Record<string, unknown>;
    if (entry.type === 'env') {
      const name = entry.key;
      if (typeof name !== 'string' || env[name] === undefined) {
        (options.unsetIsWarning ? warnings : issues).push({
          path: here,
          message: `refers to environment variable ${String(name)}, which is not set (set it, or give it in a --var-file's secrets)`,
        });
        continue;
      }
      secrets[key] = env[name];
    } else if (entry.type === 'vault') {
      issues.push({
        path: here,
        message: 'Vault secrets are not supported: read the value from the environment (type: env)',
      });
    } else {
      const nested = loadSecrets(entry, env, { ...options, vars: {} }, here);
      secrets[key] = nested.secrets;
      issues.push(...nested.issues);
      warnings.push(...nested.warnings);
    }
  }
  return { secrets, issues, warnings };
}

/** Every secret value, so the logger can scrub them from log lines. */
export function secretValues(secrets: ExperimentSecrets): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.push(v);
    else if (typeof v === 'object' && v !== null) Object.values(v).forEach(walk);
  };
  walk(secrets);
  return out;
}
