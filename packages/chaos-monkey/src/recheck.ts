import type { Action, RecheckResult, Resource } from '@simian/core';
import { INSTANCE_KILL_RULE } from './aws/instance-kill-action.js';
import { recheckInstanceKill } from './aws/recheck-instance-kill.js';
import { POD_KILL_RULE } from './kubernetes/pod-kill-action.js';
import { recheckPodKill } from './kubernetes/recheck-pod-kill.js';
import type { ChaosPlanContext } from './plan-part.js';

/** The chaos monkey's own re-check, on the executor's fresh read, just before each kill. */
export async function recheckChaos(
  ctx: ChaosPlanContext,
  action: Action,
  fresh: Resource,
): Promise<RecheckResult> {
  if (action.ruleId === POD_KILL_RULE) return recheckPodKill(ctx, action, fresh);
  if (action.ruleId === INSTANCE_KILL_RULE) return recheckInstanceKill(ctx, action, fresh);
  return { ok: false, reason: `the chaos monkey did not plan rule "${action.ruleId ?? 'none'}"` };
}
