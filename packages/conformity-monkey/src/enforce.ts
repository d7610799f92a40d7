import { ConfigError, type ConfigIssue } from '@simian/core';
import type { RuleMetadata } from '@simian/policy';

/** Where `enforce.rules` sits in simian.yaml, for error messages. */
const PATH = 'monkeys.conformity.enforce.rules';

/** The enforced rules, checked against the catalogue of the loaded bundles. */
export interface EnforcedRules {
  ids: ReadonlySet<string>;
  /** Things worth knowing that are not errors (an enforced rule that is disabled). */
  notes: string[];
}

/**
 * Checks `enforce.rules` against the rules the policy engine loaded: every id must name a rule
 * whose METADATA says `enforceable: true`. Teardown is the one thing this monkey does that cannot
 * be taken back, so a typo or a report-only rule is a config error, never silently ignored.
 */
export function validateEnforcedRules(
  ids: readonly string[],
  catalogue: ReadonlyArray<Pick<RuleMetadata, 'id' | 'enforceable'> & { enabled?: boolean }>,
): EnforcedRules {
  const byId = new Map(catalogue.map((r) => [r.id, r]));
  const enforceable = catalogue
    .filter((r) => r.enforceable)
    .map((r) => r.id)
    .sort();
  const known = enforceable.length > 0 ? enforceable.join(', ') : 'none';
  const issues: ConfigIssue[] = [];
  const notes: string[] = [];
  ids.forEach((id, i) => {
    const rule = byId.get(id);
    const path = `${PATH}[${i}]`;
    if (!rule) {
      const pattern = id.includes('*') ? ' (patterns are not allowed here: name each rule)' : '';
      issues.push({ path, message: `no loaded rule has the id "${id}"${pattern}` });
    } else if (!rule.enforceable) {
      issues.push({
        path,
        message: `rule ${id} is report-only: its METADATA does not say enforceable: true`,
      });
    } else if (rule.enabled === false) {
      notes.push(`enforced rule ${id} is disabled in policy.rules, so it never leads to teardown`);
    }
  });
  if (issues.length > 0) {
    throw new ConfigError(issues, {
      hint: `enforceable rules in the loaded bundles: ${known}`,
    });
  }
  return { ids: new Set(ids), notes };
}
