import {
  probeLatency,
  type Action,
  type ActionOutcome,
  type ApplyContext,
  type GatedPlan,
  type LatencySummary,
  type Resource,
} from '@simian/core';
import type { LatencyConfig } from '../config.js';
import { faultRequest, type FaultRequest } from '../fault-request.js';
import { latencyFinding } from '../name.js';
import { judgeMeasurement, type FaultMeasurement } from './judge.js';
import { probeTargetOf } from './probe-target.js';
import { wait } from './wait.js';

/** The apply context the latency monkey gets. */
export type LatencyApplyContext = ApplyContext<LatencyConfig>;

/**
 * Carries out the gated faults: per service (group), probe before, inject, let it settle, probe
 * during, hold it for its duration, remove it, probe after; then say what was asked and what was
 * measured, on the outcome, in an event, and as a finding when they disagree. Services proceed
 * side by side; a service's faults (netem: one per pod) go in and out together. A fault the
 * monkey cannot remove stays in the engine's hands: its deadline, the session's close, the expiry
 * on the object.
 */
export async function applyLatency(
  ctx: LatencyApplyContext,
  gated: GatedPlan,
): Promise<ActionOutcome[]> {
  const byGroup = new Map<string, Action[]>();
  for (const action of gated.allowed) {
    const key = action.group ?? action.id;
    byGroup.set(key, [...(byGroup.get(key) ?? []), action]);
  }
  const services = await servicesByRef(ctx);
  const results = await Promise.all(
    [...byGroup.entries()].map(([group, actions]) =>
      faultOneService(ctx, gated, actions, services.get(group)),
    ),
  );
  const injected = new Map(results.flatMap((r) => [...r.injected]));
  return [...gated.allowed.map((a) => injected.get(a)!), ...results.flatMap((r) => r.removed)];
}

/** The Services of every context, by ref (the latency monkey's groups). */
async function servicesByRef(ctx: LatencyApplyContext): Promise<Map<string, Resource>> {
  const listings = await ctx.inventory.listAll('kubernetes', 'Service');
  return new Map(listings.flatMap((l) => l.items.map((s) => [s.ref, s] as const)));
}

async function faultOneService(
  ctx: LatencyApplyContext,
  gated: GatedPlan,
  actions: Action[],
  service: Resource | undefined,
): Promise<{ injected: Map<Action, ActionOutcome>; removed: ActionOutcome[] }> {
  const fault = faultRequest(ctx.config);
  const measure = ctx.config.measure;
  const target = service && measure.enabled ? probeTargetOf(service, ctx.config) : undefined;
  const probe = target && !ctx.dryRun ? probeOf(ctx, target, fault) : undefined;
  if (measure.enabled && !ctx.dryRun && !target) {
    ctx.logger.warn(
      { group: actions[0]!.group },
      'nothing to probe on this service: the fault is not measured',
    );
  }

  const before = await probe?.();
  const injected = new Map<Action, ActionOutcome>();
  for (const action of actions) injected.set(action, await ctx.executor.execute(action));
  const live = [...injected.values()].filter((o) => o.status === 'succeeded');
  if (live.length === 0) return { injected, removed: [] };
  const since = Date.now();

  await wait(measure.settle, ctx.signal);
  const during = ctx.signal.aborted ? undefined : await probe?.();
  const deadline = Math.min(...live.map((o) => Date.parse(o.action.deadline ?? '')));
  // Hold for the duration, but never up to the deadline: the monkey removes its own faults.
  await wait(Math.min(since + fault.durationMs, deadline - 5_000) - Date.now(), ctx.signal);
  const why = ctx.signal.aborted
    ? 'the run was interrupted'
    : `its duration (${Math.round(fault.durationMs / 1000)}s) is over`;
  const removed: ActionOutcome[] = [];
  for (const o of live) {
    removed.push(
      await ctx.executor.execute({
        ...o.action,
        id: `${o.action.id}:remove`,
        verb: 'remove-fault',
        reason: `remove fault ${o.action.id}: ${why}`,
        reversible: false,
      }),
    );
  }
  const after = ctx.signal.aborted ? undefined : await probe?.();
  if (before && target) {
    const m = judgeMeasurement(
      ctx.config,
      {
        target,
        requested: fault,
        before,
        ...(during ? { during } : {}),
        ...(after ? { after } : {}),
      },
      coversAllTraffic(ctx.config, fault, actions, live),
    );
    await report(ctx, gated, live, m);
  }
  return { injected, removed };
}

/** A probe of `target` with the configured sampling, its timeout above the delay asked. */
function probeOf(ctx: LatencyApplyContext, target: string, fault: FaultRequest) {
  const m = ctx.config.measure;
  const timeoutMs = Math.max(m.timeout, 2 * (fault.delayMs + fault.jitterMs) + 1000);
  return (): Promise<LatencySummary> =>
    probeLatency(target, {
      samples: m.samples,
      intervalMs: m.interval,
      timeoutMs,
      signal: ctx.signal,
    });
}

/** Whether the fault reached all the traffic the probe sends: every pod, every request. */
function coversAllTraffic(
  config: LatencyConfig,
  fault: FaultRequest,
  planned: Action[],
  live: ActionOutcome[],
): boolean {
  switch (config.backend) {
    case 'network-chaos':
      return config.networkChaos.mode === 'all';
    case 'virtual-service':
      return fault.percent === 100;
    case 'netem':
      return live.length === planned.length;
    default:
      return true;
  }
}

/** Puts the measurement on the outcomes, tells the reporters, and makes a disagreement a finding. */
async function report(
  ctx: LatencyApplyContext,
  gated: GatedPlan,
  live: ActionOutcome[],
  m: FaultMeasurement,
): Promise<void> {
  for (const o of live) o.output = { ...o.output, latency: m };
  const first = live[0]!.action;
  const subject = first.group ?? first.resource.ref;
  const said =
    m.fidelity?.text ??
    `${m.noVerdict ?? 'measured'}; p50 ${m.before.p50Ms ?? '-'}ms before, ${m.during?.p50Ms ?? '-'}ms during, ${m.after?.p50Ms ?? '-'}ms after`;
  ctx.logger.info({ group: subject, ...m }, `latency on ${subject}: ${said}`);
  if (m.problem) {
    const resource = { ...first.resource, raw: undefined } as unknown as Resource;
    gated.findings.push(
      latencyFinding(m.problem.ruleId, 'medium', resource, m.problem.message, subject, {
        target: m.target,
        requested: m.requested,
        before: m.before,
        ...(m.during ? { during: m.during } : {}),
        ...(m.after ? { after: m.after } : {}),
        ...(m.fidelity ? { fidelity: m.fidelity } : {}),
      }),
    );
  }
  await ctx.emit({
    type: 'latency-measured',
    subject,
    resources: live.map((o) => ({
      ref: o.action.resource.ref,
      verb: o.action.verb,
      status: o.status,
    })),
    owners: [],
    text: `Latency on ${subject}: ${m.problem ? m.problem.message : said}`,
    data: { ...m },
  });
}
