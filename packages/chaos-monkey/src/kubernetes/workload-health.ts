import type { Resource, WorkloadView } from '@simian/core';

/** How many pods a workload wants and how many are ready, by its own status. */
export interface WorkloadHealth {
  desired: number;
  ready: number;
  /**
   * Whether the status describes the current spec (its controller has seen the latest change). A
   * status that lags says nothing about a change just made.
   */
  current: boolean;
}

/** The workload's view, as its provider filled it; undefined when it gave none (unknown). */
export const workloadView = (workload: Resource): WorkloadView | undefined =>
  workload.views?.workload;

/** Desired and ready pods from the workload's view; undefined when its state is unknown. */
export function workloadHealth(workload: Resource): WorkloadHealth | undefined {
  const v = workloadView(workload);
  return v && { desired: v.desired, ready: v.ready, current: v.statusCurrent };
}

/** The labels the workload's pods get from its template. */
export const templateLabels = (workload: Resource): Record<string, string> | undefined =>
  workloadView(workload)?.templateLabels;
