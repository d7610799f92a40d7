import {
  isDestructive,
  type Action,
  type Finding,
  type GroupHealth,
  type Plan,
  type PlanContext,
} from '@simian/core';
import { listScopes } from '@simian/policy';
import type { ConformityConfig } from './config.js';
import { decideStack } from './decide-stack.js';
import { validateEnforcedRules } from './enforce.js';
import { evaluateStacks } from './evaluate-stacks.js';
import { kindsToList } from './inventory-kinds.js';
import { CONFORMITY_MONKEY_NAME } from './name.js';
import { policyEngineFor } from './policy-engine.js';
import { stackActions } from './stack-actions.js';
import { stackNote } from './stack-notes.js';
import { isStackMember } from './stacks.js';
import { teardownPlan } from './teardown.js';

/** What the conformity monkey's plan and re-check are given. */
export type ConformityPlanContext = PlanContext<ConformityConfig>;

/**
 * The conformity monkey's plan, without side effects: list what the rules read in every context
 * and region, evaluate the policies scope by scope, report every finding (waived ones included,
 * with their stack as `group`), and for the enforced rules decide each stack's step: mark, wait,
 * tear down, or unmark.
 */
export async function planConformity(ctx: ConformityPlanContext): Promise<Plan> {
  const config = ctx.config;
  const engine = await policyEngineFor(config.policy, ctx.global.source.dir);
  const enforced = validateEnforcedRules(config.enforce.rules, engine.rules);
  const scopes = await listScopes(ctx.inventory, kindsToList(config, engine.rules));

  const findings: Finding[] = [];
  const actions: Action[] = [];
  const groups: Record<string, GroupHealth> = {};
  const notes: string[] = [...enforced.notes];
  for (const scope of scopes) {
    if (ctx.signal.aborted) break;
    if (scope.incomplete.length > 0) {
      const failed = scope.incomplete.map((l) => `${l.kind} (${l.error})`).join('; ');
      notes.push(
        `${scope.provider} ${scope.scope}: listing failed for ${failed}; findings there may be wrong, and the gate holds back every action in this scope`,
      );
    }
    const evaluated = await evaluateStacks(engine, scope.judged, {
      related: scope.related,
      stacks: config.stacks,
      enforced: enforced.ids,
      now: ctx.now,
    });
    findings.push(...evaluated.findings);
    if (enforced.ids.size === 0) continue;

    for (const stack of evaluated.stacks.values()) {
      const members = stack.resources.filter(isStackMember);
      const decision = decideStack({
        stack: stack.stack,
        members,
        violations: stack.violations,
        now: ctx.now,
        gracePeriodMs: config.gracePeriod,
      });
      if (decision.phase === 'conforming') continue;
      actions.push(...stackActions(decision, { dependsOn: scope.keys, teardown: config.teardown }));
      const note = stackNote(decision, config.teardown, ctx.now);
      if (note) notes.push(note);
      // The stack is the blast-radius group; its members are the workloads teardown acts on,
      // healthy while not torn down yet.
      const plans = members.map((m) => teardownPlan(m, config.teardown)).filter((p) => p);
      if (plans.length > 0) {
        const healthy = plans.filter((p) => p?.kind !== 'done').length;
        groups[stack.stack.id] = { total: plans.length, healthy };
      }
    }
  }
  notes.push(...blastRadiusNotes(ctx, actions));
  return { monkey: CONFORMITY_MONKEY_NAME, findings, actions, groups, notes };
}

/**
 * Teardown takes a stack to zero, which the gate's defaults are built to prevent: say so in the
 * plan, so a held-back teardown is not a mystery.
 */
function blastRadiusNotes(ctx: ConformityPlanContext, actions: readonly Action[]): string[] {
  const teardowns = actions.filter((a) => isDestructive(a.verb)).length;
  if (teardowns === 0) return [];
  const global = ctx.global.safety.blastRadius;
  const own = ctx.config.safety.blastRadius;
  const notes: string[] = [];
  const minHealthy = own?.minHealthy ?? global.minHealthy;
  if (minHealthy > 0) {
    notes.push(
      `teardown needs monkeys.${CONFORMITY_MONKEY_NAME}.safety.blastRadius.minHealthy: 0 (it is ${minHealthy}), or the gate keeps ${minHealthy} workload(s) of each stack running`,
    );
  }
  const maxShare = own?.maxGroupShare ?? global.maxGroupShare;
  if (maxShare < 1) {
    notes.push(
      `with maxGroupShare ${maxShare}, one run tears down at most that share of a stack's workloads; the rest follow in later runs (set monkeys.${CONFORMITY_MONKEY_NAME}.safety.blastRadius.maxGroupShare: 1 to take a stack down at once)`,
    );
  }
  const maxRun = Math.min(global.maxActionsPerRun, own?.maxActionsPerRun ?? Infinity);
  if (teardowns > maxRun) {
    notes.push(
      `${teardowns} teardown actions are planned but at most ${maxRun} destructive actions run per run (safety.blastRadius.maxActionsPerRun, shared by every monkey); the rest follow in later runs`,
    );
  }
  return notes;
}
