import { formatDuration, type Resource } from '@simian/core';
import type { TeardownMode } from './config.js';
import type { StackDecision } from './decide-stack.js';
import { teardownPlan } from './teardown.js';

/**
 * One line per stack that is anywhere in the enforcement lifecycle, for `simian plan` and the
 * journal: what happens to it in this run and when the next step is due.
 */
export function stackNote(
  decision: StackDecision,
  teardown: TeardownMode,
  now: Date,
): string | undefined {
  const { unit: stack, rules, deleteAfter } = decision;
  const name = `stack ${stack.id} (${stack.source})`;
  const when = deleteAfter
    ? `${deleteAfter.toISOString()} (${relative(deleteAfter, now)})`
    : 'an unknown time';
  switch (decision.phase) {
    case 'conforming':
      return undefined;
    case 'unmarking':
      return `${name} conforms to the enforced rules now, or its violations are waived: ${count(decision.unmark)} unmarked`;
    case 'newly-marked':
      return `${name} breaks enforced rule(s) ${rules.join(', ')}: ${count(decision.mark)} marked; ${teardown} after ${when}`;
    case 'in-grace':
      return `${name} breaks enforced rule(s) ${rules.join(', ')}: ${teardown} after ${when}${remarked(decision)}`;
    case 'held':
      return `${name} breaks enforced rule(s) ${rules.join(', ')} but is held: ${decision.held ?? ''}`;
    case 'due':
      return `${name} still breaks enforced rule(s) ${rules.join(', ')} after its deadline ${when}: ${teardownSummary(decision.act, teardown)}${remarked(decision)}`;
  }
}

function teardownSummary(members: readonly Resource[], mode: TeardownMode): string {
  const steps: string[] = [];
  const down: string[] = [];
  const left: string[] = [];
  for (const r of members) {
    const plan = teardownPlan(r, mode);
    if (plan?.kind === 'step') steps.push(plan.step.description);
    else if (plan?.kind === 'done') down.push(`${r.kind} ${r.name} (${plan.why})`);
    else if (plan?.kind === 'unsupported') left.push(`${r.kind} ${r.name} (${plan.why})`);
  }
  const parts: string[] = [];
  if (steps.length > 0) parts.push(`${mode}: ${steps.join(', ')}`);
  if (down.length > 0) parts.push(`already down: ${down.join(', ')}`);
  if (left.length > 0) parts.push(`left running: ${left.join(', ')}`);
  return parts.length > 0 ? parts.join('; ') : 'no workloads to take down';
}

function remarked(decision: StackDecision): string {
  return decision.mark.length > 0 ? `; ${count(decision.mark)} (re)marked` : '';
}

function count(resources: readonly Resource[]): string {
  return resources.length === 1 ? '1 resource' : `${resources.length} resources`;
}

function relative(at: Date, now: Date): string {
  const ms = at.getTime() - now.getTime();
  if (Math.abs(ms) < 1000) return 'now';
  return ms > 0 ? `in ${formatDuration(ms)}` : `${formatDuration(-ms)} ago`;
}
