import type { Provider } from './provider.js';
import type { Resource, ResourceRef } from './types.js';

/**
 * A workload's address: enough to name it, key its blast-radius group and have its provider build
 * its ref. Workloads (Deployments, StatefulSets, ...) are namespaced.
 */
export interface WorkloadAddress {
  /** The provider scope it lives in (a Kubernetes context). */
  scope: string;
  namespace: string;
  kind: string;
  name: string;
}

/**
 * The blast-radius group of a workload: `<scope>/<namespace>/<Kind>/<name>`. One format for every
 * monkey and activity, so the gate and the ledger group a workload's actions alike whoever planned
 * them. It is a group key, not a ref: a ref comes from {@link workloadRef}.
 */
export const workloadGroupKey = (a: WorkloadAddress): string =>
  `${a.scope}/${a.namespace}/${a.kind}/${a.name}`;

/**
 * The address in a group key made by {@link workloadGroupKey}, read from the right (a scope may
 * hold slashes: an EKS context is an ARN); undefined for any other text.
 */
export function parseWorkloadGroupKey(key: string): WorkloadAddress | undefined {
  const parts = key.split('/');
  if (parts.length < 4 || parts.some((p) => p === '')) return undefined;
  const name = parts.pop()!;
  const kind = parts.pop()!;
  const namespace = parts.pop()!;
  return { scope: parts.join('/'), namespace, kind, name };
}

/** The ref of the workload at `address`, as `provider` writes refs. */
export const workloadRef = (provider: Provider, address: WorkloadAddress): ResourceRef =>
  provider.ref({
    scope: address.scope,
    namespace: address.namespace,
    kind: address.kind,
    name: address.name,
  });

/**
 * The workload that controls `pod` now, read fresh through `provider`: its controller, or for a
 * pod of a ReplicaSet that a Deployment controls, the Deployment. Undefined for a pod without a
 * controller. A ReplicaSet that cannot be read counts as the workload itself.
 */
export async function podWorkload(
  provider: Provider,
  pod: Resource,
  signal?: AbortSignal,
): Promise<WorkloadAddress | undefined> {
  const c = pod.controller;
  if (!c) return undefined;
  const at = (kind: string, name: string): WorkloadAddress => ({
    // A pod's scope is the context it was listed in, which its Resource carries.
    scope: pod.context ?? '',
    namespace: pod.namespace ?? '',
    kind,
    name,
  });
  if (c.kind !== 'ReplicaSet') return at(c.kind, c.name);
  const rs = await provider.read(
    workloadRef(provider, at('ReplicaSet', c.name)),
    signal ? { signal } : {},
  );
  const up = rs?.controller;
  return up ? at(up.kind, up.name) : at('ReplicaSet', c.name);
}
