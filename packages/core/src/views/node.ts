/** One condition of a node, as its kubelet (or node problem detector) reports it. */
export interface NodeCondition {
  /** `Ready`, `MemoryPressure`, `DiskPressure`, `PIDPressure`, `NetworkUnavailable`, ... */
  type: string;
  /** `True`, `False` or `Unknown`. */
  status: string;
}

/** A node: whether it takes new pods, and its conditions. */
export interface NodeView {
  /** Whether its `Ready` condition is `True`. */
  ready: boolean;
  /** Whether it is cordoned (`spec.unschedulable`). */
  unschedulable: boolean;
  /** Its conditions, as reported. */
  conditions: NodeCondition[];
}
