import type { AddressesView } from './addresses.js';
import type { DisruptionBudgetView } from './disruption-budget.js';
import type { IngressView } from './ingress.js';
import type { InstanceView } from './instance.js';
import type { PodView } from './pod.js';
import type { ScalingGroupView } from './scaling-group.js';
import type { ServiceView } from './service.js';
import type { WorkloadView } from './workload.js';

export type * from './addresses.js';
export type * from './disruption-budget.js';
export type * from './ingress.js';
export type * from './instance.js';
export type * from './pod.js';
export type * from './scaling-group.js';
export type * from './service.js';
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
  /** PodDisruptionBudgets (Kubernetes). */
  disruptionBudget?: DisruptionBudgetView;
  /** EC2 instances (AWS). */
  instance?: InstanceView;
  /** Auto Scaling groups (AWS). */
  scalingGroup?: ScalingGroupView;
  /** A Kubernetes Service's type, ports and load-balancer addresses. */
  service?: ServiceView;
  /** A Kubernetes Ingress's hosts, TLS hosts and load-balancer addresses. */
  ingress?: IngressView;
  /** Where a machine (an EC2 instance, a Kubernetes node) can be reached. */
  addresses?: AddressesView;
}
