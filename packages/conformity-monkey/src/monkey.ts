import type { Monkey } from '@simian/core';
import { applyConformity } from './apply-conformity.js';
import { conformityConfigSchema } from './config.js';
import { validateEnforcedRules } from './enforce.js';
import { CONFORMITY_MONKEY_NAME } from './name.js';
import { CONFORMITY_READS, conformityPermissions } from './permissions.js';
import { policyEngineFor } from './policy-engine.js';
import { planConformity } from './plan-conformity.js';
import { recheckConformity } from './recheck.js';
import { SCALABLE, WORKLOADS } from './teardown.js';

/**
 * The conformity monkey: evaluates the Rego rules (built-in and your own) over every context and
 * region in scope and reports the findings by stack. For the rules listed under `enforce`, a
 * stack that breaks one is marked, its owner told, and after the grace period, if it still does
 * and no waiver covers it, its workloads are scaled to zero or deleted; a stack that conforms
 * again is unmarked.
 *
 * Teardown is destructive, so it runs in dry-run until the config says `dryRun: false`.
 */
export const conformityMonkey: Monkey<typeof conformityConfigSchema> = {
  name: CONFORMITY_MONKEY_NAME,
  description:
    'Evaluates Rego rules over the live estate, reports findings by stack, and tears down stacks that break enforced rules after a grace period.',
  destructive: true,
  configSchema: conformityConfigSchema,
  reads: CONFORMITY_READS,
  // Whatever its config: every verb it may use under some config (deploy/kubernetes's manifests).
  verbs: [
    'kubernetes:mark:*',
    'kubernetes:unmark:*',
    ...[...SCALABLE].map((k) => `kubernetes:scale:${k}`),
    // Workloads only: a Service is never torn down.
    ...[...WORKLOADS].map((k) => `kubernetes:delete:${k}`),
    'aws:mark:*',
    'aws:unmark:*',
    'aws:stop:Instance',
    'aws:terminate:Instance',
    'aws:scale:AutoScalingGroup',
    'aws:delete:AutoScalingGroup',
  ],
  // Under its config: only what it uses (simian rbac, doctor, the chart, and the executor's check).
  permissionsFor: conformityPermissions,
  plan: planConformity,
  // What the plan checks first: the policy builds (Rego directories, bundles) and every enforced
  // rule names an enforceable rule of it.
  async check(config, global) {
    const engine = await policyEngineFor(config.policy, global.source.dir);
    return validateEnforcedRules(config.enforce.rules, engine.rules).notes;
  },
  recheck: recheckConformity,
  apply: applyConformity,
};
