/** One condition of a pod, as its node reports it. */
export interface PodCondition {
  /** `Ready`, `ContainersReady`, `PodScheduled`, `Initialized`, ... */
  type: string;
  /** `True`, `False` or `Unknown`. */
  status: string;
}

/** A pod: whether it runs and serves, what it runs, and where. */
export interface PodView {
  /** The pod's unique id: a pod recreated under the same name (a StatefulSet's) has a new one. */
  uid?: string;
  /** `Pending`, `Running`, `Succeeded`, `Failed` or `Unknown`; absent before it is scheduled. */
  phase?: string;
  /** Whether its `Ready` condition is `True`: it passes its readiness checks and takes traffic. */
  ready: boolean;
  /** Whether it is being deleted (it may keep running through its grace period). */
  terminating: boolean;
  /** Restarts of all its containers together. */
  restarts: number;
  /** The names of its containers, in order (init and ephemeral containers not included). */
  containers: string[];
  /**
   * The container a command aimed at the pod goes to: the one its default-container annotation
   * names, else the first.
   */
  defaultContainer?: string;
  /** Its conditions, as reported. */
  conditions: PodCondition[];
  /** The node it runs on, once scheduled. */
  node?: string;
  /** When its node started it (ISO time). */
  startTime?: string;
  /** For a pod that has finished (`Succeeded`, `Failed`): when its last container ended (ISO time). */
  finishedAt?: string;
  /** True when it has a volume on its node's local storage (an emptyDir), lost if it is evicted. */
  localStorage?: boolean;
}
