import type { LabelSelector, ResourceViews } from '@simian/core';
import type { KubeObject } from '../kinds/kind.js';
import { numberOr, statusIsCurrent, type ObjectWithStatus } from './object-fields.js';

interface BudgetObject extends ObjectWithStatus {
  spec?: { selector?: LabelSelector };
}

/**
 * The disruption budget view of a PodDisruptionBudget. Its status counts are written whole by its
 * controller (the API keeps zeros in this status), so an absent count means no status yet.
 */
export function disruptionBudgetViews(object: KubeObject): ResourceViews {
  const o = object as BudgetObject;
  const status = o.status ?? {};
  const counts = {
    disruptionsAllowed: numberOr(status.disruptionsAllowed),
    currentHealthy: numberOr(status.currentHealthy),
    desiredHealthy: numberOr(status.desiredHealthy),
    expectedPods: numberOr(status.expectedPods),
  };
  return {
    disruptionBudget: {
      ...(o.spec?.selector ? { selector: o.spec.selector } : {}),
      ...Object.fromEntries(Object.entries(counts).filter(([, v]) => v !== undefined)),
      statusCurrent: statusIsCurrent(o),
    },
  };
}
