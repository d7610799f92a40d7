/** How a kubelet probe of a container is timed (Kubernetes' defaults filled in where unset). */
export interface ProbeTiming {
  /** How the probe asks: `http`, `tcp`, `grpc` or `exec`. */
  handler: 'http' | 'tcp' | 'grpc' | 'exec';
  /** A probe that takes longer fails. */
  timeoutSeconds: number;
  periodSeconds: number;
  /** Failures in a row before the container is restarted (liveness) or taken out (readiness). */
  failureThreshold: number;
}

/** The probes of one container. */
export interface ContainerProbes {
  container: string;
  liveness?: ProbeTiming;
  readiness?: ProbeTiming;
  startup?: ProbeTiming;
}

/**
 * The kubelet probes of a pod's containers: a network fault slower than a probe's timeout makes
 * the probe fail, and enough failures restart (liveness) or unlist (readiness) the pod.
 */
export interface ContainerProbesView {
  containers: ContainerProbes[];
}
