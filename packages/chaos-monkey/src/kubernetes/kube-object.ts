/**
 * The few fields of Kubernetes objects the chaos monkey reads from `Resource.raw` (the JSON the
 * API server sent). Everything is optional: an object may come without status.
 */
export interface KubeObject {
  metadata?: {
    name?: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    generation?: number;
    deletionTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: Array<{ kind: string; name: string; uid?: string; controller?: boolean }>;
  };
  spec?: {
    replicas?: number;
    selector?: LabelSelector;
    template?: { metadata?: { labels?: Record<string, string> } };
    containers?: Array<{ name: string }>;
    minAvailable?: number | string;
    maxUnavailable?: number | string;
  };
  status?: {
    observedGeneration?: number;
    replicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    desiredNumberScheduled?: number;
    numberReady?: number;
    disruptionsAllowed?: number;
    currentHealthy?: number;
    desiredHealthy?: number;
    expectedPods?: number;
    phase?: string;
    conditions?: Array<{ type: string; status: string }>;
    containerStatuses?: Array<{ name: string; restartCount?: number; ready?: boolean }>;
  };
}

/** A Kubernetes `LabelSelector`. */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
}

/** `Resource.raw` read as a Kubernetes object. */
export const kubeObject = (raw: unknown): KubeObject =>
  raw && typeof raw === 'object' ? (raw as KubeObject) : {};
