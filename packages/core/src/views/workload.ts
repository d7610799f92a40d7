import type { LabelSelector } from '../label-selector.js';

/** A container of a workload's pod template. */
export interface TemplateContainer {
  /** The container's name, unique in the pod. */
  name: string;
  /** The image it runs, as the template names it. */
  image?: string;
}

/**
 * A controller that keeps a number of pods running (a Deployment, StatefulSet, ReplicaSet or
 * DaemonSet): how many it wants, how many are ready, and how it finds its pods.
 */
export interface WorkloadView {
  /** Pods it wants: its replicas, or for a DaemonSet the nodes that should run one. */
  desired: number;
  /** Pods that are ready, by its own status (0 until the controller has counted any). */
  ready: number;
  /** Pods that have been ready long enough to count as available, by its status. */
  available: number;
  /** Pods that run its current pod template, by its status; absent for a kind that has one template. */
  updated?: number;
  /**
   * Whether its status describes its current spec (the controller has seen the latest change). A
   * status that lags says nothing about a change just made, such as a rollout or a scale.
   */
  statusCurrent: boolean;
  /** How it finds its pods. */
  selector?: LabelSelector;
  /** The labels its pods get from its pod template. */
  templateLabels?: Record<string, string>;
  /** The containers of its pod template, in order. */
  containers: TemplateContainer[];
  /** The object's unique id, which a namesake made after it does not share. */
  uid?: string;
  /** The unique id of the object controlling it (a ReplicaSet's Deployment), if any. */
  controllerUid?: string;
  /**
   * The version of the object as stored: it changes with every write, its status included, so a
   * different version means the object was written since.
   */
  version?: string;
  /** The rollout revision its controller numbered it with (Deployments and their ReplicaSets). */
  revision?: number;
  /** Its status conditions (`Available`, `Progressing`, ...), as reported; absent when it has none. */
  conditions?: WorkloadCondition[];
}

/** One status condition of a workload. */
export interface WorkloadCondition {
  type: string;
  /** `True`, `False` or `Unknown`. */
  status: string;
  /** Why, in one CamelCase word (`NewReplicaSetAvailable`, `ProgressDeadlineExceeded`). */
  reason?: string;
}
