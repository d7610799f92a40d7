import { selectorMatches, type Resource } from '@simian/core';

/** What the PodDisruptionBudgets covering a group allow now. */
export interface BudgetVerdict {
  /** Budgets (names) that select at least one of the group's pods. */
  names: string[];
  /**
   * The fewest disruptions any of them allows now; undefined when a budget's status lags its
   * spec, so its number cannot be trusted.
   */
  allowed: number | undefined;
  /** The budget that sets `allowed`, or the stale one. */
  decisive: string;
  /** In words, for findings and notes. */
  detail: string;
}

/**
 * The budgets of the pods' namespace that select any of `pods`, and what they allow now (the
 * number the Eviction API goes by). Undefined when none does. A budget its provider gave no view
 * of might cover the pods, and its number is unknown.
 */
export function budgetsCovering(
  budgets: readonly Resource[],
  pods: readonly Resource[],
): BudgetVerdict | undefined {
  const namespace = pods[0]?.namespace;
  const covering = budgets.filter((b) => {
    if (b.namespace !== namespace) return false;
    const view = b.views?.disruptionBudget;
    return !view || pods.some((p) => selectorMatches(view.selector, p.labels));
  });
  if (covering.length === 0) return undefined;
  let allowed: number | undefined = Number.POSITIVE_INFINITY;
  let decisive = covering[0]!.name;
  let detail = '';
  for (const b of covering) {
    const v = b.views?.disruptionBudget;
    if (v?.disruptionsAllowed === undefined || !v.statusCurrent) {
      return {
        names: covering.map((c) => c.name),
        allowed: undefined,
        decisive: b.name,
        detail: `PodDisruptionBudget ${b.namespace}/${b.name} has no current status yet`,
      };
    }
    const n = v.disruptionsAllowed;
    if (allowed === undefined || n < allowed) {
      allowed = n;
      decisive = b.name;
      detail = `PodDisruptionBudget ${b.namespace}/${b.name} allows ${n} disruption${n === 1 ? '' : 's'} now (${v.currentHealthy ?? '?'} healthy, ${v.desiredHealthy ?? '?'} required)`;
    }
  }
  return { names: covering.map((c) => c.name), allowed, decisive, detail };
}
