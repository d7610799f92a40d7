import { recheckLifecycleMark, type Action, type RecheckResult, type Resource } from '@simian/core';
import { validateEnforcedRules } from './enforce.js';
import { evaluateStacks } from './evaluate-stacks.js';
import { kindsToList } from './inventory-kinds.js';
import { listScopes } from './list-scopes.js';
import { CONFORMITY_MARKS } from './marks.js';
import type { ConformityPlanContext } from './plan-conformity.js';
import { policyEngineFor } from './policy-engine.js';
import { stackResolver } from './stacks.js';

/**
 * Just before a teardown step, on the executor's fresh read of its resource: is the teardown
 * still wanted? It is not when the mark was removed or its deadline moved by a person, when the
 * resource left the stack, or when the stack conforms now or its violations are waived. The
 * stack's violators are read again too, since the one that breaks the rule (an exposing Service)
 * is often not the one torn down (its Deployment).
 */
export async function recheckConformity(
  ctx: ConformityPlanContext,
  action: Action,
  fresh: Resource,
): Promise<RecheckResult> {
  const what = `${fresh.kind} ${fresh.name}`;
  const marked = recheckLifecycleMark(fresh, CONFORMITY_MARKS, ctx.now);
  if (!marked.ok) return marked;

  const config = ctx.config;
  const engine = await policyEngineFor(config.policy, ctx.global.source.dir);
  const enforced = validateEnforcedRules(config.enforce.rules, engine.rules).ids;
  const kinds = kindsToList(config, engine.rules);
  const scopes = await listScopes(ctx.inventory, kinds, fresh.provider);
  const scope = scopes.find((s) => s.judged.some((r) => r.ref === fresh.ref));
  if (!scope) return { ok: false, reason: `${what} is in no listing of this run` };
  const options = { related: scope.related, stacks: config.stacks, enforced, now: ctx.now };

  const judged = scope.judged.map((r) => (r.ref === fresh.ref ? fresh : r));
  const stackOf = stackResolver(judged, config.stacks);
  if (stackOf(fresh).id !== action.group) {
    return { ok: false, reason: `${what} is no longer part of stack ${action.group ?? '?'}` };
  }
  // Only the stack is evaluated again: the rules judge each resource on its own and its lookups.
  const members = judged.filter((r) => stackOf(r).id === action.group);
  const before = await evaluateStacks(engine, members, options);

  // The members that broke an enforced rule, read again; the rest cannot have made it conform.
  const violators = new Set(
    before.findings
      .filter((f) => f.group === action.group && !f.waiver && enforced.has(f.ruleId))
      .map((f) => f.resource.ref),
  );
  const provider = ctx.inventory.provider(fresh.provider);
  const current: Resource[] = [];
  for (const r of members) {
    if (r.ref === fresh.ref || !violators.has(r.ref)) current.push(r);
    else {
      const reread = await provider.read(r.ref, { signal: ctx.signal });
      if (reread) current.push(reread);
    }
  }
  const after = await evaluateStacks(engine, current, options);
  const still = after.stacks.get(action.group ?? '')?.violations ?? new Set<string>();
  if (still.size === 0) {
    return {
      ok: false,
      reason: `stack ${action.group ?? '?'} conforms to the enforced rules now, or its violations are waived`,
    };
  }
  return { ok: true };
}
