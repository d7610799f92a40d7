import { actionResource } from '../action-resource.js';
import type { Action, InventoryKey, Resource } from '../types.js';
import type { LifecycleUnit, UnitDecision } from './decide.js';
import { lifecycleKeyList, type LifecycleKeys } from './keys.js';
import { lifecycleMarkValues, pickLifecycleMarks } from './mark.js';
import type { MarkParams, UnmarkParams } from './params.js';

/** One provider call that acts on a member once its unit is due (scale, stop, delete, ...). */
export interface LifecycleStep {
  /**
   * Names the step where a member takes several in one run (`snapshot`, then `delete`): the
   * action's id is `<monkey>:<name>:<ref>`. Default: the verb.
   */
  name?: string;
  verb: string;
  params: Record<string, unknown>;
  /** What it does, in words, for the action's reason: `scale Deployment web to 0 replicas`. */
  description: string;
}

/** What {@link lifecycleActions} needs besides the decision. */
export interface LifecycleActionOptions {
  monkey: string;
  keys: LifecycleKeys;
  /** Listings the decision relied on: each action depends on all of them (fail closed). */
  dependsOn?: InventoryKey[];
  /**
   * The act on one due member: a step, the steps in the order they run, or undefined when there
   * is nothing to do to it (it is down already, or not a kind the monkey acts on).
   */
  act(member: Resource): LifecycleStep | readonly LifecycleStep[] | undefined;
  /** The actions' reasons, in words (the ledger and `simian plan` show them). */
  reasons: { mark: string; act(step: LifecycleStep): string; unmark: string };
}

/**
 * The actions for one unit, in the order they run: marks, acts, unmarks. Marks and unmarks take the
 * one param shape of every provider (`{ marks }`, `{ keys }`); each action carries the member's
 * owner and its lifecycle marks as planned, for the events told about it.
 */
export function lifecycleActions<U extends LifecycleUnit>(
  decision: UnitDecision<U>,
  options: LifecycleActionOptions,
): Action[] {
  const { unit, rules, markedAt, deleteAfter } = decision;
  const { monkey, keys } = options;
  const ruleList = rules.join(',');
  const common = {
    monkey,
    // Core rolls back reversible actions when a run is interrupted. Marks and acts are no faults
    // to take back: marks stay on the resources and the next run carries on from them.
    reversible: false,
    group: unit.id,
    ...(options.dependsOn ? { dependsOn: options.dependsOn } : {}),
    ...(ruleList ? { ruleId: ruleList } : {}),
  };
  const resource = (r: Resource): Action['resource'] => {
    const marks = pickLifecycleMarks(r, keys);
    return {
      ...actionResource(r),
      ...(r.owner ? { owner: r.owner } : {}),
      ...(Object.keys(marks).length > 0 ? { marks } : {}),
    };
  };
  const actions: Action[] = [];

  if (markedAt && deleteAfter) {
    const values = lifecycleMarkValues(keys, { rules, markedAt, deleteAfter });
    for (const r of decision.mark) {
      const params: MarkParams = { marks: { ...values } };
      actions.push({
        ...common,
        id: `${monkey}:mark:${r.ref}`,
        verb: 'mark',
        resource: resource(r),
        reason: options.reasons.mark,
        params,
      });
    }
  }

  for (const r of decision.act) {
    const act = options.act(r);
    const steps: readonly LifecycleStep[] = act === undefined ? [] : 'verb' in act ? [act] : act;
    for (const step of steps) {
      actions.push({
        ...common,
        id: `${monkey}:${step.name ?? step.verb}:${r.ref}`,
        verb: step.verb,
        resource: resource(r),
        reason: options.reasons.act(step),
        params: step.params,
      });
    }
  }

  for (const r of decision.unmark) {
    const params: UnmarkParams = { keys: lifecycleKeyList(keys) };
    actions.push({
      ...common,
      id: `${monkey}:unmark:${r.ref}`,
      verb: 'unmark',
      resource: resource(r),
      reason: options.reasons.unmark,
      params,
    });
  }
  return actions;
}
