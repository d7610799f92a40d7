import type { InventoryKey, Listing, Resource } from '@simian/core';
import { chooseVictims, describeChoice } from '../choose-victims.js';
import { INSTANCE_KILL_METHODS, type InstanceKillMethod } from '../config.js';
import { killProbability } from '../mtbf.js';
import { decideOptIn, type OptInDecision } from '../opt-in.js';
import { OVERRIDE_LABELS, readOverrides } from '../overrides.js';
import {
  chaosFinding,
  emptyPart,
  listSome,
  type ChaosPlanContext,
  type PlanPart,
} from '../plan-part.js';
import { instanceIdOf, isRunning } from './instance-state.js';
import { groupByAutoScalingGroup, groupByTag, type InstanceGroup } from './group-instances.js';
import { instanceKillAction } from './instance-kill-action.js';
import { minInServiceOf } from './min-in-service.js';

/**
 * Plans instance kills in every region of `provider` (the one that serves EC2 instances):
 * instances grouped by Auto Scaling group (or by a tag), eligible by opt-in and the MTBF draw,
 * victims within the kill mode and min-in-service.
 */
export async function planInstanceKills(
  ctx: ChaosPlanContext,
  provider: string,
): Promise<PlanPart> {
  const part = emptyPart();
  if (!ctx.config.aws.enabled || !ctx.inventory.hasProvider(provider)) return part;
  for (const region of ctx.inventory.provider(provider).scopes()) {
    await planRegion(ctx, provider, region, part);
  }
  return part;
}

async function planRegion(
  ctx: ChaosPlanContext,
  provider: string,
  region: string,
  part: PlanPart,
): Promise<void> {
  const byAsg = ctx.config.aws.groupBy === 'auto-scaling-group';
  const listings = await Promise.all([
    ctx.inventory.list(provider, 'Instance', region),
    ...(byAsg ? [ctx.inventory.list(provider, 'AutoScalingGroup', region)] : []),
  ]);
  const failed = listings.filter((l) => !l.complete);
  if (failed.length > 0) {
    part.notes.push(
      `region ${region}: no instance is killed, because the listing of ${failed.map((l) => `${l.key.kind} (${l.error ?? 'incomplete'})`).join(', ')} failed`,
    );
    return;
  }
  const [instances, asgs] = listings as [Listing, Listing | undefined];
  const groups = asgs
    ? groupByAutoScalingGroup(instances.items, asgs.items)
    : groupByTag(instances.items, ctx.config.aws.groupTag);
  const dependsOn = listings.map((l) => l.key);
  const notEligible: string[] = [];
  for (const group of groups) {
    const line = planGroup(ctx, group, dependsOn, part);
    if (line) notEligible.push(line);
  }
  if (notEligible.length > 0) {
    part.notes.push(
      `region ${region}: ${notEligible.length} group${notEligible.length === 1 ? ' is' : 's are'} not eligible: ${listSome(notEligible)}`,
    );
  }
}

/** Plans one group. Returns a line for the "not eligible" note when it is not eligible. */
function planGroup(
  ctx: ChaosPlanContext,
  group: InstanceGroup,
  dependsOn: InventoryKey[],
  part: PlanPart,
): string | undefined {
  const asg = group.autoScalingGroup;
  const decide = (i: Resource): OptInDecision =>
    decideOptIn(
      [
        { what: `instance ${instanceIdOf(i)}`, labels: i.labels },
        ...(asg ? [{ what: group.name, labels: asg.labels }] : []),
      ],
      ctx.config.optIn,
      ctx.global.safety.optOutLabel,
    );
  const decisions = new Map(group.instances.map((i) => [i, decide(i)]));
  const eligible = group.instances.filter((i) => decisions.get(i)!.eligible);
  if (eligible.length === 0) {
    const why = asg
      ? decideOptIn(
          [{ what: group.name, labels: asg.labels }],
          ctx.config.optIn,
          ctx.global.safety.optOutLabel,
        ).reason
      : (decisions.values().next().value?.reason ?? 'no instances');
    return `${group.name} (${why})`;
  }
  const subject = asg ?? eligible[0]!;

  const { tags, conflicts } = asg ? { tags: asg.labels, conflicts: [] } : commonTags(eligible);
  const { overrides, problems } = readOverrides<InstanceKillMethod>([tags], INSTANCE_KILL_METHODS);
  problems.push(...conflicts);
  if (problems.length > 0) {
    part.findings.push(
      chaosFinding(
        'chaos/invalid-override',
        'low',
        subject,
        `${group.name} is left alone until its chaos tags are fixed: ${problems.join('; ')}`,
        group.key,
        { problems },
      ),
    );
    return undefined;
  }

  const mtbf = overrides.mtbfMs ?? ctx.config.mtbf;
  if (mtbf !== undefined) {
    const p = killProbability(ctx.config.schedule, mtbf, ctx.now);
    if (ctx.rng.next() >= p) {
      part.notes.push(
        `${group.name}: no kill this run (mean time between kills draw, p=${p.toFixed(4)})`,
      );
      return undefined;
    }
  }

  const healthy = group.healthyIds.length;
  const members = group.desired ?? group.instances.filter(isRunning).length;
  const minHealthy = minInServiceOf(ctx, group.autoScalingGroup ? (group.minSize ?? 0) : undefined);
  part.groups[group.key] = {
    total: members,
    healthy,
    ...(group.desired !== undefined ? { desired: group.desired } : {}),
    minHealthy,
  };
  if (group.desired !== undefined && healthy < group.desired) {
    part.findings.push(
      chaosFinding(
        'chaos/degraded-group',
        'info',
        subject,
        `${group.name} is degraded (${healthy} of ${group.desired} InService and healthy), so it is not touched this run`,
        group.key,
        { healthy, desired: group.desired },
      ),
    );
  }

  const method = overrides.killMethod ?? ctx.config.aws.killMethod;
  const mode = overrides.killMode ?? ctx.config.killMode;
  const candidates = eligible.filter(
    (i) => isRunning(i) && group.healthyIds.includes(instanceIdOf(i)),
  );
  const choice = chooseVictims(candidates, { mode, members, healthy, minHealthy }, ctx.rng);
  if (choice.victims.length === 0) {
    part.notes.push(`${group.name}: no victim, ${describeChoice(choice, mode, members)}`);
    return undefined;
  }
  for (const instance of choice.victims) {
    part.actions.push(
      instanceKillAction(instance, {
        method,
        group: group.key,
        reason: `${method} instance ${instanceIdOf(instance)} of ${group.name}: ${describeChoice(choice, mode, members)}; picked at random among ${candidates.length} healthy instance${candidates.length === 1 ? '' : 's'} (${decisions.get(instance)!.reason})`,
        dependsOn,
      }),
    );
  }
  return undefined;
}

/**
 * The override tags a tag group's instances agree on. Where they disagree, the group has no one
 * answer, so that is a problem to fix rather than a coin to toss.
 */
function commonTags(instances: readonly Resource[]): {
  tags: Record<string, string>;
  conflicts: string[];
} {
  const tags: Record<string, string> = {};
  const conflicts: string[] = [];
  for (const key of Object.values(OVERRIDE_LABELS)) {
    const values = new Set(instances.map((i) => i.labels[key]).filter((v) => v !== undefined));
    if (values.size === 1) tags[key] = [...values][0]!;
    if (values.size > 1) {
      conflicts.push(`the instances disagree on ${key} (${[...values].join(', ')})`);
    }
  }
  return { tags, conflicts };
}
