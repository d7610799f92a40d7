import type { Permission, ResourceViews } from '@simian/core';

/** A Kubernetes object as the API server sends it: plain JSON. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: KubeObjectMeta;
  [field: string]: unknown;
}

/** The `metadata` fields Simian reads. */
export interface KubeObjectMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  creationTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: Array<{
    apiVersion: string;
    kind: string;
    name: string;
    uid: string;
    controller?: boolean;
  }>;
  managedFields?: unknown[];
  [field: string]: unknown;
}

/**
 * Everything Simian knows about one kind: where it lives in the API, whether it is namespaced, and
 * what its listing may not keep. Built-in kinds are declared once in `builtin-kinds.ts`; custom
 * resources are found by discovery. Listing, reading, verbs, permissions and `doctor` all read this.
 */
export interface KindInfo {
  /** The name monkeys ask for: `Pod`, or `chaos-mesh.org/v1alpha1/NetworkChaos` for a custom resource. */
  kind: string;
  /** The object's own `kind` field (`NetworkChaos`). */
  apiKind: string;
  /** API group, `""` for the core group. */
  group: string;
  version: string;
  /** The resource name in URLs and RBAC rules (`pods`). */
  plural: string;
  namespaced: boolean;
  /** A custom resource, found by discovery. */
  custom: boolean;
  /** Has a `scale` subresource that Simian may use. */
  scalable?: boolean;
  /** Removes what must never enter the inventory (a Secret's data). Runs after the common clean-up. */
  sanitize?: (object: KubeObject) => KubeObject;
  /** The typed views of one (cleaned) object of this kind, for monkeys (see `views/`). */
  views?: (object: KubeObject) => ResourceViews;
}

/** `apps/v1`, or `v1` for the core group. */
export function apiVersionOf(kind: Pick<KindInfo, 'group' | 'version'>): string {
  return kind.group ? `${kind.group}/${kind.version}` : kind.version;
}

/** The kind as it appears in a ref: `Pod`, or `NetworkChaos.v1alpha1.chaos-mesh.org` (kubectl's form, no slashes). */
export function refKindOf(
  kind: Pick<KindInfo, 'custom' | 'apiKind' | 'version' | 'group' | 'kind'>,
): string {
  return kind.custom ? `${kind.apiKind}.${kind.version}.${kind.group}` : kind.kind;
}

/** Where a kind's objects live: `/apis/apps/v1/namespaces/shop/deployments/web/scale`. */
export function resourcePath(
  kind: Pick<KindInfo, 'group' | 'version' | 'plural' | 'namespaced'>,
  where: { namespace?: string | undefined; name?: string; subresource?: string } = {},
): string {
  const base = kind.group ? `/apis/${kind.group}/${kind.version}` : `/api/${kind.version}`;
  const ns =
    kind.namespaced && where.namespace ? `/namespaces/${encodeURIComponent(where.namespace)}` : '';
  const name = where.name === undefined ? '' : `/${encodeURIComponent(where.name)}`;
  const sub = where.subresource ? `/${where.subresource}` : '';
  return `${base}${ns}/${kind.plural}${name}${sub}`;
}

/** An RBAC permission on `kind` (or one of its subresources). */
export function rbacPermission(
  kind: Pick<KindInfo, 'group' | 'plural'>,
  verbs: string[],
  subresource?: string,
): Permission {
  return {
    kind: 'rbac',
    group: kind.group,
    resource: kind.plural,
    verbs,
    ...(subresource ? { subresource } : {}),
  };
}
