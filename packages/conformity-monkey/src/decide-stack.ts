import type { Resource } from '@simian/core';
import { formatRuleList, readMark } from './marks.js';
import type { Stack } from './stacks.js';

/** Where a stack stands in the enforcement lifecycle (mark, grace, teardown; or unmark). */
export type StackPhase =
  /** No enforced rule is broken (or each is waived), and nothing is marked. */
  | 'conforming'
  /** Marked, but conforming (or waived) now: the marks come off. */
  | 'unmarking'
  /** Breaks an enforced rule and carries no mark yet: marked now, the grace period starts. */
  | 'newly-marked'
  /** Marked, deadline not reached. */
  | 'in-grace'
  /** Marked, deadline passed, still breaking an enforced rule: torn down. */
  | 'due'
  /** A mark cannot be read (someone edited it): nothing is torn down until it is fixed. */
  | 'held';

/** What to do with one stack in this run. Pure data: the plan turns it into actions. */
export interface StackDecision {
  stack: Stack;
  phase: StackPhase;
  /** Enforced rules the stack breaks (not waived), sorted. */
  rules: string[];
  /** When the stack was first marked (now, for a new mark). */
  markedAt?: Date;
  /** When the stack may be torn down. */
  deleteAfter?: Date;
  /** Members to mark (no mark yet, or one naming other rules). The stack's deadline is kept. */
  mark: Resource[];
  /** Members whose mark comes off. */
  unmark: Resource[];
  /** Marked members whose deadline has passed. */
  teardown: Resource[];
  /** Why the stack is held, when it is. */
  held?: string;
}

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
 * Decides one stack's next step from its violations and the marks on its members. The stack is
 * one unit: it is marked when any member breaks an enforced rule, and it is due when the latest
 * deadline on any member has passed (so a person who moves one member's deadline later moves the
 * stack's). Members that join a marked stack get the stack's deadline, not a fresh one, and are
 * torn down only from the run after they carry the mark.
 */
export function decideStack(facts: StackFacts): StackDecision {
  const { stack, members, now } = facts;
  const rules = [...new Set(facts.violations)].sort();
  const marks = new Map(members.map((m) => [m, readMark(m)]));
  const marked = members.filter((m) => marks.get(m) !== undefined);
  const base = { stack, rules, mark: [], unmark: [], teardown: [] };

  if (rules.length === 0) {
    return marked.length > 0
      ? { ...base, phase: 'unmarking', unmark: marked }
      : { ...base, phase: 'conforming' };
  }
  if (marked.length === 0) {
    return {
      ...base,
      phase: 'newly-marked',
      markedAt: now,
      deleteAfter: new Date(now.getTime() + facts.gracePeriodMs),
      mark: [...members],
    };
  }

  const unreadable = marked.filter((m) => marks.get(m)?.deleteAfter === undefined);
  const deadlines = marked.flatMap((m) => marks.get(m)?.deleteAfter ?? []);
  const starts = marked.flatMap((m) => marks.get(m)?.markedAt ?? []);
  const markedAt = starts.length > 0 ? new Date(Math.min(...starts.map(Number))) : now;
  const deleteAfter =
    deadlines.length > 0
      ? new Date(Math.max(...deadlines.map(Number)))
      : new Date(now.getTime() + facts.gracePeriodMs);
  const wanted = formatRuleList(rules);
  // A mark a person made unreadable is theirs to fix: it is neither overwritten nor acted on.
  const mark = members.filter((m) => {
    const current = marks.get(m);
    if (current === undefined) return true;
    return current.deleteAfter !== undefined && formatRuleList(current.rules) !== wanted;
  });
  const decision = { ...base, markedAt, deleteAfter, mark };

  if (unreadable.length > 0) {
    const names = unreadable.map(
      (m) => `${m.kind} ${m.name} ("${marks.get(m)?.deleteAfterText ?? ''}")`,
    );
    return {
      ...decision,
      phase: 'held',
      held: `the delete-after mark of ${names.join(', ')} is not a time; fix or remove it`,
    };
  }
  if (now.getTime() < deleteAfter.getTime()) return { ...decision, phase: 'in-grace' };
  return { ...decision, phase: 'due', teardown: marked };
}
