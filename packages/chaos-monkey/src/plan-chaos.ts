import type { Plan } from '@simian/core';
import { planInstanceKills } from './aws/plan-instance-kills.js';
import { planPodKills } from './kubernetes/plan-pod-kills.js';
import { CHAOS_MONKEY_NAME, mergeParts, type ChaosPlanContext } from './plan-part.js';

/**
 * The chaos monkey's plan: pod kills in every Kubernetes context, then instance kills in every
 * AWS region. No side effects; reads only the shared inventory. Kubernetes is planned before
 * AWS, in order, so a seeded rng makes the same choices every time.
 */
export async function planChaos(ctx: ChaosPlanContext): Promise<Plan> {
  // The one place providers differ: a cluster loses pods of workloads, an account instances.
  const pods = await planPodKills(ctx, 'kubernetes');
  const instances = await planInstanceKills(ctx, 'aws');
  const merged = mergeParts([pods, instances]);
  return {
    monkey: CHAOS_MONKEY_NAME,
    findings: merged.findings,
    actions: merged.actions,
    groups: merged.groups,
    notes: merged.notes,
  };
}
