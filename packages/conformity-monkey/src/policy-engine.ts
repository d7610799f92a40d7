import { type PolicyEngine, policyEngineFor as sharedEngineFor } from '@simian/policy';
import type { ConformityConfig } from './config.js';
import { CONFORMITY_MONKEY_NAME } from './name.js';

/**
 * The conformity monkey's policy engine for one `policy` config section: @simian/policy's
 * per-run cache, so the plan and every re-check share one engine that evaluates conformity's rules.
 */
export function policyEngineFor(
  policy: ConformityConfig['policy'],
  baseDir: string,
): Promise<PolicyEngine> {
  return sharedEngineFor(policy, { baseDir, monkey: CONFORMITY_MONKEY_NAME });
}
