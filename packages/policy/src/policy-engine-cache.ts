import type { PolicyEngine } from './engine.js';
import { createPolicyEngine } from './engine-from-config.js';
import type { PolicyConfig } from './policy-config.js';

const engines = new WeakMap<object, Map<string, Promise<PolicyEngine>>>();

/**
 * The policy engine of one monkey for one `policy` config section, built once and reused by the
 * plan and every re-check of the run (loading wasm and compiling Rego directories is the slow
 * part). Keyed by the config object and the monkey, so a changed config gets a new engine and two
 * monkeys that share a section still evaluate only their own rules.
 */
export function policyEngineFor(
  policy: PolicyConfig,
  options: { baseDir: string; monkey: string },
): Promise<PolicyEngine> {
  let byMonkey = engines.get(policy);
  if (!byMonkey) {
    byMonkey = new Map();
    engines.set(policy, byMonkey);
  }
  let pending = byMonkey.get(options.monkey);
  if (!pending) {
    pending = createPolicyEngine(policy, options);
    // A failure (opa missing for regoDirs, a broken bundle) is not kept: the next run tries again.
    const cache = byMonkey;
    pending.catch(() => cache.delete(options.monkey));
    byMonkey.set(options.monkey, pending);
  }
  return pending;
}
