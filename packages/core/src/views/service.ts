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
}

/** An address a load balancer publishes: an IP, a host name, or both. */
export interface LoadBalancerAddress {
  ip?: string;
  hostname?: string;
}

/**
 * A Service as the security monkey reaches it: its type, its ports and node ports, and the
 * addresses its load balancer published (`status.loadBalancer.ingress`).
 */
export interface ServiceView {
  /** `ClusterIP`, `NodePort`, `LoadBalancer` or `ExternalName`. */
  type: string;
  ports: ServicePort[];
  /** Addresses of the load balancer, once the cloud has made it; empty before. */
  loadBalancer: LoadBalancerAddress[];
  /** `spec.externalIPs`: addresses the nodes accept the Service's traffic on. */
  externalIPs: string[];
}
