import { globMatch } from './glob.js';
import type { RuleSetting } from './policy-config.js';

/**
 * The setting that applies to a rule id: an exact key wins over patterns, and a longer pattern
 * over a shorter one (`K8S-HEALTH-00*` over `K8S-*`).
 */
export function settingFor(
  rules: Readonly<Record<string, RuleSetting>>,
  ruleId: string,
): RuleSetting | undefined {
  const exact = rules[ruleId];
  if (exact) return exact;
  let best: [string, RuleSetting] | undefined;
  for (const [pattern, setting] of Object.entries(rules)) {
    if (!pattern.includes('*') || !globMatch(pattern, ruleId)) continue;
    if (!best || pattern.length > best[0].length) best = [pattern, setting];
  }
  return best?.[1];
}
