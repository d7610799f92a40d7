import {
  decideUnit,
  lifecycleActions,
  actionResource,
  formatDuration,
  type Action,
  type Finding,
  type GroupHealth,
  type InventoryKey,
  type Plan,
  type PlanContext,
  type Resource,
} from '@simian/core';
import {
  ageOf,
  assessEstate,
  blockedRules,
  enabledRules,
  type Assessment,
  type UnusedVerdict,
} from './assess.js';
import type { JanitorConfig } from './config.js';
import { estimateMonthlyCost, type CostEstimate } from './cost/estimate.js';
import { listEstates, resourcesOf, type ScopeEstate } from './estate.js';
import { JANITOR_MARKS } from './marks.js';
import { JANITOR_MONKEY_NAME } from './name.js';
import { ownerOf } from './owner.js';
import { removalPlan } from './removal.js';

/** What the janitor's plan and re-check are given. */
export type JanitorPlanContext = PlanContext<JanitorConfig>;

/**
 * The janitor's plan, without side effects: list what the enabled rules read in every scope, judge
 * every resource, and for each decide its step in the lifecycle: record when it was first seen
 * unused, mark it (the owner is told), wait, remove it (the ladder first), or unmark it when it is
 * used again, opted out or waived. Findings carry the evidence and the estimated monthly cost; the
 * notes say what was kept and why, and sum the costs per rule and owner.
 */
export async function planJanitor(ctx: JanitorPlanContext): Promise<Plan> {
  const config = ctx.config;
  const rules = enabledRules(config, ctx.global.source.dir);
  const kinds = new Map<string, string[]>();
  for (const e of rules) {
    const list = kinds.get(e.rule.provider) ?? [];
    for (const k of e.reads) if (!list.includes(k)) list.push(k);
    kinds.set(e.rule.provider, list);
  }
  const estates = await listEstates(ctx.inventory, kinds);
  const assessCtx = {
    now: ctx.now,
    config,
    global: ctx.global,
    monkey: config,
    gracePeriodMs: config.gracePeriod,
  };

  const findings: Finding[] = [];
  const actions: Action[] = [];
  const groups: Record<string, GroupHealth> = {};
  const notes: string[] = [];
  const kept = new Map<string, string[]>();
  const costs: Array<{ rule: string; owner: string; cost: CostEstimate }> = [];

  for (const estate of estates) {
    if (ctx.signal.aborted) break;
    for (const [rule, why] of blockedRules(estate, rules)) {
      notes.push(
        `${rule} is not judged in ${estate.provider} ${estate.scope}: listing failed for ${why}; a failed listing is never an empty one`,
      );
    }
    const lookup = sizes(estate);
    for (const a of assessEstate(estate, rules, assessCtx)) {
      const r = a.resource;
      const owner = ownerOf(r, config.ownerKeys);
      const cost = a.unused.length > 0 ? estimateMonthlyCost(r, config.prices, lookup) : undefined;
      for (const u of a.used) {
        const list = kept.get(u.ruleId) ?? [];
        list.push(`${r.kind} ${r.name}${r.namespace ? ` (${r.namespace})` : ''}: ${u.reason}`);
        kept.set(u.ruleId, list);
      }
      // A waived resource is reported however long it has been unused: it never gets a first-seen
      // time, and its owner should see what the waiver keeps.
      // So is what a report-only rule finds unused: it writes no first-seen time to count from.
      const reported = (x: UnusedVerdict) =>
        x.ripe || !!x.waiver || (x.rule.config.reportOnly && x.since === undefined);
      for (const v of a.unused.filter(reported)) {
        findings.push(findingOf(a, v, owner, cost, ctx.now));
        if (cost && !v.waiver) costs.push({ rule: v.ruleId, owner: owner ?? '(no owner)', cost });
      }
      for (const v of a.unused.filter((x) => !reported(x))) {
        const list = kept.get(v.ruleId) ?? [];
        list.push(
          `${r.kind} ${r.name}${r.namespace ? ` (${r.namespace})` : ''}: ${v.judgement.reason}, but not long enough: ${v.ripeAt ? `it is marked after ${v.ripeAt.toISOString()}` : 'counted from now, the first time the janitor sees it so'}`,
        );
        kept.set(v.ruleId, list);
      }
      // Every action of a resource is in its own group (its ref): a group for each that has any.
      const own = resourceActions(a, owner, ctx, estate, notes);
      actions.push(...own);
      if (own.length > 0) groups[r.ref] = { total: 1, healthy: 1, minHealthy: 0 };
    }
  }
  notes.push(...keptNotes(kept, config.keptInPlan), ...costNotes(costs));
  return { monkey: JANITOR_MONKEY_NAME, findings, actions, groups, notes };
}

