import type { Action, RecheckResult, Resource } from '@simian/core';
import { decideOptIn } from '../opt-in.js';
import type { ChaosPlanContext } from '../plan-part.js';
import { inServiceIds, instanceIdOf, scalingGroupView } from './instance-state.js';
import { parseInstanceGroupKey } from './group-key.js';
import { minInServiceOf } from './min-in-service.js';
import { readAutoScalingGroup } from './read-auto-scaling-group.js';

const no = (reason: string): RecheckResult => ({ ok: false, reason });

/**
 * Just before an instance is killed, on fresh reads: is it still running, still in the same group,
 * still opted in, and is the group still at desired capacity and above its minimum in service?
 */
export async function recheckInstanceKill(
  ctx: ChaosPlanContext,
  action: Action,
  fresh: Resource,
): Promise<RecheckResult> {
  const id = instanceIdOf(fresh);
  const state = fresh.views?.instance?.state;
  if (state !== 'running') return no(`instance ${id} is ${state ?? 'in an unknown state'}`);
  const key = parseInstanceGroupKey(action.group ?? '', ctx.config.aws.groupTag);
  if (!key) return no(`group "${action.group}" is not one the chaos monkey makes`);

  if (key.kind === 'tag') {
    if (fresh.labels[key.tag] !== key.value) {
      return no(`instance ${id} is no longer tagged ${key.tag}=${key.value}`);
    }
    const d = decideOptIn(
      [{ what: `instance ${id}`, labels: fresh.labels }],
      ctx.config.optIn,
      ctx.global.safety.optOutLabel,
    );
    return d.eligible ? { ok: true } : no(`instance ${id} is ${d.reason}`);
  }

  if (fresh.controller?.name !== key.name) {
    return no(`instance ${id} is no longer in Auto Scaling group ${key.name}`);
  }
  const asg = await readAutoScalingGroup(
    ctx.inventory,
    action.resource.provider,
    key.region,
    key.name,
    ctx.signal,
  );
  if (!asg) return no(`Auto Scaling group ${key.name} is gone`);
  const d = decideOptIn(
    [
      { what: `instance ${id}`, labels: fresh.labels },
      { what: `Auto Scaling group ${key.name}`, labels: asg.labels },
    ],
    ctx.config.optIn,
    ctx.global.safety.optOutLabel,
  );
  if (!d.eligible) return no(`instance ${id} is ${d.reason}`);
  const view = scalingGroupView(asg);
  const inService = inServiceIds(view);
  const desired = view?.desired ?? 0;
  if (inService.length < desired) {
    return no(
      `Auto Scaling group ${key.name} is degraded now (${inService.length} of ${desired} InService)`,
    );
  }
  if (!inService.includes(id)) return no(`instance ${id} is not InService in ${key.name}`);
  const min = minInServiceOf(ctx, view?.min ?? 0);
  if (inService.length - 1 < min) {
    return no(
      `killing instance ${id} would leave ${key.name} ${inService.length - 1} InService, below ${min}`,
    );
  }
  return { ok: true };
}
