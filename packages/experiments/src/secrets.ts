import type { ConfigIssue } from '@simian/core';
import type { ExperimentSecrets } from './substitute.js';

/**
 * The experiment's `secrets` block, resolved as chaoslib's `load_secrets` does: scopes of values,
 * where `{ type: env, key }` is read from the environment (unset is an error, there is no
 * default) and nested mappings are walked. Vault is not supported: the issue says so.
 */
export function loadSecrets(
  raw: Record<string, unknown> | undefined,
  env: NodeJS.ProcessEnv,
  path = 'secrets',
): { secrets: ExperimentSecrets; issues: ConfigIssue[] } {
  const secrets: ExperimentSecrets = {};
  const issues: ConfigIssue[] = [];
  for (const [key, value] of Object.entries(raw ?? {})) {
    const here = `${path}.${key}`;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      secrets[key] = value;
      continue;
    }
    const entry = value as Record<string, unknown>;
    if (entry.type === 'env') {
      const name = entry.key;
      if (typeof name !== 'string' || env[name] === undefined) {
        issues.push({
          path: here,
          message: `refers to environment variable ${String(name)}, which is not set`,
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
      const nested = loadSecrets(entry, env, here);
      secrets[key] = nested.secrets;
      issues.push(...nested.issues);
    }
  }
  return { secrets, issues };
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
