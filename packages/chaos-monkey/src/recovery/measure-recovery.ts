import type { Action, ApplyContext, GatedPlan } from '@simian/core';
import type { ChaosConfig } from '../config.js';
import { INSTANCE_KILL_RULE } from '../aws/instance-kill-action.js';
import { POD_KILL_RULE } from '../kubernetes/pod-kill-action.js';
import { restartCount } from '../kubernetes/pod-state.js';
import { workloadView } from '../kubernetes/workload-health.js';
import { workloadRefOf } from '../kubernetes/workload-key.js';
import { pollRecovery } from './poll.js';
import { instanceRecoveryLook } from './instance-recovery.js';
import { podRecoveryLook, type PodBeforeKill } from './pod-recovery.js';
import type { Recovery } from './recovery.js';

/** The chaos monkey's apply context. */
export type ChaosApplyContext = ApplyContext<ChaosConfig>;

/**
 * What must be read before a pod kill to judge recovery after it: the workload's version,
 * so that only a status written after the kill counts; and for a container-kill, whose victim
 * keeps its name and UID, the restart count that tells it went down and came back.
 */
export async function beforeKill(ctx: ChaosApplyContext, action: Action): Promise<PodBeforeKill> {
  if (action.ruleId !== POD_KILL_RULE) return { restarts: 0 };
  const provider = ctx.inventory.provider(action.resource.provider);
  const read = async (ref: string | undefined) =>
    ref === undefined
      ? undefined
      : provider.read(ref, { signal: ctx.signal }).catch(() => undefined);
  // A failed read only weakens the measurement; the executor reads again and decides on the kill.
  const [workload, pod] = await Promise.all([
    read(workloadRefOf(provider, action.group ?? '')),
    action.verb === 'kill-container' ? read(action.resource.ref) : undefined,
  ]);
  const version = workload && workloadView(workload)?.version;
  return {
    restarts: pod ? restartCount(pod) : 0,
    ...(version ? { workloadVersion: version } : {}),
  };
}

/**
 * Waits until the killed member's group is back to desired (reads only: the provider's `read`
 * and `list`, never a mutation) and says how long that took, or that it did not within
 * `recovery.timeout`.
 */
export function measureRecovery(
  ctx: ChaosApplyContext,
  action: Action,
  gated: GatedPlan,
  before: PodBeforeKill,
): Promise<Recovery> {
  const options = {
    timeoutMs: ctx.config.recovery.timeout,
    intervalMs: ctx.config.recovery.pollInterval,
    signal: ctx.signal,
  };
  if (action.ruleId === INSTANCE_KILL_RULE) {
    const healthyBefore = gated.groups?.[action.group ?? '']?.healthy ?? 0;
    return pollRecovery(
      instanceRecoveryLook(
        ctx.inventory,
        action,
        ctx.config.aws.groupTag,
        healthyBefore,
        ctx.signal,
      ),
      options,
    );
  }
  const provider = ctx.inventory.provider(action.resource.provider);
  return pollRecovery(podRecoveryLook(provider, action, before, ctx.signal), options);
}
