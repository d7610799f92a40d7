import { lifecycleActions, type Action, type InventoryKey } from '@simian/core';
import type { TeardownMode } from './config.js';
import type { StackDecision } from './decide-stack.js';
import { CONFORMITY_MARKS } from './marks.js';
import { CONFORMITY_MONKEY_NAME } from './name.js';
import { teardownPlan } from './teardown.js';

/** What the actions of one stack need besides its decision. */
export interface StackActionContext {
  /** Every listing of the stack's scope: each decision relies on all of them (fail closed). */
  dependsOn: InventoryKey[];
  teardown: TeardownMode;
}

/**
 * The actions for one stack, in the order they should run: marks, teardown, unmarks. The lifecycle
 * builds them; the conformity monkey says why, and what tearing down a member means.
 */
export function stackActions(decision: StackDecision, ctx: StackActionContext): Action[] {
  const { unit: stack, deleteAfter } = decision;
  const ruleList = decision.rules.join(',');
  const deadline = deleteAfter?.toISOString() ?? '';
  return lifecycleActions(decision, {
    monkey: CONFORMITY_MONKEY_NAME,
    keys: CONFORMITY_MARKS,
    dependsOn: ctx.dependsOn,
    act: (r) => {
      const plan = teardownPlan(r, ctx.teardown);
      return plan?.kind === 'step' ? plan.step : undefined;
    },
    reasons: {
      mark: `stack ${stack.name} breaks enforced rule(s) ${ruleList}: ${ctx.teardown} after ${deadline} unless it conforms or is waived by then`,
      act: (step) =>
        `stack ${stack.name} still breaks enforced rule(s) ${ruleList} after its deadline ${deadline}: ${step.description}`,
      unmark: `stack ${stack.name} conforms to the enforced rules now (or its violations are waived): its marks come off`,
    },
  });
}
