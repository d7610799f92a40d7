import type { LabelSelector } from '../label-selector.js';

/**
 * A PodDisruptionBudget: which pods it covers and how many of them may be disrupted now. The
 * counts are its status's; they are absent until its controller has written one.
 */
export interface DisruptionBudgetView {
  /** The pods it covers. */
  selector?: LabelSelector;
  /** Voluntary disruptions (evictions) it allows now. */
  disruptionsAllowed?: number;
  /** Covered pods that are healthy now. */
  currentHealthy?: number;
  /** Healthy pods it requires. */
  desiredHealthy?: number;
  /** Pods it expects to cover. */
  expectedPods?: number;
  /**
   * Whether its status describes its current spec: a status that lags its spec counts for the
   * old one, and its numbers cannot be trusted.
   */
  statusCurrent: boolean;
}
