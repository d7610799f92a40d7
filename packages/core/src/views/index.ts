import type { DisruptionBudgetView } from './disruption-budget.js';
import type { InstanceView } from './instance.js';
import type { NodeView } from './node.js';
import type { PodView } from './pod.js';
import type { ScalingGroupView } from './scaling-group.js';
import type { WorkloadView } from './workload.js';

export type * from './disruption-budget.js';
export type * from './instance.js';
export type * from './node.js';
export type * from './pod.js';
export type * from './scaling-group.js';
export type * from './workload.js';

/**
 * Typed views a provider fills on a `Resource` for the kinds it knows, so monkeys know their
 * domain without knowing any provider's API objects. One file per view; a view is added by one
 * file and one line here (and its export above). Every field is what the provider read, never a
 * guess: a view that cannot be filled is absent, and a monkey treats absence as "unknown".
 */
export interface ResourceViews {
  /** Deployments, StatefulSets, ReplicaSets, DaemonSets (Kubernetes). */
  workload?: WorkloadView;
  /** Pods (Kubernetes). */
  pod?: PodView;
  /** Nodes (Kubernetes). */
  node?: NodeView;
  /** PodDisruptionBudgets (Kubernetes). */
  disruptionBudget?: DisruptionBudgetView;
  /** EC2 instances (AWS). */
  instance?: InstanceView;
  /** Auto Scaling groups (AWS). */
  scalingGroup?: ScalingGroupView;
}
