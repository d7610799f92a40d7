import type { KindDescriptor } from '@simian/core';
import { containerProbesViews } from '../views/container-probes.js';
import { endpointsViews } from '../views/endpoints.js';
import { serviceViews } from '../views/service.js';
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

/**
 * The built-in kinds Simian lists and acts on: the one table. Add a kind here and listing,
 * reading, its verbs, its permissions and `simian doctor` know it.
 */
export const builtinKinds: readonly KindInfo[] = (
  [
    { ...core('Pod', 'pods'), views: containerProbesViews },
    { ...grouped('apps', 'Deployment', 'deployments'), scalable: true },
    { ...grouped('apps', 'ReplicaSet', 'replicasets'), scalable: true },
    { ...grouped('apps', 'StatefulSet', 'statefulsets'), scalable: true },
    grouped('apps', 'DaemonSet', 'daemonsets'),
    grouped('batch', 'Job', 'jobs'),
    grouped('batch', 'CronJob', 'cronjobs'),
    { ...core('Service', 'services'), views: serviceViews },
    core('Endpoints', 'endpoints'),
    { ...grouped('discovery.k8s.io', 'EndpointSlice', 'endpointslices'), views: endpointsViews },
    grouped('networking.k8s.io', 'Ingress', 'ingresses'),
    grouped('networking.k8s.io', 'NetworkPolicy', 'networkpolicies'),
    core('ConfigMap', 'configmaps'),
    { ...core('Secret', 'secrets'), sanitize: withoutSecretValues },
    core('PersistentVolumeClaim', 'persistentvolumeclaims'),
    core('PersistentVolume', 'persistentvolumes', false),
    core('Namespace', 'namespaces', false),
    core('Node', 'nodes', false),
    grouped('policy', 'PodDisruptionBudget', 'poddisruptionbudgets'),
    core('ServiceAccount', 'serviceaccounts'),
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
