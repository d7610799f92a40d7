import { decideOptIn, mtbfProbability, type Plan } from '@simian/core';
import { LATENCY_BACKENDS, type LatencyBackend } from '../backends/index.js';
import {
  expiryMarginMs,
  describeFault,
  faultRequest,
  type FaultRequest,
} from '../fault-request.js';
import { LATENCY_MONKEY_NAME, latencyFinding, listSome, type LatencyPlanContext } from '../name.js';
import { consequence, probeAtRisk } from './probe-timeouts.js';
import {
  describeService,
  serviceTarget,
  type ListingsByKind,
  type ServiceTarget,
} from './service-target.js';

/** The kinds every backend lists: the services, and their endpoints (their health). */
const BASE_KINDS = ['Service', 'EndpointSlice'];

/**
 * The latency monkey's plan: in every Kubernetes context, the opted-in Services (selector, ready
 * endpoints, MTBF draw) each get one bounded fault from the configured backend, with a deadline.
 * No side effects; reads only the shared inventory. Every service it passes over is named in a
 * note or a finding, with why.
 */
export async function planLatency(ctx: LatencyPlanContext): Promise<Plan> {
  const plan: Required<Omit<Plan, 'monkey'>> & { monkey: string } = {
    monkey: LATENCY_MONKEY_NAME,
    findings: [],
    actions: [],
    groups: {},
    notes: [],
  };
  if (!ctx.inventory.hasProvider('kubernetes')) {
    plan.notes.push('no Kubernetes target is configured: the latency monkey acts on Services');
    return plan;
  }
  const backend = LATENCY_BACKENDS[ctx.config.backend];
  const fault = faultRequest(ctx.config);
  const deadline = new Date(
    ctx.now.getTime() + fault.durationMs + expiryMarginMs(ctx.config),
  ).toISOString();
  for (const scope of ctx.inventory.provider('kubernetes').scopes()) {
    await planScope(ctx, backend, fault, deadline, scope, plan);
  }
  if (plan.actions.length > 0) {
    plan.notes.push(
      `fault: ${describeFault(fault)} for ${Math.round(fault.durationMs / 1000)}s via ${backend.name}, gone by ${deadline} at the latest`,
    );
  }
  return plan;
}

async function planScope(
  ctx: LatencyPlanContext,
  backend: LatencyBackend,
  fault: FaultRequest,
  deadline: string,
  scope: string,
  plan: Required<Plan>,
): Promise<void> {
  const kinds = [
    ...new Set([...BASE_KINDS, ...backend.reads.map((r) => r.replace(/^kubernetes:/, ''))]),
  ];
  const listed = await Promise.all(kinds.map((k) => ctx.inventory.list('kubernetes', k, scope)));
  const listings: ListingsByKind = new Map(listed.map((l) => [l.key.kind, l]));
  const required = [...BASE_KINDS, ...backend.requires];
  const failed = required.map((k) => listings.get(k)!).filter((l) => !l.complete);
  if (failed.length > 0) {
    plan.notes.push(
      `context ${scope}: no fault is planned, because the listing of ${failed.map((l) => `${l.key.kind} (${l.error ?? 'incomplete'})`).join(', ')} failed`,
    );
    return;
  }
  const dependsOn = required.map((k) => listings.get(k)!.key);
  const podsKnown = listings.get('Pod')?.complete === true;
  const passed: string[] = [];
  const services = [...listings.get('Service')!.items].sort((a, b) => (a.ref < b.ref ? -1 : 1));
  for (const service of services) {
    const decision = decideOptIn(
      [{ what: `Service ${describeService(service)}`, labels: service.labels }],
      ctx.config.optIn,
      ctx.global.safety.optOutLabel,
    );
    if (!decision.eligible) {
      passed.push(`${describeService(service)} (${decision.reason})`);
      continue;
    }
    const selector = service.views?.service?.selector;
    if (!selector) {
      plan.notes.push(
        `${describeService(service)}: opted in, but it has no pod selector: nothing to put a fault on`,
      );
      continue;
    }
    if (ctx.config.mtbf !== undefined) {
      const p = mtbfProbability(ctx.config.schedule, ctx.config.mtbf, ctx.now);
      if (ctx.rng.next() >= p) {
        plan.notes.push(`${describeService(service)}: not this run (mtbf draw, p=${p.toFixed(3)})`);
        continue;
      }
    }
    const target = serviceTarget(service, selector, scope, listings);
    const ready = target.endpoints.filter((e) => e.ready).length;
    if (ready === 0) {
      plan.notes.push(`${describeService(service)}: no ready endpoint, so no traffic to delay`);
      continue;
    }
    // A fault takes no member out: the group must be healthy, but may keep all its members.
    plan.groups[target.group] = {
      total: target.endpoints.length,
      healthy: ready,
      desired: target.endpoints.length,
      minHealthy: 0,
    };
    if (!checkProbes(ctx, backend, fault, target, podsKnown, plan)) continue;
    const result = backend.plan({ ctx, target, fault, deadline, listings, dependsOn });
    if ('skip' in result) {
      plan.notes.push(`${describeService(service)}: ${result.skip}`);
      if (result.finding) plan.findings.push(result.finding);
      continue;
    }
    plan.actions.push(...result.actions);
  }
  if (passed.length > 0) {
    plan.notes.push(
      `context ${scope}: ${passed.length} service(s) not eligible: ${listSome(passed, 5)}`,
    );
  }
}

/**
 * The probe-timeout warning: a network-level delay at or above a liveness or readiness probe's
 * timeout fails the kubelet's probes. A finding either way; `onProbeTimeout: skip` also leaves the
 * service out. Returns whether to go on planning the service.
 */
function checkProbes(
  ctx: LatencyPlanContext,
  backend: LatencyBackend,
  fault: FaultRequest,
  target: ServiceTarget,
  podsKnown: boolean,
  plan: Required<Plan>,
): boolean {
  if (!backend.reachesKubeletProbes || fault.delayMs <= 0) return true;
  const name = describeService(target.service);
  if (!podsKnown) {
    plan.notes.push(`${name}: its pods could not be listed, so their probe timeouts are unknown`);
    return ctx.config.onProbeTimeout !== 'skip';
  }
  const risk = probeAtRisk(target, fault);
  if (!risk) return true;
  const skip = ctx.config.onProbeTimeout === 'skip';
  const worst = fault.delayMs + fault.jitterMs;
  plan.findings.push(
    latencyFinding(
      'latency-probe-timeout',
      'medium',
      target.service,
      `a delay of up to ${worst}ms is at or above the ${risk.timeoutSeconds}s timeout of the ${risk.probe} probe of ${risk.pod}/${risk.container}: ${consequence(risk)}${skip ? '; the service is left out (onProbeTimeout: skip)' : '; injecting anyway (onProbeTimeout: warn)'}`,
      target.group,
      { ...risk, delayMs: fault.delayMs, jitterMs: fault.jitterMs },
    ),
  );
  if (skip) plan.notes.push(`${name}: left out: the delay would fail its ${risk.probe} probes`);
  return !skip;
}
