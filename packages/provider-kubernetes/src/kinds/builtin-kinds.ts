import type { KindDescriptor } from '@simian/core';
import type { ResourceViews } from '@simian/core';
import { configMapViews, secretViews, serviceAccountViews } from '../views/config.js';
import { disruptionBudgetViews } from '../views/disruption-budget.js';
import { jobViews } from '../views/job.js';
import { ingressViews, nodeViews, serviceViews } from '../views/network-views.js';
import { cronJobSpecViews, podOwnSpecViews, templateSpecViews } from '../views/pod-spec.js';
import { nodeStateViews } from '../views/node.js';
import { podViews } from '../views/pod.js';
import { persistentVolumeViews, volumeClaimViews } from '../views/storage.js';
import { DAEMON_SET, REPLICAS, ROLLING_REPLICAS, workloadViews } from '../views/workload.js';
import { containerProbesViews } from '../views/container-probes.js';
import { endpointsViews } from '../views/endpoints.js';
import { rbacPermission, type KindInfo, type KubeObject } from './kind.js';

type BuiltinKind = Omit<KindInfo, 'custom' | 'apiKind'>;

/**
 * A Secret enters the inventory without its values: `data`, `stringData`, and kubectl's
 * last-applied annotation (which holds a copy of them when the Secret was applied).
 */
function withoutSecretValues(secret: KubeObject): KubeObject {
  const { data: _data, stringData: _stringData, ...rest } = secret;
  const annotations = rest.metadata?.annotations;
  if (annotations && 'kubectl.kubernetes.io/last-applied-configuration' in annotations) {
    const { 'kubectl.kubernetes.io/last-applied-configuration': _applied, ...kept } = annotations;
    rest.metadata = { ...rest.metadata, annotations: kept };
  }
  return rest;
}

const core = (kind: string, plural: string, namespaced = true): BuiltinKind => ({
  kind,
  group: '',
  version: 'v1',
  plural,
  namespaced,
});
const grouped = (group: string, kind: string, plural: string, namespaced = true): BuiltinKind => ({
  kind,
  group,
  version: 'v1',
  plural,
  namespaced,
});
const rbac = 'rbac.authorization.k8s.io';

/** The views of several view builders together. */
const both =
  (...builders: Array<(object: KubeObject) => ResourceViews>) =>
  (object: KubeObject): ResourceViews =>
    Object.assign({}, ...builders.map((b) => b(object))) as ResourceViews;

/**
 * The built-in kinds Simian lists and acts on: the one table. Add a kind here and listing,
 * reading, its verbs, its permissions and `simian doctor` know it; give it `views` and monkeys
 * see its typed views.
 */
export const builtinKinds: readonly KindInfo[] = (
  [
    { ...core('Pod', 'pods'), views: both(podViews, podOwnSpecViews, containerProbesViews) },
    {
      ...grouped('apps', 'Deployment', 'deployments'),
      scalable: true,
      views: both(workloadViews(ROLLING_REPLICAS), templateSpecViews),
    },
    {
      ...grouped('apps', 'ReplicaSet', 'replicasets'),
      scalable: true,
      views: both(workloadViews(REPLICAS), templateSpecViews),
    },
    {
      ...grouped('apps', 'StatefulSet', 'statefulsets'),
      scalable: true,
      views: both(workloadViews(ROLLING_REPLICAS), templateSpecViews),
    },
    {
      ...grouped('apps', 'DaemonSet', 'daemonsets'),
      views: both(workloadViews(DAEMON_SET), templateSpecViews),
    },
    { ...grouped('batch', 'Job', 'jobs'), views: both(jobViews, templateSpecViews) },
    { ...grouped('batch', 'CronJob', 'cronjobs'), views: cronJobSpecViews },
    { ...core('Service', 'services'), views: serviceViews },
    core('Endpoints', 'endpoints'),
    { ...grouped('discovery.k8s.io', 'EndpointSlice', 'endpointslices'), views: endpointsViews },
    { ...grouped('networking.k8s.io', 'Ingress', 'ingresses'), views: ingressViews },
    grouped('networking.k8s.io', 'NetworkPolicy', 'networkpolicies'),
    { ...core('ConfigMap', 'configmaps'), views: configMapViews },
    { ...core('Secret', 'secrets'), sanitize: withoutSecretValues, views: secretViews },
    { ...core('PersistentVolumeClaim', 'persistentvolumeclaims'), views: volumeClaimViews },
    { ...core('PersistentVolume', 'persistentvolumes', false), views: persistentVolumeViews },
    core('Namespace', 'namespaces', false),
    { ...core('Node', 'nodes', false), views: both(nodeViews, nodeStateViews) },
    {
      ...grouped('policy', 'PodDisruptionBudget', 'poddisruptionbudgets'),
      views: disruptionBudgetViews,
    },
    { ...core('ServiceAccount', 'serviceaccounts'), views: serviceAccountViews },
    grouped(rbac, 'Role', 'roles'),
    grouped(rbac, 'RoleBinding', 'rolebindings'),
    grouped(rbac, 'ClusterRole', 'clusterroles', false),
    grouped(rbac, 'ClusterRoleBinding', 'clusterrolebindings', false),
  ] as BuiltinKind[]
).map((k) => ({ ...k, apiKind: k.kind, custom: false }));

const byName = new Map(builtinKinds.map((k) => [k.kind, k]));
const byAlias = new Map(
  builtinKinds.flatMap((k) => [
    [k.kind.toLowerCase(), k],
    [k.plural, k],
  ]),
);

/** A built-in kind by its name (`Pod`), or by its lower-case name or plural (`pod`, `pods`). */
export function builtinKind(name: string): KindInfo | undefined {
  return byName.get(name) ?? byAlias.get(name.toLowerCase());
}

/** What listing and reading a kind costs, for `ProviderFactory.kinds`. */
export function kindDescriptor(kind: KindInfo): KindDescriptor {
  return { kind: kind.kind, permissions: [rbacPermission(kind, ['list', 'get'])] };
}
