import type { Action, Finding, GroupHealth, PlanContext, Resource, Severity } from '@simian/core';
import type { ChaosConfig } from './config.js';

/** The monkey's name, as registered and as written under `monkeys:` in simian.yaml. */
export const CHAOS_MONKEY_NAME = 'chaos';

/** The plan context the chaos monkey gets. */
export type ChaosPlanContext = PlanContext<ChaosConfig>;

/** What one target (Kubernetes, AWS) adds to the plan. */
export interface PlanPart {
  findings: Finding[];
  actions: Action[];
  groups: Record<string, GroupHealth>;
  notes: string[];
}

/** An empty part, to fill. */
export const emptyPart = (): PlanPart => ({ findings: [], actions: [], groups: {}, notes: [] });

/** Joins parts in order. */
export function mergeParts(parts: PlanPart[]): PlanPart {
  const out = emptyPart();
  for (const p of parts) {
    out.findings.push(...p.findings);
    out.actions.push(...p.actions);
    Object.assign(out.groups, p.groups);
    out.notes.push(...p.notes);
  }
  return out;
}

/** A finding of the chaos monkey about one resource. */
export function chaosFinding(
  ruleId: string,
  severity: Severity,
  resource: Resource,
  message: string,
  group: string,
  evidence?: Record<string, unknown>,
): Finding {
  return {
    ruleId,
    severity,
    monkey: CHAOS_MONKEY_NAME,
    resource: {
      ref: resource.ref,
      kind: resource.kind,
      name: resource.name,
      provider: resource.provider,
      ...(resource.namespace ? { namespace: resource.namespace } : {}),
      ...(resource.region ? { region: resource.region } : {}),
      ...(resource.context ? { context: resource.context } : {}),
    },
    message,
    group,
    ...(evidence ? { evidence } : {}),
  };
}

/** Names a list in a note, at most `max` of them. */
export function listSome(items: string[], max = 10): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/**
 * Healthy members every group keeps: the monkey's `minHealthy`, else the monkey's
 * `safety.blastRadius.minHealthy`, else the global one (the gate uses the same order).
 */
export const minHealthyOf = (ctx: ChaosPlanContext): number =>
  ctx.config.minHealthy ??
  ctx.config.safety.blastRadius?.minHealthy ??
  ctx.global.safety.blastRadius.minHealthy;
