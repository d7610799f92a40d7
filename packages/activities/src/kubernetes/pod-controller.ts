import type { Provider, Resource } from '@simian/core';

/** The pod's UID. */
export const podUid = (pod: Resource): string | undefined =>
  (pod.raw as { metadata?: { uid?: string } } | undefined)?.metadata?.uid;

const workloadKey = (context: string, namespace: string, kind: string, name: string): string =>
  `${context}/${namespace}/${kind}/${name}`;

/**
 * The group key of the workload that controls `pod` now, read fresh: through its ReplicaSet to a
 * Deployment when there is one. Undefined for a pod without a controller.
 */
export async function topControllerKey(
  provider: Provider,
  pod: Resource,
  signal?: AbortSignal,
): Promise<string | undefined> {
  const c = pod.controller;
  if (!c) return undefined;
  const at = (kind: string, name: string) =>
    workloadKey(pod.context ?? '', pod.namespace ?? '_', kind, name);
  if (c.kind !== 'ReplicaSet') return at(c.kind, c.name);
  const rs = await provider.read(`k8s:${at('ReplicaSet', c.name)}`, signal ? { signal } : {});
  const up = rs?.controller;
  return up ? at(up.kind, up.name) : at('ReplicaSet', c.name);
}
