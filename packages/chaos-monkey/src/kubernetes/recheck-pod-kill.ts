import type { Action, RecheckResult, Resource } from '@simian/core';
import { decideOptIn } from '../opt-in.js';
import { minHealthyOf, type ChaosPlanContext } from '../plan-part.js';
import { plannedPodUid } from './pod-kill-action.js';
import { isTerminating, podUid } from './pod-state.js';
import { topControllerKey } from './top-controller.js';
import { describeWorkload, workloadRefOf } from './workload-key.js';
import { templateLabels, workloadHealth } from './workload-health.js';

const no = (reason: string): RecheckResult => ({ ok: false, reason });

/**
 * Just before a pod is killed, on fresh reads: is it the pod that was planned, still controlled by
 * the same workload, and is that workload still opted in, not degraded, and above its minimum?
 */
export async function recheckPodKill(
  ctx: ChaosPlanContext,
  action: Action,
  fresh: Resource,
): Promise<RecheckResult> {
  const provider = ctx.inventory.provider('kubernetes');
  const pod = `pod ${fresh.namespace}/${fresh.name}`;
  const planned = plannedPodUid(action);
  const uid = podUid(fresh);
  if (planned && uid && planned !== uid) {
    return no(`${pod} was replaced by a namesake since planning (uid ${uid}, planned ${planned})`);
  }
  if (isTerminating(fresh)) return no(`${pod} is already being deleted`);

  const group = action.group ?? '';
  const name = describeWorkload(group);
  const owner = await topControllerKey(provider, fresh, ctx.signal);
  if (owner !== group) {
    return no(
      `${pod} is now ${owner ? `controlled by ${describeWorkload(owner)}` : 'without a controller'}, not by ${name}`,
    );
  }
  const workload = await provider.read(workloadRefOf(group), { signal: ctx.signal });
  if (!workload) return no(`${name} is gone`);

  const decision = decideOptIn(
    [
      { what: name, labels: workload.labels },
      { what: 'its pod template', labels: templateLabels(workload) },
    ],
    ctx.config.optIn,
    ctx.global.safety.optOutLabel,
  );
  if (!decision.eligible) return no(`${name} is ${decision.reason}`);

  const health = workloadHealth(workload);
  if (!health.current) return no(`${name} is rolling out a change`);
  if (health.ready < health.desired) {
    return no(`${name} is degraded now (${health.ready} of ${health.desired} ready)`);
  }
  const min = minHealthyOf(ctx);
  if (health.ready - 1 < min) {
    return no(`killing ${pod} would leave ${name} ${health.ready - 1} ready, below ${min}`);
  }
  return { ok: true };
}
