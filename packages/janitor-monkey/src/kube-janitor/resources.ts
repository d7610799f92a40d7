/**
 * kube-janitor names resource types by their plural (`deployments`), as RBAC does; Simian's
 * Kubernetes provider lists kinds (`Deployment`). The built-in namespaced kinds both know, and
 * namespaces, which kube-janitor also cleans up.
 */
export const KUBE_JANITOR_PLURALS: Readonly<Record<string, string>> = {
  pods: 'Pod',
  deployments: 'Deployment',
  replicasets: 'ReplicaSet',
  statefulsets: 'StatefulSet',
  daemonsets: 'DaemonSet',
  jobs: 'Job',
  cronjobs: 'CronJob',
  services: 'Service',
  endpoints: 'Endpoints',
  endpointslices: 'EndpointSlice',
  ingresses: 'Ingress',
  networkpolicies: 'NetworkPolicy',
  configmaps: 'ConfigMap',
  secrets: 'Secret',
  persistentvolumeclaims: 'PersistentVolumeClaim',
  poddisruptionbudgets: 'PodDisruptionBudget',
  serviceaccounts: 'ServiceAccount',
  roles: 'Role',
  rolebindings: 'RoleBinding',
  namespaces: 'Namespace',
};

/**
 * What kube-janitor processes by default (every namespaced type but `events` and
 * `controllerrevisions`), as far as Simian lists them. Custom resources are added by their
 * `group/version/Kind`.
 */
export const DEFAULT_KUBE_JANITOR_RESOURCES = Object.keys(KUBE_JANITOR_PLURALS).filter(
  (p) => p !== 'endpoints' && p !== 'endpointslices',
);

/** The Kubernetes kind for a kube-janitor resource name (a plural, or a `group/version/Kind`). */
export function kindOfResource(resource: string): string | undefined {
  if (resource.includes('/')) return resource;
  return KUBE_JANITOR_PLURALS[resource];
}

/** The kube-janitor resource name of a kind: its plural, or for a custom resource its lower-cased `Kind` + `s`. */
export function resourceOfKind(kind: string): string {
  const builtin = Object.entries(KUBE_JANITOR_PLURALS).find(([, k]) => k === kind)?.[0];
  if (builtin) return builtin;
  const name = kind.split('/').pop() ?? kind;
  return `${name.toLowerCase()}s`;
}
