import type { Resource } from '@simian/core';
import { kubeObject } from './kube-object.js';

/** Whether the pod is being deleted (it has a deletionTimestamp). */
export const isTerminating = (pod: Resource): boolean =>
  kubeObject(pod.raw).metadata?.deletionTimestamp !== undefined;

/** Whether the pod is Running, its Ready condition is True, and it is not being deleted. */
export function isReadyPod(pod: Resource): boolean {
  const o = kubeObject(pod.raw);
  if (o.metadata?.deletionTimestamp !== undefined) return false;
  if (o.status?.phase !== 'Running') return false;
  return (o.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** The pod's UID. */
export const podUid = (pod: Resource): string | undefined => kubeObject(pod.raw).metadata?.uid;

/** Restarts of all the pod's containers together. */
export const restartCount = (pod: Resource): number =>
  (kubeObject(pod.raw).status?.containerStatuses ?? []).reduce(
    (n, c) => n + (c.restartCount ?? 0),
    0,
  );

/**
 * The container a container-kill signals: the one named by kubectl's default-container
 * annotation, else the first.
 */
export function mainContainer(pod: Resource): string | undefined {
  const named = pod.annotations?.['kubectl.kubernetes.io/default-container'];
  const containers = kubeObject(pod.raw).spec?.containers ?? [];
  if (named && containers.some((c) => c.name === named)) return named;
  return containers[0]?.name;
}
