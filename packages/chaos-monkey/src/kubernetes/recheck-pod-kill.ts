import {
  podWorkload,
  workloadGroupKey,
  type Action,
  type RecheckResult,
  type Resource,
} from '@simian/core';
import { decideOptIn } from '../opt-in.js';
import { minHealthyOf, type ChaosPlanContext } from '../plan-part.js';
import { plannedPodUid } from './pod-kill-action.js';
import { podView } from './pod-state.js';
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
  const provider = ctx.inventory.provider(action.resource.provider);
  const pod = `pod ${fresh.namespace}/${fresh.name}`;
  const view = podView(fresh);
  if (!view) return no(`${pod}: its provider did not say what state it is in`);
  const planned = plannedPodUid(action);
  if (planned && view.uid && planned !== view.uid) {
    return no(
      `${pod} was replaced by a namesake since planning (uid ${view.uid}, planned ${planned})`,
    );
  }
  if (view.terminating) return no(`${pod} is already being deleted`);

  const group = action.group ?? '';
  const name = describeWorkload(group);
  const controlling = await podWorkload(provider, fresh, ctx.signal);
  const owner = controlling && workloadGroupKey(controlling);
  if (owner !== group) {
    return no(
      `${pod} is now ${owner ? `controlled by ${describeWorkload(owner)}` : 'without a controller'}, not by ${name}`,
    );
  }
  const ref = workloadRefOf(provider, group);
  const workload = ref && (await provider.read(ref, { signal: ctx.signal }));
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
  if (!health) return no(`${name}: its provider did not say how many pods are ready`);
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
