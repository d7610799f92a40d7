import type { PodView, Resource } from '@simian/core';

/** The pod's view, as its provider filled it; undefined when the provider gave none (unknown). */
export const podView = (pod: Resource): PodView | undefined => pod.views?.pod;

/** Whether the pod is known to be being deleted. */
export const isTerminating = (pod: Resource): boolean => podView(pod)?.terminating === true;

/** Whether the pod is Running, its Ready condition is True, and it is not being deleted. */
export function isReadyPod(pod: Resource): boolean {
  const v = podView(pod);
  return v !== undefined && !v.terminating && v.phase === 'Running' && v.ready;
}

/** The pod's UID. */
export const podUid = (pod: Resource): string | undefined => podView(pod)?.uid;

/** Restarts of all the pod's containers together. */
export const restartCount = (pod: Resource): number => podView(pod)?.restarts ?? 0;

/** The container a container-kill signals: the pod's default container. */
export const mainContainer = (pod: Resource): string | undefined => podView(pod)?.defaultContainer;
