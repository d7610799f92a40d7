import type { Action, InventoryKey, Resource } from '@simian/core';
import type { InstanceKillMethod } from '../config.js';
import { actionResource } from '@simian/core';
import { CHAOS_MONKEY_NAME } from '../plan-part.js';
import { instanceIdOf } from './instance-state.js';

/** The rule id on instance kills, re-checked just before each kill. */
export const INSTANCE_KILL_RULE = 'chaos/kill-instance';

/** The action that terminates, stops or reboots `instance`. */
export function instanceKillAction(
  instance: Resource,
  spec: { method: InstanceKillMethod; group: string; reason: string; dependsOn: InventoryKey[] },
): Action {
  return {
    id: `chaos-${spec.method}:${instance.region}/${instanceIdOf(instance)}`,
    monkey: CHAOS_MONKEY_NAME,
    verb: spec.method,
    resource: actionResource(instance),
    reason: spec.reason,
    ruleId: INSTANCE_KILL_RULE,
    group: spec.group,
    reversible: false,
    dependsOn: spec.dependsOn,
  };
}
