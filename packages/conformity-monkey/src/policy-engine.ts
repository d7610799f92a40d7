import { type PolicyEngine, createPolicyEngine } from '@simian/policy';
import type { ConformityConfig } from './config.js';

const engines = new WeakMap<object, Promise<PolicyEngine>>();

/**
 * The policy engine for one `policy` config section, built once and reused by the plan and every
 * re-check of the run (loading wasm and compiling Rego directories is the slow part). Keyed by the
 * config object, so a changed config gets a new engine.
 */
export function policyEngineFor(
  policy: ConformityConfig['policy'],
  baseDir: string,
): Promise<PolicyEngine> {
  let pending = engines.get(policy);
  if (!pending) {
    pending = createPolicyEngine(policy, { baseDir, monkey: 'conformity' });
    // A failure (opa missing for regoDirs, a broken bundle) is not kept: the next run tries again.
    pending.catch(() => engines.delete(policy));
    engines.set(policy, pending);
  }
  return pending;
}
