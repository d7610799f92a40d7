import type { InventoryKey, Listing, Resource } from '@simian/core';
import type { PodKillMethod } from '../config.js';
import { budgetsCovering } from './disruption-budgets.js';

/** What the PodDisruptionBudgets say about killing pods of one group, as far as the plan knows. */
export type BudgetLimit =
  /** No budget covers the group. */
  | { kind: 'none' }
  /** Budgets cover it and allow `allowed` disruptions now. */
  | { kind: 'limit'; allowed: number; name: string; names: string[]; detail: string }
  /** The budget listing failed, or a covering budget's status lags: only the API can tell. */
  | { kind: 'unknown'; why: string };

/** The budgets' limit on `pods`, from the PodDisruptionBudget listing of their context. */
export function budgetLimit(budgets: Listing, pods: readonly Resource[]): BudgetLimit {
  if (!budgets.complete) {
    return {
      kind: 'unknown',
      why: `the PodDisruptionBudget listing failed (${budgets.error ?? 'incomplete'})`,
    };
  }
  const verdict = budgetsCovering(budgets.items, pods);
  if (!verdict) return { kind: 'none' };
  if (verdict.allowed === undefined) return { kind: 'unknown', why: verdict.detail };
  return {
    kind: 'limit',
    allowed: verdict.allowed,
    name: `${pods[0]?.namespace}/${verdict.decisive}`,
    names: verdict.names,
    detail: verdict.detail,
  };
}

/** What the budgets mean for one group's kills this run. */
export interface BudgetVerdictForKills {
  /** The group is left alone this run. */
  skip?: boolean;
  /** A note for the plan. */
  note?: string;
  /** Kills must stay within this. */
  allows?: { allowed: number; name: string };
  /** The budget listing, when the decision rests on it. */
  dependsOn?: InventoryKey;
  /** The message of a finding, when a budget allows no kill at all. */
  blocks?: string;
  names?: string[];
}

/**
 * Weighs the budgets for killing pods of one group (`name`) with `method`. The Eviction API
 * enforces budgets itself, so for `evict` an unknown budget only earns a note; `delete` and
 * `container-kill` have only this check, so they leave a group alone when its budget is unknown,
 * and their kills depend on the budget listing being complete.
 */
export function budgetVerdict(
  budgets: Listing | undefined,
  pods: readonly Resource[],
  method: PodKillMethod,
  name: string,
): BudgetVerdictForKills {
  if (!budgets) return {};
  const limit = budgetLimit(budgets, pods);
  if (limit.kind === 'none') return {};
  if (limit.kind === 'unknown') {
    return method === 'evict'
      ? { note: `${name}: ${limit.why}; the Eviction API will decide` }
      : {
          skip: true,
          note: `${name}: left alone, ${limit.why}, and ${method} does not consult budgets`,
        };
  }
  return {
    allows: { allowed: limit.allowed, name: limit.name },
    names: limit.names,
    ...(method !== 'evict' ? { dependsOn: budgets.key } : {}),
    ...(limit.allowed === 0
      ? { blocks: `${limit.detail}: no pod of ${name} is killed this run` }
      : {}),
  };
}
