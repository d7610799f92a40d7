import { decideUnit, type Resource, type UnitDecision, type UnitPhase } from '@simian/core';
import { CONFORMITY_MARKS } from './marks.js';
import type { Stack } from './stacks.js';

/** Where a stack stands in the enforcement lifecycle (mark, grace, teardown; or unmark). */
export type StackPhase = UnitPhase;

/** What to do with one stack in this run: the lifecycle's decision, its unit a stack. */
export type StackDecision = UnitDecision<Stack>;

/** Inputs of {@link decideStack}. */
export interface StackFacts {
  stack: Stack;
  /** Members: resources marked and torn down themselves (see `isStackMember`). */
  members: readonly Resource[];
  /** Enforced rule ids the stack breaks, waived findings left out. */
  violations: Iterable<string>;
  now: Date;
  /** Grace period in ms. */
  gracePeriodMs: number;
}

/**
 * Decides one stack's next step: the shared lifecycle (`decideUnit`) with the stack as its unit
 * and the conformity marks. A stack is marked when any member breaks an enforced rule, and due
 * when the latest deadline on any member has passed; its `act` members are torn down.
 */
export function decideStack(facts: StackFacts): StackDecision {
  return decideUnit({
    unit: facts.stack,
    members: facts.members,
    rules: facts.violations,
    keys: CONFORMITY_MARKS,
    now: facts.now,
    gracePeriodMs: facts.gracePeriodMs,
  });
}
