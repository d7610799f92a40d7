import type { Resource } from '@simian/core';
import type { PolicyEngine, PolicyFinding } from '@simian/policy';
import { type StackGroup, type StacksConfig, groupByStack } from './stacks.js';

/** One stack after evaluation: its resources and the enforced rules it breaks. */
export interface EvaluatedStack extends StackGroup {
  /** Enforced rule ids with at least one finding that is not waived. */
  violations: Set<string>;
}

/** The findings of one scope, each with its stack as `group`, and the stacks. */
export interface EvaluatedScope {
  findings: PolicyFinding[];
  stacks: Map<string, EvaluatedStack>;
}

/**
 * Evaluates the policies over the judged resources of one scope (in the engine's batches, with
 * the related kinds published for lookups) and sorts the findings into stacks. Calls on one engine
 * must not overlap: each evaluation publishes its own `data.inventory`.
 */
export async function evaluateStacks(
  engine: PolicyEngine,
  judged: readonly Resource[],
  options: {
    related: readonly Resource[];
    stacks: StacksConfig;
    enforced: ReadonlySet<string>;
    now: Date;
  },
): Promise<EvaluatedScope> {
  const grouped = groupByStack(judged, options.stacks);
  const stackOfRef = new Map<string, string>();
  const stacks = new Map<string, EvaluatedStack>();
  for (const [id, group] of grouped) {
    stacks.set(id, { ...group, violations: new Set() });
    for (const r of group.resources) stackOfRef.set(r.ref, id);
  }

  const evaluated = await engine.evaluate(judged, {
    related: [...options.related],
    now: options.now,
  });
  const findings = evaluated.map((f) => {
    const group = stackOfRef.get(f.resource.ref);
    return group === undefined ? f : { ...f, group };
  });
  for (const f of findings) {
    const stack = f.group === undefined ? undefined : stacks.get(f.group);
    if (stack && !f.waiver && options.enforced.has(f.ruleId)) stack.violations.add(f.ruleId);
  }
  return { findings, stacks };
}
