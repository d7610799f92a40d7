/** A Kubernetes ServiceAccount: the Secrets it names. */
export interface ServiceAccountView {
  /** Secrets listed under `secrets` (tokens of older clusters, mountable secrets). */
  secrets: string[];
  /** Secrets listed under `imagePullSecrets`: every pod running as it uses them. */
  imagePullSecrets: string[];
}
