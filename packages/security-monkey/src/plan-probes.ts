import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Finding, PlanContext, Resource } from '@simian/core';
import type { SecurityConfig } from './config.js';
import { confirmFindings } from './confirm.js';
import { discoverEndpoints } from './discover.js';
import { probeGate } from './probe-gate.js';
import { runProbes, type ProbeRun } from './probe/prober.js';
import type { Lookup } from './probe/resolve.js';
import { targetFromUrl, type ProbeTarget } from './probe/target.js';

/** What the probes add to a plan. */
export interface ProbePlan {
  findings: Finding[];
  notes: string[];
  run?: ProbeRun;
}

/** The configured targets: their host names are trusted, as the config names them. */
export function configuredTargets(config: SecurityConfig['probes']): ProbeTarget[] {
  return config.targets.map((t) => {
    const host = new URL(t.url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
    return targetFromUrl(t.url, {
      allow: { addresses: [], names: [host] },
      source: 'config',
      ...(t.context
        ? {
            context: t.context,
            confirms: [
              { ruleId: 'K8S-RBAC-006', context: t.context, when: 'anonymous-api' as const },
            ],
          }
        : {}),
    });
  });
}

/**
 * Lists the endpoint kinds, discovers targets from their views, passes each through the probe
 * gate, probes what passed, and marks the configuration findings a probe confirmed (in place).
 */
export async function planProbes(
  ctx: PlanContext<SecurityConfig>,
  configFindings: Finding[],
  lookup?: Lookup,
): Promise<ProbePlan> {
  const probes = ctx.config.probes;
  const notes: string[] = [];
  const resources: Resource[] = [];
  for (const [provider, kinds] of Object.entries(probes.discover.kinds)) {
    if (!ctx.inventory.hasProvider(provider)) continue;
    for (const kind of kinds) {
      for (const listing of await ctx.inventory.listAll(provider, kind)) {
        if (!listing.complete) {
          notes.push(
            `probes: listing ${kind} in ${provider} ${listing.key.scope} failed (${listing.error ?? 'incomplete'}); its endpoints are not probed`,
          );
        }
        resources.push(...listing.items);
      }
    }
  }
  const discovered = await discoverEndpoints(resources, configFindings, {
    ...probes.discover,
    networks: probes.networks,
    ...(lookup ? { lookup } : {}),
  });
  notes.push(...discovered.notes);

  const gate = await probeGate(ctx);
  const targets: ProbeTarget[] = [];
  for (const target of [...discovered.targets, ...configuredTargets(probes)]) {
    const held = await gate.judge(target, discovered.resources.get(target.url));
    if (held) notes.push(`probe of ${target.url} held back by the gate (${held})`);
    else targets.push(target);
  }
  if (targets.length === 0) return { findings: [], notes };

  const extraCa = await Promise.all(
    probes.tls.extraCaFiles.map((f) => readFile(resolve(ctx.global.source.dir, f), 'utf8')),
  );
  const run = await runProbes(targets, {
    limits: { concurrency: probes.concurrency, perEndpointRate: probes.perEndpointRate },
    timeoutMs: probes.timeout,
    maxBodyBytes: probes.maxBodyBytes,
    tls: {
      expiryHighDays: probes.tls.expiryHighDays,
      expiryWarnDays: probes.tls.expiryWarnDays,
      ...(extraCa.length > 0 ? { extraCa } : {}),
    },
    now: ctx.now,
    stopReason: gate.stopReason,
    signal: ctx.signal,
    ...(lookup ? { lookup } : {}),
  });
  for (const t of run.targets) {
    if (t.skipped) notes.push(`probe of ${t.target.url} skipped: ${t.skipped}`);
    else if (t.tls)
      notes.push(
        `TLS grade of ${t.target.url}: ${t.tls.grade}${t.tls.caps.length > 0 ? ` (${t.tls.caps.map((c) => c.reason).join('; ')})` : ''}`,
      );
  }
  const confirmed = confirmFindings(configFindings, run.targets);
  notes.push(
    `probes: ${run.targets.filter((t) => !t.skipped).length} of ${run.targets.length} endpoints probed with ${run.connections} connections in ${Math.round(run.durationMs)} ms; ${run.findings.length} findings; ${confirmed} configuration findings confirmed${run.stopped ? `; stopped early: ${run.stopped}` : ''}`,
  );
  return { findings: run.findings, notes, run };
}
