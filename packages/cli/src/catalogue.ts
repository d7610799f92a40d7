import { readFileSync } from 'node:fs';
import { builtinBundlePath, parseBundle } from '@simian/policy';
import type { RuleInfo } from '@simian/reporting';

let cached: RuleInfo[] | undefined;

/**
 * The rule catalogue reports score against: every rule of the built-in policy bundle, from its
 * METADATA (title, severity, remediation, `custom.frameworks`, `custom.monkey`), read once. A rule
 * with no finding passes; rules of a user's own bundles appear through their findings.
 */
export function ruleCatalogue(): RuleInfo[] {
  cached ??= parseBundle(readFileSync(builtinBundlePath()), builtinBundlePath()).rules.map((r) => {
    const monkey = (r as { monkey?: unknown }).monkey;
    return {
      id: r.id,
      title: r.title,
      severity: r.severity,
      ...(r.description === undefined ? {} : { description: r.description }),
      ...(r.remediation === undefined ? {} : { remediation: r.remediation }),
      frameworks: r.frameworks,
      enforceable: r.enforceable,
      monkey: typeof monkey === 'string' ? monkey : 'conformity',
    };
  });
  return cached;
}