/** The sizes the cost estimates look up: volumes (a stopped instance's), snapshots (an AMI's). */
function sizes(estate: ScopeEstate) {
  const volumes = new Map(
    resourcesOf(estate, 'Volume').flatMap((v) =>
      v.views?.volume?.sizeGiB !== undefined
        ? [
            [
              v.name,
              { sizeGiB: v.views.volume.sizeGiB, type: v.views.volume.type ?? 'gp2' },
            ] as const,
          ]
        : [],
    ),
  );
  const snapshots = new Map(
    resourcesOf(estate, 'Snapshot').flatMap((s) =>
      s.views?.snapshot?.sizeGiB !== undefined ? [[s.name, s.views.snapshot.sizeGiB] as const] : [],
    ),
  );
  return {
    volumeSize: (id: string) => volumes.get(id),
    snapshotSize: (id: string) => snapshots.get(id),
  };
}

function findingOf(
  a: Assessment,
  v: UnusedVerdict,
  owner: string | undefined,
  cost: CostEstimate | undefined,
  now: Date,
): Finding {
  const r = a.resource;
  const since = v.since ? `, unused since ${v.since.toISOString()} (${ageOf(v.since, now)})` : '';
  const report = v.rule.config.reportOnly ? ' [report only]' : '';
  return {
    ruleId: v.ruleId,
    severity: 'low',
    monkey: JANITOR_MONKEY_NAME,
    resource: {
      ref: r.ref,
      kind: r.kind,
      name: r.name,
      provider: r.provider,
      ...(r.namespace ? { namespace: r.namespace } : {}),
      ...(r.region ? { region: r.region } : {}),
      ...(r.context ? { context: r.context } : {}),
    },
    message: `${v.judgement.reason}${since}${cost ? `; about ${cost.monthly} ${cost.currency}/month` : ''}${report}`,
    evidence: {
      ...v.judgement.evidence,
      rule: v.rule.rule.title,
      ...(v.since ? { unusedSince: v.since.toISOString(), unusedFor: ageOf(v.since, now) } : {}),
      ...(v.judgement.sinceWhat ? { sinceIs: v.judgement.sinceWhat } : {}),
      ...(v.judgement.since === undefined && v.since
        ? { sinceFrom: JANITOR_MARKS.firstSeen! }
        : {}),
      ...(v.judgement.deadline ? {} : { threshold: v.rule.config.after }),
      ...(v.since === undefined && !v.judgement.deadline
        ? { unusedSince: 'unknown: a report-only rule records no first-seen time' }
        : {}),
      ...(owner ? { owner } : {}),
      ...(cost ? { monthlyCost: cost } : {}),
    },
    ...(v.waiver ? { waiver: v.waiver } : {}),
    group: r.ref,
  };
}

/**
 * The actions for one resource: its lifecycle (mark, act, unmark), and the janitor's own
 * bookkeeping of when it first saw the resource unused (recorded, or forgotten when it is used
 * again).
 */
