import type { Permission, SimianConfig } from '@simian/core';
import { FAULT_KINDS } from './faults/fault-kinds.js';
import { builtinKind } from './kinds/builtin-kinds.js';
import { rbacPermission } from './kinds/kind.js';
import type { KubernetesTargetConfig } from './target-schema.js';

/** Reading each context's kill-switch ConfigMap: `get` on that one ConfigMap, in its namespace. */
function killSwitchPermissions(config: KubernetesTargetConfig): Permission[] {
  return config.flatMap((entry): Permission[] =>
    entry.killSwitchConfigMap
      ? [
          {
            kind: 'rbac',
            group: '',
            resource: 'configmaps',
            verbs: ['get'],
            namespace: entry.killSwitchConfigMap.namespace,
            resourceNames: [entry.killSwitchConfigMap.name],
          },
        ]
      : [],
  );
}

/**
 * What `simian daemon --lease NAMESPACE/NAME` needs: read and renew that Lease, and create it the
 * first time (RBAC cannot limit `create` to a name, so that verb has no resourceNames).
 */
export function leasePermissions(namespace: string, name: string): Permission[] {
  const lease = {
    kind: 'rbac',
    group: 'coordination.k8s.io',
    resource: 'leases',
    namespace,
  } as const;
  return [
    { ...lease, verbs: ['get', 'update'], resourceNames: [name] },
    { ...lease, verbs: ['create'] },
  ];
}

/** The report kinds Simian may keep in a cluster, and their API resources. */
const REPORT_RESOURCES: Record<string, Array<{ group: string; resource: string }>> = {
  policyreport: [
    { group: 'wgpolicyk8s.io', resource: 'policyreports' },
    { group: 'wgpolicyk8s.io', resource: 'clusterpolicyreports' },
  ],
  openreports: [
    { group: 'openreports.io', resource: 'reports' },
    { group: 'openreports.io', resource: 'clusterreports' },
  ],
};

/**
 * Writing report objects (PolicyReport, OpenReports) in the formats given: replaced by
 * server-side apply, and the ones no longer written listed and deleted.
 */
export function clusterReportPermissions(formats: readonly string[]): Permission[] {
  return formats.flatMap((format) =>
    (REPORT_RESOURCES[format] ?? []).map(({ group, resource }): Permission => ({
      kind: 'rbac',
      group,
      resource,
      verbs: ['create', 'delete', 'get', 'list', 'patch'],
    })),
  );
}

/** `reporting.cluster.formats` when the config has that section (PolicyReport writes). */
function clusterReportFormats(config: SimianConfig): string[] {
  const reporting = (config as { reporting?: { cluster?: { formats?: unknown } } }).reporting;
  const formats = reporting?.cluster?.formats;
  return Array.isArray(formats) ? formats.filter((f): f is string => typeof f === 'string') : [];
}

/**
 * The reaper, at the start of every run, lists the objects a fault can live on (by label) to find
 * expired faults: `list` on each fault kind.
 *
 * The resources of the custom fault kinds (found by discovery at run time, so not in the built-in
 * table): the reaper lists them wherever their CRD is installed, and a listing it may not make
 * leaves the run incomplete.
 */
const CUSTOM_FAULT_RESOURCES: Readonly<Record<string, { group: string; resource: string }>> = {
  'chaos-mesh.org/v1alpha1/NetworkChaos': { group: 'chaos-mesh.org', resource: 'networkchaos' },
  'networking.istio.io/v1/VirtualService': {
    group: 'networking.istio.io',
    resource: 'virtualservices',
  },
};

function reaperPermissions(): Permission[] {
  return FAULT_KINDS.flatMap((name): Permission[] => {
    const kind = builtinKind(name);
    if (kind) return [rbacPermission(kind, ['list'])];
    const custom = CUSTOM_FAULT_RESOURCES[name];
    return custom ? [{ kind: 'rbac', ...custom, verbs: ['list'] }] : [];
  });
}

/**
 * What the Kubernetes provider itself needs under its target config, whatever the monkeys do:
 * the reaper's listing of fault kinds, the kill-switch ConfigMaps, and the report objects
 * `reporting.cluster` writes.
 */
export function kubernetesRuntimePermissions(
  targets: KubernetesTargetConfig,
  config: SimianConfig,
): Permission[] {
  return [
    ...reaperPermissions(),
    ...killSwitchPermissions(targets),
    ...clusterReportPermissions(clusterReportFormats(config)),
  ];
}
