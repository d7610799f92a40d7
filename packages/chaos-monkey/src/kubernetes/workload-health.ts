import type { Resource } from '@simian/core';
import type { WorkloadKind } from '../config.js';
import { kubeObject } from './kube-object.js';

/** How many pods a workload wants and how many are ready, by its own status. */
export interface WorkloadHealth {
  desired: number;
  ready: number;
  /**
   * Whether the status describes the current spec (`status.observedGeneration` caught up with
   * `metadata.generation`). A status that lags says nothing about a change just made.
   */
  current: boolean;
}

/**
 * Reads desired and ready from the workload's status: `spec.replicas` and `status.readyReplicas`
 * for Deployments, StatefulSets and ReplicaSets; `desiredNumberScheduled` and `numberReady` for
 * DaemonSets.
 */
export function workloadHealth(workload: Resource): WorkloadHealth {
  const o = kubeObject(workload.raw);
  const generation = o.metadata?.generation;
  const observed = o.status?.observedGeneration;
  const current = generation === undefined || (observed !== undefined && observed >= generation);
  if ((workload.kind as WorkloadKind) === 'DaemonSet') {
    return {
      desired: o.status?.desiredNumberScheduled ?? 0,
      ready: o.status?.numberReady ?? 0,
      current,
    };
  }
  return { desired: o.spec?.replicas ?? 1, ready: o.status?.readyReplicas ?? 0, current };
}

/** The labels the workload's pods get from its template. */
export const templateLabels = (workload: Resource): Record<string, string> | undefined =>
  kubeObject(workload.raw).spec?.template?.metadata?.labels;
