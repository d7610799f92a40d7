import type { Finding, Plan, PlanContext } from '@simian/core';
import { kindsToList, listScopes, policyEngineFor } from '@simian/policy';
import type { SecurityConfig } from './config.js';
import { SECURITY_MONKEY_NAME } from './name.js';
import { planProbes } from './plan-probes.js';
import type { Lookup } from './probe/resolve.js';

/** What the security monkey's plan is given. */
export type SecurityPlanContext = PlanContext<SecurityConfig>;

/**
 * The security monkey's plan: the security rules evaluated over every context and region (what
 * the enabled rules judge, listed once per run), then the active probes of the endpoints found
 * in the inventory and in the config, through the probe gate. Findings only: the security monkey
 * never plans an action.
 */
export async function planSecurity(ctx: SecurityPlanContext, lookup?: Lookup): Promise<Plan> {
  const config = ctx.config;
  const engine = await policyEngineFor(config.policy, {
    baseDir: ctx.global.source.dir,
    monkey: SECURITY_MONKEY_NAME,
  });
  const kinds = kindsToList(
    {
      ...(config.kinds.judged ? { judged: config.kinds.judged } : {}),
      listAs: config.kinds.listAs,
    },
    engine.rules,
  );
  const scopes = await listScopes(ctx.inventory, kinds);
  const findings: Finding[] = [];
  const notes: string[] = [];
  for (const scope of scopes) {
    if (ctx.signal.aborted) break;
    if (scope.incomplete.length > 0) {
      const failed = scope.incomplete.map((l) => `${l.kind} (${l.error})`).join('; ');
      notes.push(
        `${scope.provider} ${scope.scope}: listing failed for ${failed}; what is missing was not judged`,
      );
    }
    findings.push(
      ...(await engine.evaluate(scope.judged, { related: scope.related, now: ctx.now })),
    );
  }
  if (config.probes.enabled && !ctx.signal.aborted) {
    const probes = await planProbes(ctx, findings, lookup);
    findings.push(...probes.findings);
    notes.push(...probes.notes);
  } else if (!config.probes.enabled) {
    notes.push('probes are off (monkeys.security.probes.enabled: false)');
  }
  return { monkey: SECURITY_MONKEY_NAME, findings, actions: [], notes };
}
