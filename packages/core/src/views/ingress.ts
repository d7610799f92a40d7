import type { LoadBalancerAddress } from './service.js';

/**
 * A Kubernetes Ingress: the host names its rules serve, which of them have TLS, and the addresses
 * its controller published (`status.loadBalancer.ingress`), for the security monkey; what it routes
 * to and the certificates it serves, for the janitor.
 */
export interface IngressView {
  /** Host names of the rules (a rule without a host serves every name: not listed). */
  hosts: string[];
  /** Host names of the `tls` entries; `*` when an entry names no host (it covers every rule). */
  tlsHosts: string[];
  loadBalancer: LoadBalancerAddress[];
  /** Secrets named by its `tls` entries. */
  tlsSecrets: string[];
  /** Services its rules and default backend send traffic to. */
  services: string[];
}
