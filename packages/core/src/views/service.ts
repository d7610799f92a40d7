/** One port of a Service, as the provider read it. */
export interface ServicePort {
  name?: string;
  /** The port the Service listens on (cluster IP, load balancer). */
  port: number;
  protocol: string;
  /** The port opened on every node, for NodePort and LoadBalancer Services. */
  nodePort?: number;
  /** The port (or port name) on the pods behind the Service. */
  targetPort?: number | string;
  /** What the port speaks, when the service says (`http`, `kubernetes.io/h2c`, ...). */
  appProtocol?: string;
}

/** An address a load balancer publishes: an IP, a host name, or both. */
export interface LoadBalancerAddress {
  ip?: string;
  hostname?: string;
}

/**
 * A Kubernetes Service: its type, ports and node ports, the addresses its load balancer published
 * (`status.loadBalancer.ingress`: what the security monkey reaches), and how it finds the pods it
 * sends traffic to (what the janitor checks).
 */
export interface ServiceView {
  /** `ClusterIP`, `NodePort`, `LoadBalancer` or `ExternalName`. */
  type: string;
  ports: ServicePort[];
  /** Addresses of the load balancer, once the cloud has made it; empty before. */
  loadBalancer: LoadBalancerAddress[];
  /** `spec.externalIPs`: addresses the nodes accept the Service's traffic on. */
  externalIPs: string[];
  /**
   * Its pod selector (labels, all of which a pod must carry); absent when it has none and its
   * endpoints are managed by someone else.
   */
  selector?: Record<string, string>;
  /** Its virtual address; absent for a headless service (`None`) or before one is given. */
  clusterIP?: string;
}
