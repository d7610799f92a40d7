import type { LoadBalancerAddress } from './service.js';

/**
 * An Ingress as the security monkey reaches it: the host names its rules serve, which of them
 * have TLS, and the addresses its controller published (`status.loadBalancer.ingress`).
 */
export interface IngressView {
  /** Host names of the rules (a rule without a host serves every name: not listed). */
  hosts: string[];
  /** Host names of the `tls` entries; `*` when an entry names no host (it covers every rule). */
  tlsHosts: string[];
  loadBalancer: LoadBalancerAddress[];
}
