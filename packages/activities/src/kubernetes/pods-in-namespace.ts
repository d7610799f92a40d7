import type { Resource } from '@simian/core';
import type { ChaosActivityContext } from './activity-targets.js';
import { kubeTargets } from './kube-object.js';

/**
 * A fresh list of the pods of `ns` that carry `label_selector` (every pod of `ns` without one),
 * as chaostoolkit-kubernetes lists them: one namespaced list, not the whole cluster's. A namespace
 * outside targets.kubernetes' namespaces has no pods to Simian, as for every other read.
 */
export async function podsInNamespace(
  fn: string,
  context: ChaosActivityContext,
  ns: string,
  labelSelector: string | null | undefined,
): Promise<Resource[]> {
  const { targets, scope } = kubeTargets(context, fn);
  return targets.inventory.provider('kubernetes').list('Pod', scope, {
    signal: context.signal,
    namespace: ns,
    ...(labelSelector ? { labelSelector } : {}),
  });
}

/** A pod's phase, as the API reports it. */
export const phaseOf = (pod: Resource): string | undefined => pod.views?.pod?.phase;

/** A pod's conditions, as the API reports them. */
export const conditionsOf = (pod: Resource): Array<{ type: string; status: string }> =>
  pod.views?.pod?.conditions ?? [];
