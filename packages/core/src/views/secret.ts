/** A Kubernetes Secret, without its values. */
export interface SecretView {
  /** Its type: `Opaque`, `kubernetes.io/tls`, `kubernetes.io/service-account-token`, ... */
  type: string;
}
