import type { Resource } from '@simian/core';
import { kubeObject } from './kube-object.js';
import { selectorMatches } from './label-selector.js';

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
 * The budgets of the pods' namespace that select any of `pods`, and what they allow now
 * (`status.disruptionsAllowed`, the number the Eviction API goes by). Undefined when none does.
 */
export function budgetsCovering(
  budgets: readonly Resource[],
  pods: readonly Resource[],
): BudgetVerdict | undefined {
  const namespace = pods[0]?.namespace;
  const covering = budgets.filter(
    (b) =>
      b.namespace === namespace &&
      pods.some((p) => selectorMatches(kubeObject(b.raw).spec?.selector, p.labels)),
  );
  if (covering.length === 0) return undefined;
  let allowed: number | undefined = Number.POSITIVE_INFINITY;
  let decisive = covering[0]!.name;
  let detail = '';
  for (const b of covering) {
    const o = kubeObject(b.raw);
    const observed = o.status?.observedGeneration;
    const stale =
      o.status?.disruptionsAllowed === undefined ||
      (o.metadata?.generation !== undefined &&
        (observed === undefined || observed < o.metadata.generation));
    if (stale) {
      return {
        names: covering.map((c) => c.name),
        allowed: undefined,
        decisive: b.name,
        detail: `PodDisruptionBudget ${b.namespace}/${b.name} has no current status yet`,
      };
    }
    const n = o.status!.disruptionsAllowed!;
    if (allowed === undefined || n < allowed) {
      allowed = n;
      decisive = b.name;
      detail = `PodDisruptionBudget ${b.namespace}/${b.name} allows ${n} disruption${n === 1 ? '' : 's'} now (${o.status?.currentHealthy ?? '?'} healthy, ${o.status?.desiredHealthy ?? '?'} required)`;
    }
  }
  return { names: covering.map((c) => c.name), allowed, decisive, detail };
}
