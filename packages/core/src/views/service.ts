/** One port a Service serves. */
export interface ServicePort {
  /** The port's name, if it has one (required when a service has several). */
  name?: string;
  /** The port clients connect to on the service's address. */
  port: number;
  /** The port (or named container port) traffic goes to on the pods. */
  targetPort?: number | string;
  /** `TCP`, `UDP` or `SCTP`. */
  protocol: string;
  /** What the port speaks, when the service says (`http`, `kubernetes.io/h2c`, ...). */
  appProtocol?: string;
}

/** A Service: the pods it sends traffic to, and where it listens. */
export interface ServiceView {
  /**
   * The labels of the pods it sends traffic to; absent for a service without a selector (whose
   * endpoints are kept by hand or by another controller).
   */
  selector?: Record<string, string>;
  ports: ServicePort[];
  /** `ClusterIP`, `NodePort`, `LoadBalancer` or `ExternalName`. */
  type: string;
  /** Its virtual address; absent for a headless service (`None`) or before one is given. */
  clusterIP?: string;
}
