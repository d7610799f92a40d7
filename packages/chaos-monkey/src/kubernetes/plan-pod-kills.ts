import type { InventoryKey, Listing } from '@simian/core';
import { chooseVictims, describeChoice } from '../choose-victims.js';
import { POD_KILL_METHODS, type PodKillMethod, type WorkloadKind } from '../config.js';
import { killProbability } from '../mtbf.js';
import { decideOptIn } from '../opt-in.js';
import { readOverrides } from '../overrides.js';
import {
  chaosFinding,
  emptyPart,
  listSome,
  minHealthyOf,
  type ChaosPlanContext,
  type PlanPart,
} from '../plan-part.js';
import { budgetVerdict } from './budget-limit.js';
import { groupPodsByWorkload, type WorkloadGroup } from './group-pods.js';
import { podKillAction } from './pod-kill-action.js';
import { isReadyPod } from './pod-state.js';
import { describeWorkload } from './workload-key.js';
import { templateLabels, workloadHealth } from './workload-health.js';

/** The kinds listed in one context to plan pod kills. */
function kindsToList(kinds: readonly WorkloadKind[], budgets: boolean): string[] {
  const out = new Set<string>(['Pod', ...kinds]);
  if (kinds.includes('Deployment')) out.add('ReplicaSet');
  if (budgets) out.add('PodDisruptionBudget');
  return [...out];
}

/**
 * Plans pod kills in every context of `provider` (the one that serves pods): groups pods by
 * workload, keeps the eligible ones (opt-in, MTBF draw), and picks victims within the kill mode,
 * min-healthy and the PodDisruptionBudgets. Every group it passes over is named in a note or a
 * finding, with why.
 */
export async function planPodKills(ctx: ChaosPlanContext, provider: string): Promise<PlanPart> {
  const part = emptyPart();
  const settings = ctx.config.kubernetes;
  if (!settings.enabled || !ctx.inventory.hasProvider(provider)) return part;
  for (const scope of ctx.inventory.provider(provider).scopes()) {
    await planContext(ctx, provider, scope, part);
  }
  return part;
}

async function planContext(
  ctx: ChaosPlanContext,
  provider: string,
  scope: string,
  part: PlanPart,
): Promise<void> {
  const settings = ctx.config.kubernetes;
  const kinds = kindsToList(settings.kinds, settings.respectPodDisruptionBudgets);
  const listed = await Promise.all(kinds.map((k) => ctx.inventory.list(provider, k, scope)));
  const listings = new Map(listed.map((l) => [l.key.kind, l]));
  const failed = [...listings.values()].filter(
    (l) => !l.complete && l.key.kind !== 'PodDisruptionBudget',
  );
  if (failed.length > 0) {
    part.notes.push(
      `context ${scope}: no pod is killed, because the listing of ${failed.map((l) => `${l.key.kind} (${l.error ?? 'incomplete'})`).join(', ')} failed`,
    );
    return;
  }
  const items = (kind: string) => listings.get(kind)?.items ?? [];
  const { groups, ungrouped } = groupPodsByWorkload({
    pods: items('Pod'),
    replicaSets: items('ReplicaSet'),
    workloads: settings.kinds.flatMap((k) => items(k)),
    kinds: settings.kinds,
  });
  if (ungrouped.length > 0) {
    part.notes.push(
      `context ${scope}: ${ungrouped.length} pod${ungrouped.length === 1 ? '' : 's'} belong to no target workload: ${listSome(
        ungrouped.map((u) => `${u.pod.namespace}/${u.pod.name} (${u.reason})`),
        5,
      )}`,
    );
  }
  const notOptedIn: string[] = [];
  for (const group of groups) {
    const skipped = planGroup(ctx, group, listings, part);
    if (skipped) notOptedIn.push(skipped);
  }
  if (notOptedIn.length > 0) {
    part.notes.push(
      `context ${scope}: ${notOptedIn.length} workload${notOptedIn.length === 1 ? ' is' : 's are'} not eligible: ${listSome(notOptedIn)}`,
    );
  }
}

