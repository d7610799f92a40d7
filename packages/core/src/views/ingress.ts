/** A Kubernetes Ingress: what it routes to and the certificates it serves. */
export interface IngressView {
  /** Secrets named by its `tls` entries. */
  tlsSecrets: string[];
  /** Services its rules and default backend send traffic to. */
  services: string[];
}
