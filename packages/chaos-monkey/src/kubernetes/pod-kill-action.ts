import type { Action, InventoryKey, Resource } from '@simian/core';
import type { ChaosConfig, PodKillMethod } from '../config.js';
import { actionResource } from '@simian/core';
import { CHAOS_MONKEY_NAME } from '../plan-part.js';
import { mainContainer, podUid } from './pod-state.js';

/** The provider verb of each pod kill method. */
export const POD_VERBS: Record<PodKillMethod, string> = {
  evict: 'evict',
  delete: 'delete',
  'container-kill': 'kill-container',
};

/** The rule id on pod kills, re-checked just before each kill. */
export const POD_KILL_RULE = 'chaos/kill-pod';

/** What {@link podKillAction} needs besides the pod. */
export interface PodKillSpec {
  method: PodKillMethod;
  group: string;
  reason: string;
  dependsOn: InventoryKey[];
  settings: Pick<ChaosConfig['kubernetes'], 'gracePeriodSeconds' | 'signal'>;
}

/**
 * The action that kills `pod`. Its id ends in `@<uid>`, so the re-check can tell the planned pod
 * from a namesake that replaced it (a StatefulSet's pods keep their names).
 */
export function podKillAction(pod: Resource, spec: PodKillSpec): Action {
  const verb = POD_VERBS[spec.method];
  return {
    id: `chaos-${verb}:${pod.context}/${pod.namespace}/${pod.name}@${podUid(pod) ?? 'unknown'}`,
    monkey: CHAOS_MONKEY_NAME,
    verb,
    resource: actionResource(pod),
    reason: spec.reason,
    ruleId: POD_KILL_RULE,
    group: spec.group,
    reversible: false,
    params: podKillParams(pod, spec),
    dependsOn: spec.dependsOn,
  };
}

function podKillParams(pod: Resource, spec: PodKillSpec): Record<string, unknown> {
  const grace = spec.settings.gracePeriodSeconds;
  switch (spec.method) {
    case 'evict':
      return grace === undefined ? {} : { gracePeriodSeconds: grace };
    case 'delete':
      return { gracePeriodSeconds: grace ?? 0 };
    case 'container-kill':
      return { container: mainContainer(pod), signal: spec.settings.signal };
  }
}

/** The UID of the pod the action was planned for, from its id. */
export function plannedPodUid(action: Action): string | undefined {
  const at = action.id.lastIndexOf('@');
  const uid = at >= 0 ? action.id.slice(at + 1) : undefined;
  return uid && uid !== 'unknown' ? uid : undefined;
}