/** Plans one workload. Returns a line for the "not eligible" note when it is not eligible. */
function planGroup(
  ctx: ChaosPlanContext,
  group: WorkloadGroup,
  listings: Map<string, Listing>,
  part: PlanPart,
): string | undefined {
  const settings = ctx.config.kubernetes;
  const { workload, key } = group;
  const name = describeWorkload(key);
  const decision = decideOptIn(
    [
      { what: name, labels: workload.labels },
      { what: 'its pod template', labels: templateLabels(workload) },
    ],
    ctx.config.optIn,
    ctx.global.safety.optOutLabel,
  );
  if (!decision.eligible) return `${name} (${decision.reason})`;

  const { overrides, problems } = readOverrides<PodKillMethod>(
    [workload.annotations, workload.labels, templateLabels(workload)],
    POD_KILL_METHODS,
  );
  if (problems.length > 0) {
    part.findings.push(
      chaosFinding(
        'chaos/invalid-override',
        'low',
        workload,
        `${name} is left alone until its chaos labels are fixed: ${problems.join('; ')}`,
        key,
        { problems },
      ),
    );
    return undefined;
  }

  const mtbf = overrides.mtbfMs ?? ctx.config.mtbf;
  if (mtbf !== undefined) {
    const p = killProbability(ctx.config.schedule, mtbf, ctx.now);
    const draw = ctx.rng.next();
    if (draw >= p) {
      part.notes.push(
        `${name}: no kill this run (mean time between kills draw, p=${p.toFixed(4)})`,
      );
      return undefined;
    }
  }

  const health = workloadHealth(workload);
  if (!health) {
    part.notes.push(`${name}: left alone, its provider did not say how many pods are ready`);
    return undefined;
  }
  const minHealthy = minHealthyOf(ctx);
  const members = health.desired;
  part.groups[key] = { total: members, healthy: health.ready, desired: members, minHealthy };
  if (!health.current) {
    part.notes.push(
      `${name}: left alone, its status does not yet describe its latest spec (a change is rolling out)`,
    );
    return undefined;
  }
  if (health.ready < health.desired) {
    part.findings.push(
      chaosFinding(
        'chaos/degraded-group',
        'info',
        workload,
        `${name} is degraded (${health.ready} of ${health.desired} ready), so it is not touched this run`,
        key,
        { ready: health.ready, desired: health.desired },
      ),
    );
  }

  const method = overrides.killMethod ?? settings.killMethod;
  const dependsOn: InventoryKey[] = [
    listings.get('Pod')!.key,
    listings.get(workload.kind)!.key,
    ...(group.replicaSets.length > 0 ? [listings.get('ReplicaSet')!.key] : []),
  ];
  const budget = budgetVerdict(listings.get('PodDisruptionBudget'), group.pods, method, name);
  if (budget.note) part.notes.push(budget.note);
  if (budget.skip) return undefined;
  if (budget.dependsOn) dependsOn.push(budget.dependsOn);
  if (budget.blocks) {
    part.findings.push(
      chaosFinding('chaos/disruption-budget', 'info', workload, budget.blocks, key, {
        budgets: budget.names,
        disruptionsAllowed: 0,
      }),
    );
  }
  const budgetAllows = budget.allows;

  const mode = overrides.killMode ?? ctx.config.killMode;
  const candidates = group.pods.filter(isReadyPod);
  const choice = chooseVictims(
    candidates,
    {
      mode,
      members,
      healthy: health.ready,
      minHealthy,
      ...(budgetAllows ? { budgetAllows } : {}),
    },
    ctx.rng,
  );
  if (choice.victims.length === 0) {
    part.notes.push(`${name}: no victim, ${describeChoice(choice, mode, members)}`);
    return undefined;
  }
  for (const pod of choice.victims) {
    part.actions.push(
      podKillAction(pod, {
        method,
        group: key,
        reason: `${method} pod ${pod.namespace}/${pod.name} of ${name}: ${describeChoice(choice, mode, members)}; picked at random among ${candidates.length} ready pod${candidates.length === 1 ? '' : 's'} (${decision.reason})`,
        dependsOn,
        settings,
      }),
    );
  }
  return undefined;
}