function resourceActions(
  a: Assessment,
  owner: string | undefined,
  ctx: JanitorPlanContext,
  estate: ScopeEstate,
  notes: string[],
): Action[] {
  const r: Resource = { ...a.resource, ...(owner ? { owner } : {}) };
  const acting = a.unused.filter((v) => v.ripe && !v.waiver && !v.rule.config.reportOnly);
  const deadlines = acting.flatMap((v) => (v.judgement.deadline ? [v.judgement.deadline] : []));
  const decision = decideUnit({
    unit: { id: r.ref, name: `${r.kind} ${r.name}` },
    members: [r],
    rules: acting.map((v) => v.ruleId),
    keys: JANITOR_MARKS,
    now: ctx.now,
    gracePeriodMs: ctx.config.gracePeriod,
    ...(deadlines.length > 0 ? { deadline: new Date(Math.min(...deadlines.map(Number))) } : {}),
  });
  const dependsOn = listingsOf(estate, [
    ...a.unused.flatMap((v) => v.rule.reads),
    ...(a.used.length > 0 ? [r.kind] : []),
  ]);
  const first = acting[0];
  const ladder = first?.rule.config ?? { ladder: true, ladderWait: 0 };
  const removal = removalPlan(r, {
    ladder: ladder.ladder,
    ladderWait: ladder.ladderWait,
    now: ctx.now,
  });
  const what = `${r.kind} ${r.name}`;
  if (decision.phase === 'held' && decision.held) notes.push(`${what} is held: ${decision.held}`);
  if (decision.phase === 'due') {
    if (removal.held) notes.push(`${what} is held: ${removal.held}`);
    if (removal.waiting) notes.push(`${what} is due; waiting: ${removal.waiting}`);
  }
  const deadline = decision.deleteAfter?.toISOString() ?? '';
  const reasons = acting.map((v) => v.judgement.reason).join('; ');
  const actions = lifecycleActions(decision, {
    monkey: JANITOR_MONKEY_NAME,
    keys: JANITOR_MARKS,
    dependsOn,
    act: () => (removal.held ? undefined : removal.steps),
    reasons: {
      mark: `${reasons}: marked, the owner${owner ? ` (${owner})` : ''} is told; removed after ${deadline} unless it is used again, opted out or waived by then`,
      act: (step) => `${reasons}, still after its deadline ${deadline}: ${step.description}`,
      unmark: `${what} is used again, opted out or waived (${a.used.map((u) => u.reason).join('; ') || a.unused.find((v) => v.waiver)?.waiver?.reason || 'no rule finds it unused'}): the janitor's marks come off`,
    },
  });
  const seen = a.unused.find((v) => v.needsFirstSeen && !v.waiver && !v.rule.config.reportOnly);
  // Recorded even while another rule has the resource marked: that rule may stop calling for it.
  if (seen && decision.phase !== 'unmarking') {
    actions.push({
      id: `${JANITOR_MONKEY_NAME}:first-seen:${r.ref}`,
      monkey: JANITOR_MONKEY_NAME,
      verb: 'mark',
      resource: actionResource(r),
      reason: `${seen.judgement.reason}: first seen so now; marked once that has lasted ${formatAfter(seen.rule.config.after)}`,
      ruleId: seen.ruleId,
      group: r.ref,
      reversible: false,
      dependsOn,
      params: { marks: { [JANITOR_MARKS.firstSeen!]: ctx.now.toISOString() } },
    });
  }
  const countsFromFirstSeen = a.unused.some(
    (v) => v.judgement.since === undefined && !v.judgement.deadline,
  );
  if (a.firstSeen && !countsFromFirstSeen && decision.phase === 'conforming') {
    actions.push({
      id: `${JANITOR_MONKEY_NAME}:forget-first-seen:${r.ref}`,
      monkey: JANITOR_MONKEY_NAME,
      verb: 'unmark',
      resource: {
        ...actionResource(r),
        marks: { [JANITOR_MARKS.firstSeen!]: a.firstSeen.toISOString() },
      },
      reason: `${what} is in use again (${a.used.map((u) => u.reason).join('; ') || 'no rule finds it unused'}): the time it was first seen unused is forgotten`,
      group: r.ref,
      reversible: false,
      dependsOn,
      params: { keys: [JANITOR_MARKS.firstSeen!] },
    });
  }
  return actions;
}

const formatAfter = (ms: number) => formatDuration(ms) || '0s';

function listingsOf(estate: ScopeEstate, kinds: readonly string[]): InventoryKey[] {
  return [...new Set(kinds)].flatMap((k) => {
    const key = estate.keys.get(k);
    return key ? [key] : [];
  });
}

function keptNotes(kept: Map<string, string[]>, shown: number): string[] {
  return [...kept].map(([rule, list]) => {
    const named = list.slice(0, shown).join('; ');
    const more = list.length > shown ? `; and ${list.length - shown} more` : '';
    return `${rule} keeps ${list.length}: ${named}${more}`;
  });
}

function costNotes(costs: Array<{ rule: string; owner: string; cost: CostEstimate }>): string[] {
  if (costs.length === 0) return [];
  const currency = costs[0]!.cost.currency;
  const sum = (by: (c: (typeof costs)[number]) => string) => {
    const totals = new Map<string, number>();
    for (const c of costs) totals.set(by(c), (totals.get(by(c)) ?? 0) + c.cost.monthly);
    return [...totals]
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${v.toFixed(2)}`)
      .join(', ');
  };
  const total = costs.reduce((n, c) => n + c.cost.monthly, 0);
  return [
    `estimated monthly cost of what the janitor found unused: ${total.toFixed(2)} ${currency}; by rule: ${sum((c) => c.rule)}; by owner: ${sum((c) => c.owner)}`,
  ];
}
