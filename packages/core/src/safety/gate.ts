import {
  isDestructive,
  type Action,
  type DroppedAction,
  type GatedPlan,
  type Plan,
} from '../types.js';
import type { GateContext, GateRule, GateVerdict } from './rule.js';
import { GATE_RULES } from './rules/index.js';

/** Which rules judge this action: fault removal is never held back, not even by the kill switch. */
function rulesFor(action: Action, rules: readonly GateRule[]): GateRule[] {
  if (action.verb === 'remove-fault') return [];
  const destructive = isDestructive(action.verb);
  return rules.filter((r) => r.appliesTo === 'all' || destructive);
}

/**
 * The safety gate. It fails closed: a rule that throws drops the action. Actions are judged in plan
 * order, and each one let through counts against the run's blast radius.
 */
export class SafetyGate {
  readonly rules: readonly GateRule[];

  constructor(rules: readonly GateRule[] = GATE_RULES) {
    this.rules = rules;
  }

  async judge(
    action: Action,
    ctx: GateContext,
    only?: (r: GateRule) => boolean,
  ): Promise<{ rule: string; reason: string } | undefined> {
    for (const rule of rulesFor(action, this.rules)) {
      if (only && !only(rule)) continue;
      let verdict: GateVerdict;
      try {
        verdict = await rule.check(action, ctx);
      } catch (e) {
        verdict = {
          pass: false,
          reason: `rule failed, so the action is held back: ${(e as Error).message}`,
        };
      }
      if (!verdict.pass) return { rule: rule.name, reason: verdict.reason };
    }
    return undefined;
  }

  async filter(plan: Plan, ctx: GateContext, dryRun: boolean): Promise<GatedPlan> {
    const allowed: Action[] = [];
    const dropped: DroppedAction[] = [];
    for (const action of plan.actions) {
      const verdict = await this.judge(action, ctx);
      if (verdict) {
        dropped.push({ action, ...verdict });
        continue;
      }
      allowed.push(action);
      if (isDestructive(action.verb)) ctx.tally.count(action);
    }
    return {
      monkey: plan.monkey,
      dryRun,
      findings: plan.findings,
      allowed,
      dropped,
      ...(plan.groups ? { groups: plan.groups } : {}),
      ...(plan.notes ? { notes: plan.notes } : {}),
    };
  }
}
