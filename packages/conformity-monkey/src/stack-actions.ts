import type { Action, InventoryKey, Resource } from '@simian/core';
import type { TeardownMode } from './config.js';
import type { StackDecision } from './decide-stack.js';
import { MARK_KEYS, markValues } from './marks.js';
import { CONFORMITY_MONKEY_NAME } from './name.js';
import { teardownPlan } from './teardown.js';

/** What the actions of one stack need besides its decision. */
export interface StackActionContext {
  /** Every listing of the stack's scope: each decision relies on all of them (fail closed). */
  dependsOn: InventoryKey[];
  teardown: TeardownMode;
}

/** The actions for one stack, in the order they should run: marks, teardown, unmarks. */
export function stackActions(decision: StackDecision, ctx: StackActionContext): Action[] {
  const { stack, rules, markedAt, deleteAfter } = decision;
  const ruleList = rules.join(',');
  const common = {
    monkey: CONFORMITY_MONKEY_NAME,
    // Core rolls back reversible actions when a run is interrupted. Marks and teardowns are no
    // faults to take back: marks stay on the resources and the next run carries on from them.
    reversible: false,
    group: stack.id,
    dependsOn: ctx.dependsOn,
    ...(ruleList ? { ruleId: ruleList } : {}),
  };
  const actions: Action[] = [];

  if (markedAt && deleteAfter) {
    const values = markValues(rules, markedAt, deleteAfter);
    for (const r of decision.mark) {
      actions.push({
        ...common,
        id: `conformity:mark:${r.ref}`,
        verb: 'mark',
        resource: actionResource(r),
        reason: `stack ${stack.name} breaks enforced rule(s) ${ruleList}: ${ctx.teardown} after ${deleteAfter.toISOString()} unless it conforms or is waived by then`,
        // AWS marks are tags; the Kubernetes provider writes annotations.
        params: r.provider === 'kubernetes' ? { annotations: values } : { tags: values },
      });
    }
  }

  for (const r of decision.teardown) {
    const plan = teardownPlan(r, ctx.teardown);
    if (plan?.kind !== 'step') continue;
    actions.push({
      ...common,
      id: `conformity:${plan.step.verb}:${r.ref}`,
      verb: plan.step.verb,
      resource: actionResource(r),
      reason: `stack ${stack.name} still breaks enforced rule(s) ${ruleList} after its deadline ${deleteAfter?.toISOString() ?? ''}: ${plan.step.description}`,
      params: plan.step.params,
    });
  }

  for (const r of decision.unmark) {
    actions.push({
      ...common,
      id: `conformity:unmark:${r.ref}`,
      verb: 'unmark',
      resource: actionResource(r),
      reason: `stack ${stack.name} conforms to the enforced rules now (or its violations are waived): its marks come off`,
      params:
        r.provider === 'kubernetes'
          ? { keys: [...MARK_KEYS], from: 'annotations' }
          : { keys: [...MARK_KEYS] },
    });
  }
  return actions;
}

/** The resource fields an action carries (the gate reads labels and annotations). */
export function actionResource(r: Resource): Action['resource'] {
  return {
    ref: r.ref,
    provider: r.provider,
    kind: r.kind,
    name: r.name,
    labels: r.labels,
    ...(r.annotations ? { annotations: r.annotations } : {}),
    ...(r.namespace !== undefined ? { namespace: r.namespace } : {}),
    ...(r.region !== undefined ? { region: r.region } : {}),
    ...(r.context !== undefined ? { context: r.context } : {}),
  };
}
