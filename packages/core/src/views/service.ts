/** A Kubernetes Service: how it finds the pods it sends traffic to. */
export interface ServiceView {
  /** `ClusterIP`, `NodePort`, `LoadBalancer` or `ExternalName`. */
  type: string;
  /**
   * Its pod selector (labels, all of which a pod must carry); absent when it has none and its
   * endpoints are managed by someone else.
   */
  selector?: Record<string, string>;
}
